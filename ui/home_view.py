"""Inicio: the association and today's collection at a glance."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from coop_desktop.numbers import ZERO
from coop_desktop.services.association import get_association
from coop_desktop.services.deliveries import list_deliveries
from coop_desktop.storage.engine import Database


class HomeView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        layout = QVBoxLayout(self)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.title.setFont(font)
        self.location = QLabel()
        self.today = QLabel()
        for w in (self.title, self.location, self.today):
            w.setAlignment(Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(w)
        layout.addStretch()
        self.refresh()

    def refresh(self) -> None:
        association = get_association(self.db)
        self.title.setText(association.name if association else "")
        self.location.setText(
            self.tr("Base de datos: %1").replace("%1", self.db.location.describe())
        )
        rows = list_deliveries(self.db, day=date.today())
        by_shift = {
            s: sum((d.quantity for d in rows if d.shift == s and not d.rejected), ZERO)
            for s in ("am", "pm")
        }
        self.today.setText(
            self.tr("Hoy: mañana %1 L, tarde %2 L (%3 entregas)")
            .replace("%1", f"{by_shift['am']:,.1f}")
            .replace("%2", f"{by_shift['pm']:,.1f}")
            .replace("%3", str(len(rows)))
        )

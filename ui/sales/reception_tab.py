"""Ventas › Recepciones: the dispatches waiting for the buyer's measure; type what the buyer
measured (quantity, fat) and record it, or reject it with the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError
from coop_desktop.services.sales.dispatches import list_dispatches, receive_dispatch
from coop_desktop.storage.engine import Database
from ui.common import fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.runner import app_runner

ID_ROLE = Qt.ItemDataRole.UserRole


class ReceptionTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Despachos sin recepción</b>")))
        self.pending = QListWidget()
        layout.addWidget(self.pending, 1)
        row = QHBoxLayout()
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(self.tr("Litros que midió el comprador"))
        self.fat = QLineEdit()
        self.fat.setPlaceholderText(self.tr("Grasa %"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Motivo del rechazo"))
        self.receive_button = QPushButton(self.tr("Registrar recepción"))
        self.reject_button = QPushButton(self.tr("Rechazado"))
        self.receive_button.clicked.connect(lambda: self.record(False))
        self.reject_button.clicked.connect(lambda: self.record(True))
        for w in (self.quantity, self.fat, self.receive_button, self.reason, self.reject_button):
            row.addWidget(w)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        follow(self, self.runner, ("sales",), self.reload)
        self.reload()

    def reload(self) -> None:
        self.pending.clear()
        for d in list_dispatches(self.db):
            if d.status != "pending":
                continue
            item = QListWidgetItem(
                f"{d.guide}  {fmt.day(d.day)} {d.shift}  {d.buyer} {d.buyer_name}  "
                f"{fmt.quantity(d.quantity, d.unit)}"
            )
            item.setData(ID_ROLE, d.id)
            self.pending.addItem(item)
        if self.pending.count():
            self.pending.setCurrentRow(0)

    def record(self, reject: bool) -> None:
        item = self.pending.currentItem()
        if item is None:
            self.status.setText(self.tr("No hay despachos pendientes."))
            return
        measures = {"fat": self.fat.text()} if self.fat.text().strip() else {}
        try:
            d = receive_dispatch(
                self.db,
                int(item.data(ID_ROLE)),
                self.quantity.text(),
                "L",
                measures=measures,
                reject=reject,
                reason=self.reason.text() or None,
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        r = d.reception
        assert r is not None
        self.status.setText(
            self.tr("Guía %1: rechazada.").replace("%1", d.guide)
            if r.rejected
            else self.tr("Guía %1: venta de %2.")
            .replace("%1", d.guide)
            .replace("%2", fmt.money(r.amount))
        )
        for edit in (self.quantity, self.fat, self.reason):
            edit.clear()
        self.runner.announce("sales", source=self)
        self.reload()

"""Por ruta: the centre's members in route order with their last three deliveries; type a
quantity and Enter saves it and moves to the next member."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.errors import CoopError
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.routes import RouteStop, centres, route
from coop_desktop.storage.engine import Database
from ui.collection_view import CollectionView
from ui.errors import message
from ui.tables import tidy

QUANTITY = 4


class RouteView(QWidget):
    def __init__(
        self, db: Database, collection: CollectionView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.collection = collection  # shares its date and shift
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.centre = QComboBox()
        for c in centres(db):
            self.centre.addItem(f"{c.code} — {c.name}", c.id)
        top.addWidget(QLabel(self.tr("Centro de acopio:")))
        top.addWidget(self.centre, 1)
        layout.addLayout(top)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Orden"),
                self.tr("Código"),
                self.tr("Socio"),
                self.tr("Últimas entregas"),
                self.tr("Cantidad (L)"),
                self.tr("Estado"),
            ]
        )
        tidy(self.table, stretch=2)
        layout.addWidget(self.table)
        self.stops: list[RouteStop] = []
        self.centre.currentIndexChanged.connect(lambda _i: self.refresh())
        collection.day.dateChanged.connect(lambda _d: self.refresh())
        collection.shift.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.itemChanged.connect(self.typed)
        self.refresh()

    def refresh(self) -> None:
        centre_id = self.centre.currentData()
        self.stops = (
            []
            if centre_id is None
            else route(
                self.db,
                centre_id,
                self.collection.chosen_day(),
                self.collection.shift.currentData(),
            )
        )
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.stops))
        for row, stop in enumerate(self.stops):
            m = stop.member
            cells = [
                str(m.route_order or ""),
                m.code,
                m.full_name,
                " · ".join(f"{q.normalize():f}" for q in stop.last),
                "" if stop.this_shift is None else f"{stop.this_shift.normalize():f}",
                self.tr("Registrada") if stop.this_shift is not None else "",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col != QUANTITY or stop.this_shift is not None:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self.focus_next(0)

    def focus_next(self, start: int) -> None:
        for row in range(start, len(self.stops)):
            if self.stops[row].this_shift is None:
                self.table.setCurrentCell(row, QUANTITY)
                return

    def typed(self, item: QTableWidgetItem) -> None:
        """A quantity typed in a row: save it, or say what is wrong and keep it."""
        if item.column() != QUANTITY or not item.text().strip():
            return
        row = item.row()
        stop = self.stops[row]
        self.error.clear()
        try:
            add_delivery(
                self.db,
                stop.member.code,
                item.text(),
                "L",
                self.collection.chosen_day(),
                self.collection.shift.currentData(),
            )
        except CoopError as exc:
            self.error.setText(f"{stop.member.code}: {message(exc)}")
            return
        except Exception as exc:  # nothing typed is lost
            self.error.setText(message(exc))
            return
        self.collection.refresh()
        self.refresh()
        self.focus_next(row + 1)

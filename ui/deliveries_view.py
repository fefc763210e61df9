"""Every delivery, newest first, in a lazy table: rows are read a page at a time as the user
scrolls (canFetchMore/fetchMore), so a million deliveries open at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from coop_desktop.services.deliveries import count_deliveries, page_deliveries
from coop_desktop.services.dto import DeliveryInfo
from coop_desktop.storage.engine import Database
from ui.tables import Index, RowsModel, tidy

PAGE = 500


class LazyDeliveries(RowsModel):
    def __init__(self, db: Database) -> None:
        super().__init__([])
        self.db = db
        self.rows: list[DeliveryInfo] = []
        self.done = False
        self.headers = [
            self.tr("N° entrega"),
            self.tr("Fecha"),
            self.tr("Turno"),
            self.tr("Código"),
            self.tr("Socio"),
            self.tr("Cantidad"),
            self.tr("Estado"),
        ]
        self.shifts = {"am": self.tr("mañana"), "pm": self.tr("tarde")}
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self.done

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self.done:
            return
        before = self.rows[-1].id if self.rows else None
        page = page_deliveries(self.db, before, PAGE)
        if len(page) < PAGE:
            self.done = True
        if page:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        d = self.rows[index.row()]
        status = (
            (self.tr("Rechazada: ") + (d.reject_reason or ""))
            if d.rejected
            else (self.tr("Aceptada"))
        )
        return (
            str(d.id),
            d.date.strftime("%d/%m/%Y"),
            self.shifts.get(d.shift, d.shift),
            d.member_code,
            d.member_name,
            f"{d.quantity.normalize():f} {d.unit}",
            status,
        )[index.column()]


class DeliveriesView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.count = QLabel(
            self.tr("%1 entregas registradas").replace("%1", f"{count_deliveries(db):,}")
        )
        from datetime import date

        from PySide6.QtWidgets import QHBoxLayout

        from ui.export_dialog import export_button

        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        self.export_button = export_button(
            self, db, "deliveries", lambda: date.today().strftime("%Y-%m")
        )
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.model = LazyDeliveries(db)
        self.table = QTableView()
        self.table.setModel(self.model)
        tidy(self.table, stretch=4)
        header = self.table.horizontalHeader()
        from PySide6.QtWidgets import QHeaderView

        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # no scan of all rows
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)

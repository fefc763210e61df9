"""Ventas › Despachos: typed like Acopio (buyer code → Tab → quantity → Enter saves and starts
the next row), the day's dispatches below with their guide numbers."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError
from coop_desktop.services.sales.dispatches import DispatchInfo, add_dispatch, list_dispatches
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.error_text import message
from ui.common.runner import app_runner


def status_word(widget: QWidget, status: str) -> str:
    words = {
        "pending": widget.tr("pendiente"),
        "received": widget.tr("recibido"),
        "rejected": widget.tr("rechazado"),
        "void": widget.tr("ANULADO"),
    }
    return words.get(status, status)


class DispatchTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.day = dates.DateField()
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.shift = QComboBox()
        self.shift.addItem(self.tr("mañana"), "am")
        self.shift.addItem(self.tr("tarde"), "pm")
        self.centre = QLineEdit()
        self.centre.setPlaceholderText("C01")
        self.centre.setMaximumWidth(70)
        self.buyer = QLineEdit()
        self.buyer.setPlaceholderText(self.tr("Comprador"))
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(self.tr("Litros"))
        self.fat = QLineEdit()
        self.fat.setPlaceholderText(self.tr("Grasa %"))
        self.temperature = QLineEdit()
        self.temperature.setPlaceholderText(self.tr("°C"))
        for label, widget in (
            (self.tr("Fecha:"), self.day),
            (self.tr("Turno:"), self.shift),
            (self.tr("Centro:"), self.centre),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addStretch()
        layout.addLayout(row)
        entry = QHBoxLayout()
        for widget in (self.buyer, self.quantity, self.fat, self.temperature):
            entry.addWidget(widget)
            widget.returnPressed.connect(self.save)
        layout.addLayout(entry)
        self.status = QLabel(
            self.tr("Escriba el comprador, la cantidad y Enter: se guarda con su guía.")
        )
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Guía"),
                self.tr("Turno"),
                self.tr("Centro"),
                self.tr("Comprador"),
                self.tr("Cantidad"),
                self.tr("Recibido"),
                self.tr("Monto"),
                self.tr("Estado"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.reload()

    def save(self) -> None:
        if not self.day.confirm_far(self):  # a date of another month is said back first
            return
        measures = {"fat": self.fat.text()} if self.fat.text().strip() else {}
        try:
            made = add_dispatch(
                self.db,
                self.buyer.text(),
                self.quantity.text(),
                "L",
                dates.pydate(self.day),
                str(self.shift.currentData()),
                centre=self.centre.text().strip() or None,
                measures=measures,
                temperature=self.temperature.text().strip() or None,
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        for edit in (self.buyer, self.quantity, self.fat, self.temperature):
            edit.clear()
        self.buyer.setFocus()
        self.status.setText(
            self.tr("Guía %1: %2 para %3.")
            .replace("%1", made.guide)
            .replace("%2", fmt.quantity(made.quantity, made.unit))
            .replace("%3", made.buyer_name)
        )
        self.runner.announce("sales", source=self)
        self.reload()

    def reload(self) -> None:
        day = dates.pydate(self.day)
        self.show_rows(list_dispatches(self.db, day, day))

    def show_rows(self, rows: list[DispatchInfo]) -> None:
        self.table.setRowCount(len(rows))
        for i, d in enumerate(rows):
            r = d.reception
            cells = [
                d.guide,
                d.shift,
                d.centre or "",
                f"{d.buyer} {d.buyer_name}",
                fmt.quantity(d.quantity, d.unit),
                "" if r is None else fmt.quantity(r.quantity, r.unit),
                "" if r is None else fmt.amount(r.amount),
                status_word(self, d.status),
            ]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))

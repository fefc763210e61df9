"""Ventas › Despachos: typed like Acopio (the buyer by code or name → Tab → quantity → Enter
saves and starts the next row), in litres or kilograms, with the quick tests of the guide; the
day's dispatches below with their guide numbers. A dispatch recorded by mistake is annulled
with its reason (its guide number stays, marked ANULADO)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError, ValidationError
from coop_desktop.services.centres import list_centres
from coop_desktop.services.sales.buyers import BuyerInfo, list_buyers
from coop_desktop.services.sales.dispatch_list import DispatchInfo, list_dispatches
from coop_desktop.services.sales.dispatches import add_dispatch, void_dispatch
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.runner import app_runner
from ui.sales.buyer_lookup import BuyerField, BuyerIndex


def status_word(widget: QWidget, status: str) -> str:
    words = {
        "pending": widget.tr("pendiente"),
        "received": widget.tr("recibido"),
        "rejected": widget.tr("rechazado"),
        "void": widget.tr("ANULADO"),
    }
    return words.get(status, status)


def centre_combo(db: Database, parent: QWidget) -> QComboBox:
    """The centres to choose from; the first entry (blank) means the only centre."""
    combo = QComboBox(parent)
    combo.addItem("", None)
    for c in list_centres(db):
        combo.addItem(f"{c.code} {c.name}", c.code)
    return combo


class DispatchTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.rows: list[DispatchInfo] = []
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.day = dates.DateField()
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.shift = QComboBox()
        self.shift.addItem(self.tr("mañana"), "am")
        self.shift.addItem(self.tr("tarde"), "pm")
        self.centre = centre_combo(db, self)
        for label, widget in (
            (self.tr("Fecha:"), self.day),
            (self.tr("Turno:"), self.shift),
            (self.tr("Centro:"), self.centre),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addStretch()
        layout.addLayout(row)
        self.buyers = BuyerIndex(list_buyers(db))
        self.buyer = BuyerField(self.buyers)
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(self.tr("Cantidad"))
        self.unit = QComboBox()
        for unit in ("L", "kg"):
            self.unit.addItem(unit, unit)
        self.fat = QLineEdit()
        self.fat.setPlaceholderText(self.tr("Grasa %"))
        self.density = QLineEdit()
        self.density.setPlaceholderText(self.tr("Densidad"))
        self.temperature = QLineEdit()
        self.temperature.setPlaceholderText(self.tr("°C"))
        self.alcohol = QComboBox()
        self.alcohol.addItem(self.tr("Alcohol: —"), None)
        self.alcohol.addItem(self.tr("Alcohol: negativo"), False)
        self.alcohol.addItem(self.tr("Alcohol: positivo"), True)
        entry = QHBoxLayout()
        edits = (self.buyer, self.quantity, self.fat, self.density, self.temperature)
        for field in (self.buyer, self.quantity, self.unit, *edits[2:], self.alcohol):
            entry.addWidget(field)
        for edit in edits:
            edit.returnPressed.connect(self.save)
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
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.void_button = QPushButton(self.tr("Anular despacho…"))
        self.void_button.clicked.connect(lambda: self.void())
        actions.addWidget(self.void_button)
        actions.addStretch()
        layout.addLayout(actions)
        follow(self, self.runner, ("sales",), self.reload)
        self.reload()

    def save(self) -> None:
        if not self.day.confirm_far(self):  # a date of another month, said back first
            return
        measures = {
            key: edit.text()
            for key, edit in (("fat", self.fat), ("density", self.density))
            if edit.text().strip()
        }
        try:
            buyer = self.buyer_typed()
            made = add_dispatch(
                self.db,
                buyer.code,
                self.quantity.text(),
                str(self.unit.currentData()),
                dates.pydate(self.day),
                str(self.shift.currentData()),
                centre=self.centre.currentData(),
                measures=measures,
                temperature=self.temperature.text().strip() or None,
                alcohol_positive=self.alcohol.currentData(),
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        for edit in (self.buyer, self.quantity, self.fat, self.density, self.temperature):
            edit.clear()
        self.alcohol.setCurrentIndex(0)
        self.buyer.setFocus()
        self.status.setText(
            self.tr("Guía %1: %2 para %3.")
            .replace("%1", made.guide)
            .replace("%2", fmt.quantity(made.quantity, made.unit))
            .replace("%3", made.buyer_name)
        )
        self.runner.announce_writes(source=self)
        self.reload()

    def buyer_typed(self) -> BuyerInfo:
        """The buyer typed; the list is read again before saying there is no such buyer (one
        added a moment ago on another tab or PC)."""
        try:
            return self.buyers.resolve(self.buyer.text())
        except ValidationError:
            self.buyers.replace(list_buyers(self.db))
            return self.buyers.resolve(self.buyer.text())

    def reload(self) -> None:
        self.buyers.replace(list_buyers(self.db))
        day = dates.pydate(self.day)
        self.show_rows(list_dispatches(self.db, day, day))

    def show_rows(self, rows: list[DispatchInfo]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, d in enumerate(rows):
            r = d.reception
            cells = [
                d.guide,
                fmt.word(d.shift),
                d.centre or "",
                f"{d.buyer} {d.buyer_name}",
                fmt.quantity(d.quantity, d.unit),
                "" if r is None else fmt.quantity(r.quantity, r.unit),
                "" if r is None else fmt.amount(r.amount),
                status_word(self, d.status),
            ]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))

    def void(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.status.setText(self.tr("Elija el despacho a anular."))
            return
        d = self.rows[row]
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Anular despacho"),
            self.tr("Motivo para anular la guía %1:").replace("%1", d.guide),
        )
        if not ok:
            return
        try:
            void_dispatch(self.db, d.id, reason)
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.status.setText(self.tr("Guía %1: anulada.").replace("%1", d.guide))
        self.runner.announce_writes(source=self)
        self.reload()

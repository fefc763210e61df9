"""Ventas › Gastos: the collection's expenses (transport, cleaning, analyzer, staff, other),
dated, with a note; those of a range listed with their total. One recorded by mistake is
reversed by an entry of the opposite amount (both stay)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError
from coop_desktop.core.numbers import ZERO
from coop_desktop.services.sales.expenses import (
    ExpenseInfo,
    add_expense,
    list_expenses,
    reverse_expense,
)
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.runner import app_runner
from ui.sales.widgets import DayRange, ask_reason, fill, table


class ExpensesTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.rows: list[ExpenseInfo] = []
        self.categories = {
            "transport": self.tr("Transporte"),
            "cleaning": self.tr("Limpieza"),
            "analyzer": self.tr("Analizador"),
            "staff": self.tr("Personal"),
            "other": self.tr("Otros"),
        }
        layout = QVBoxLayout(self)
        entry = QHBoxLayout()
        self.category = QComboBox()
        for key, label in self.categories.items():
            self.category.addItem(label, key)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("Monto S/"))
        self.day = dates.DateField()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Nota (p. ej. flete del camión)"))
        self.add_button = QPushButton(self.tr("Registrar gasto"))
        self.add_button.clicked.connect(lambda: self.add())
        for widget in (
            QLabel(self.tr("Gasto:")),
            self.category,
            self.amount,
            self.day,
            self.note,
            self.add_button,
        ):
            entry.addWidget(widget)
        layout.addLayout(entry)
        self.range = DayRange(self.reload)
        layout.addWidget(self.range)
        self.table = table(
            [self.tr("Fecha"), self.tr("Categoría"), self.tr("Monto"), self.tr("Nota")]
        )
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.total = QLabel()
        self.reverse_button = QPushButton(self.tr("Revertir gasto…"))
        self.reverse_button.clicked.connect(lambda: self.reverse())
        bottom.addWidget(self.total, 1)
        bottom.addWidget(self.reverse_button)
        layout.addLayout(bottom)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        follow(self, self.runner, ("sales",), self.reload)
        self.reload()

    def reload(self) -> None:
        start, end = self.range.range()
        self.rows = list_expenses(self.db, start, end)
        fill(
            self.table,
            [
                (
                    fmt.day(e.day),
                    self.categories.get(e.category, e.category),
                    fmt.amount(e.amount),
                    (e.note or "") + (self.tr(" (revertido)") if e.reversed else ""),
                )
                for e in self.rows
            ],
        )
        self.total.setText(
            self.tr("Total del rango: %1").replace(
                "%1", fmt.money(sum((e.amount for e in self.rows), ZERO))
            )
        )

    def add(self) -> None:
        if not self.day.confirm_far(self):  # a date of another month, said back first
            return
        try:
            made = add_expense(
                self.db,
                str(self.category.currentData()),
                self.amount.text(),
                dates.pydate(self.day),
                self.note.text() or None,
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.amount.clear()
        self.note.clear()
        self.status.setText(
            self.tr("Gasto %1 registrado: %2.")
            .replace("%1", str(made.id))
            .replace("%2", fmt.money(made.amount))
        )
        self.runner.announce_writes(source=self)
        self.reload()

    def reverse(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.status.setText(self.tr("Elija el gasto a revertir."))
            return
        e = self.rows[row]
        reason = ask_reason(self, self.tr("Revertir gasto"), self.tr("Motivo de la reversión:"))
        if reason is None:
            return
        try:
            reverse_expense(self.db, e.id, reason)
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.status.setText(self.tr("Gasto %1 revertido.").replace("%1", str(e.id)))
        self.runner.announce_writes(source=self)
        self.reload()

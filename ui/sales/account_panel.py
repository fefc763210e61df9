"""The selected buyer's account on Ventas › Compradores: sales priced on receipt, payments
received (with their date and reference; one recorded by mistake is reversed), the balance;
and the buyer's own liquidación (CSV or XLSX) compared day by day, every day that differs
listed in a dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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

from coop_desktop.core.errors import CoopError
from coop_desktop.domain.sales.reconcile import DayFigures
from coop_desktop.services.sales.accounts import (
    AccountEntry,
    Reconciliation,
    buyer_account,
    receive_payment,
    reconcile,
    reverse_payment_entry,
)
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.error_text import message
from ui.common.runner import app_runner


class AccountPanel(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.code: str | None = None
        self.entries_shown: list[AccountEntry] = []
        layout = QVBoxLayout(self)
        self.title = QLabel()
        layout.addWidget(self.title)
        self.entries = QTableWidget(0, 5)
        self.entries.setHorizontalHeaderLabels(
            [
                self.tr("Fecha"),
                self.tr("Concepto"),
                self.tr("Referencia"),
                self.tr("Monto"),
                self.tr("Saldo"),
            ]
        )
        self.entries.horizontalHeader().setStretchLastSection(True)
        self.entries.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        layout.addWidget(self.entries, 1)
        pay = QHBoxLayout()
        self.pay_day = dates.DateField()
        self.pay_amount = QLineEdit()
        self.pay_amount.setPlaceholderText(self.tr("Monto recibido"))
        self.pay_reference = QLineEdit()
        self.pay_reference.setPlaceholderText(self.tr("Referencia"))
        self.pay_button = QPushButton(self.tr("Registrar pago"))
        self.pay_button.clicked.connect(lambda: self.pay())
        for w in (self.pay_day, self.pay_amount, self.pay_reference, self.pay_button):
            pay.addWidget(w)
        layout.addLayout(pay)
        actions = QHBoxLayout()
        self.reverse_button = QPushButton(self.tr("Revertir pago…"))
        self.reverse_button.clicked.connect(lambda: self.reverse())
        self.import_button = QPushButton(self.tr("Comparar con la liquidación del comprador…"))
        self.import_button.clicked.connect(lambda: self.compare())
        actions.addWidget(self.reverse_button)
        actions.addWidget(self.import_button)
        actions.addStretch()
        layout.addLayout(actions)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

    def show_buyer(self, code: str | None) -> None:
        self.code = code
        if code is None:
            self.entries.setRowCount(0)
            self.title.setText(self.tr("<b>Sin compradores</b>"))
            return
        account = buyer_account(self.db, code)
        self.title.setText(
            self.tr("<b>Cuenta de %1</b> — saldo por cobrar %2")
            .replace("%1", f"{account.buyer.code} {account.buyer.name}")
            .replace("%2", fmt.money(account.balance))
        )
        self.entries_shown = list(account.entries)
        self.entries.setRowCount(len(account.entries))
        for i, e in enumerate(account.entries):
            cells = (
                fmt.day(e.day),
                e.description,
                e.reference or "",
                fmt.amount(e.amount),
                fmt.amount(e.balance),
            )
            for j, text in enumerate(cells):
                self.entries.setItem(i, j, QTableWidgetItem(text))

    def changed(self) -> None:
        self.runner.announce_writes(source=self.parentWidget() or self)
        self.show_buyer(self.code)

    def pay(self) -> None:
        if not self.pay_day.confirm_far(self):  # a date of another month, said back first
            return
        if self.code is None:
            return
        try:
            receive_payment(
                self.db,
                self.code,
                self.pay_amount.text(),
                dates.pydate(self.pay_day),
                self.pay_reference.text() or None,
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.pay_amount.clear()
        self.pay_reference.clear()
        self.status.setText(self.tr("Pago registrado."))
        self.changed()

    def reverse(self) -> None:
        row = self.entries.currentRow()
        if not 0 <= row < len(self.entries_shown):
            self.status.setText(self.tr("Elija el pago a revertir."))
            return
        entry = self.entries_shown[row]
        reason, ok = QInputDialog.getText(
            self, self.tr("Revertir pago"), self.tr("Motivo de la reversión:")
        )
        if not ok:
            return
        try:
            reverse_payment_entry(self.db, entry.id, reason)
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.status.setText(self.tr("Pago revertido."))
        self.changed()

    def compare(self) -> None:
        if self.code is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Liquidación del comprador"),
            "",
            self.tr("Hojas de cálculo (*.csv *.xlsx)"),
        )
        if not path:
            return
        try:
            found = reconcile(self.db, self.code, Path(path))
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.status.setText(
            self.tr("%1 filas leídas; días que difieren: %2.")
            .replace("%1", str(found.rows))
            .replace("%2", str(len(found.differences)))
        )
        DifferencesDialog(found, self).exec()


class DifferencesDialog(QDialog):
    """Every day where the buyer's statement and our receptions differ, both sides shown."""

    def __init__(self, found: Reconciliation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Liquidación de %1: días que difieren").replace("%1", found.buyer)
        )
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("%1 filas de la liquidación; %2 días difieren.")
                .replace("%1", str(found.rows))
                .replace("%2", str(len(found.differences)))
            )
        )
        words = {
            "quantity": self.tr("cantidad"),
            "amount": self.tr("monto"),
            "fat": self.tr("grasa"),
            "missing": self.tr("solo en un lado"),
        }
        self.table = QTableWidget(len(found.differences), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Fecha"), self.tr("Difiere en"), self.tr("Nuestro"), self.tr("Comprador")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, d in enumerate(found.differences):
            cells = (
                fmt.day(d.day),
                ", ".join(words.get(f, f) for f in d.fields),
                self.side(d.ours),
                self.side(d.theirs),
            )
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def side(self, figures: DayFigures | None) -> str:
        if figures is None:
            return "—"
        text = f"{fmt.quantity(figures.quantity)} · {fmt.money(figures.amount)}"
        if figures.fat is not None:
            text += " · " + self.tr("grasa %1 %").replace("%1", fmt.number(figures.fat))
        return text

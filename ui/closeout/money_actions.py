"""Cierre's questions before money moves: who is paid (the selected members, or everyone
still unpaid, named with the total), and the close itself (period, members, total). Each is
asked before anything runs, with the safe answer as the default."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.numbers import ZERO_MONEY
from coop_desktop.services.closeout.stored import PayrollRow
from ui.common import fmt

LISTED = 300  # members named one by one in the question; the rest are counted


class PaymentDialog(QDialog):
    """«Registrar el pago de …»: the members who will be marked paid, each with their net,
    the total, and how they are paid. Cancel is the default."""

    def __init__(
        self, period: str, rows: list[PayrollRow], everyone: bool, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Registrar pagos"))
        self.rows = rows
        total = sum((r.summary.net for r in rows), ZERO_MONEY)
        layout = QVBoxLayout(self)
        heading = (
            self.tr("Se pagará a todos los %Ln socios por pagar de %1 — %2.", "", len(rows))
            if everyone
            else self.tr("Se pagará a %Ln socio(s) seleccionado(s) de %1 — %2.", "", len(rows))
        )
        self.heading = QLabel(
            heading.replace("%1", fmt.period(period)).replace("%2", fmt.money(total))
        )
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.members = QListWidget()
        self.members.addItems(
            [f"{r.code}  {r.name} — {fmt.money(r.summary.net)}" for r in rows[:LISTED]]
            + ([self.tr("… y %Ln más", "", len(rows) - LISTED)] if len(rows) > LISTED else [])
        )
        layout.addWidget(self.members, 1)
        form = QFormLayout()
        self.method = QComboBox()
        for text, key in (
            (self.tr("Efectivo"), "cash"),
            (self.tr("Transferencia bancaria"), "bank"),
            (self.tr("Billetera móvil"), "wallet"),
        ):
            self.method.addItem(text, key)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("N° de operación (opcional)"))
        form.addRow(self.tr("Forma de pago:"), self.method)
        form.addRow(self.tr("Referencia:"), self.reference)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.pay_button = QPushButton(self.tr("Registrar el pago"))
        self.pay_button.setAutoDefault(False)
        self.cancel_button = QPushButton(self.tr("Cancelar"))
        self.cancel_button.setDefault(True)
        buttons.addButton(self.pay_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.cancel_button.setFocus()

    @property
    def total(self) -> Decimal:
        return sum((r.summary.net for r in self.rows), ZERO_MONEY)

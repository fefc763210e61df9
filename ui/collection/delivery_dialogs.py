"""Small dialogs of the collection screen: correct a delivery of an open period, and record
an adjustment when the date is in a closed one. Both write on the op runner (a write dated in
a month that another PC is closing waits there, not in the window); the dialog closes once
the write is done, or says why it was refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError
from coop_desktop.services.accounts import add_adjustment
from coop_desktop.services.closeout.date_rule import open_day
from coop_desktop.services.deliveries import update_delivery
from coop_desktop.services.dto import DeliveryInfo
from coop_desktop.storage.engine import Database
from ui.common import fmt
from ui.common.error_text import message
from ui.common.member_lookup import MemberField, MemberIndex
from ui.common.runner import app_runner


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.layout_.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Guardar"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)

    def save(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def write(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run the dialog's write on the op runner; Guardar waits meanwhile."""
        button = self.findChild(QDialogButtonBox)
        if button is not None:
            button.setEnabled(False)

        def finished(result: Any) -> None:
            if button is not None:
                button.setEnabled(True)
            done(result)

        def failed(error: BaseException) -> None:
            if button is not None:
                button.setEnabled(True)
            self.error.setText(message(error))

        # the screen behind the dialog shows the change itself once the dialog is accepted
        app_runner().run(lambda _c: work(), finished, failed, source=self.parentWidget())


class EditDeliveryDialog(_Form):
    def __init__(self, db: Database, delivery: DeliveryInfo, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Corregir entrega %1").replace("%1", str(delivery.id)), parent)
        self.db = db
        self.delivery = delivery
        self.saved: DeliveryInfo | None = None
        self.form.addRow(
            QLabel(
                f"{delivery.member_code} {delivery.member_name} — "
                f"{fmt.day(delivery.date)} {fmt.word(delivery.shift)}"
            )
        )
        self.quantity = QLineEdit(f"{delivery.quantity.normalize():f}")
        self.temperature = QLineEdit(
            "" if delivery.temperature is None else str(delivery.temperature)
        )
        self.reason = QLineEdit(delivery.reject_reason or "")
        self.form.addRow(self.tr("Cantidad (%1):").replace("%1", delivery.unit), self.quantity)
        self.form.addRow(self.tr("Temperatura:"), self.temperature)
        self.form.addRow(self.tr("Motivo de rechazo:"), self.reason)

    def save(self) -> None:
        db, number = self.db, self.delivery.id
        quantity, reason = self.quantity.text(), self.reason.text() or None
        temperature = self.temperature.text() or None

        def done(saved: DeliveryInfo) -> None:
            self.saved = saved
            self.accept()

        self.write(lambda: update_delivery(db, number, quantity, reason, temperature), done)


class AdjustmentDialog(_Form):
    """A correction of a closed period, recorded today in the open period."""

    def __init__(
        self, db: Database, index: MemberIndex, closed: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Registrar ajuste"), parent)
        self.db = db
        self.index = index
        self.entry: int | None = None
        self.form.addRow(
            QLabel(
                self.tr(
                    "El periodo %1 está cerrado. El ajuste se registra en el primer día del "
                    "periodo abierto siguiente (%2) y se liquida en su cierre."
                )
                .replace("%1", closed)
                .replace("%2", open_day(db, clock.today()).strftime("%d/%m/%Y"))
            )
        )
        self.member = MemberField(index)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("Positivo: a favor del socio"))
        self.reason = QLineEdit()
        self.form.addRow(self.tr("Socio:"), self.member)
        self.form.addRow(self.tr("Monto S/:"), self.amount)
        self.form.addRow(self.tr("Motivo:"), self.reason)

    def save(self) -> None:
        try:
            member = self.index.resolve(self.member.text())
        except CoopError as exc:
            self.error.setText(message(exc))
            return
        db, amount, reason = self.db, self.amount.text(), self.reason.text()

        def done(entry: int) -> None:
            self.entry = entry
            self.accept()

        self.write(
            lambda: add_adjustment(
                db, member.code, amount, reason, day=open_day(db, clock.today())
            ),
            done,
        )

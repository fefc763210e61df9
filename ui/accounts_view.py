"""Cuentas: a member's account with its running balance, and the movements a treasurer
records: advances, inputs sold on credit, adjustments, loans; and the recurring charges."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.errors import CoopError
from coop_desktop.services import accounts as svc
from coop_desktop.services.members import list_members
from coop_desktop.storage.engine import Database
from ui.errors import message
from ui.member_lookup import MemberField, MemberIndex
from ui.tables import tidy


class AccountsView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.index = MemberIndex(list_members(db))
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        pick = QHBoxLayout()
        self.member = MemberField(self.index)
        self.member.returnPressed.connect(self.show_ledger)
        show = QPushButton(self.tr("Ver cuenta"))
        show.clicked.connect(self.show_ledger)
        pick.addWidget(self.member, 1)
        pick.addWidget(show)
        left.addLayout(pick)
        self.title = QLabel()
        left.addWidget(self.title)
        self.ledger = QTableWidget(0, 5)
        self.ledger.setHorizontalHeaderLabels(
            [
                self.tr("Fecha"),
                self.tr("Tipo"),
                self.tr("Detalle"),
                self.tr("Monto S/"),
                self.tr("Saldo S/"),
            ]
        )
        self.ledger.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        tidy(self.ledger, stretch=2)
        left.addWidget(self.ledger)
        self.status = QLabel()
        self.status.setWordWrap(True)
        left.addWidget(self.status)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        self.advance_amount = QLineEdit()
        self._box(
            right,
            self.tr("Adelanto en efectivo"),
            [(self.tr("Monto S/:"), self.advance_amount)],
            self.tr("Registrar adelanto"),
            lambda code: svc.add_advance(self.db, code, self.advance_amount.text()),
        )
        self.product = QComboBox()
        self.quantity = QLineEdit("1")
        self._box(
            right,
            self.tr("Insumo al crédito"),
            [(self.tr("Producto:"), self.product), (self.tr("Cantidad:"), self.quantity)],
            self.tr("Registrar venta"),
            lambda code: svc.sell_input(
                self.db, code, self.product.currentData() or "", self.quantity.text()
            ),
        )
        self.adjust_amount = QLineEdit()
        self.adjust_amount.setPlaceholderText(self.tr("Positivo: a favor del socio"))
        self.adjust_reason = QLineEdit()
        self.adjust_corrects = QLineEdit()
        self.adjust_corrects.setPlaceholderText(self.tr("N° de movimiento (opcional)"))
        self._box(
            right,
            self.tr("Ajuste"),
            [
                (self.tr("Monto S/:"), self.adjust_amount),
                (self.tr("Motivo:"), self.adjust_reason),
                (self.tr("Corrige:"), self.adjust_corrects),
            ],
            self.tr("Registrar ajuste"),
            self._adjust,
        )
        self.loan_amount = QLineEdit()
        self.loan_count = QSpinBox()
        self.loan_count.setRange(1, 60)
        self.loan_count.setValue(6)
        self._box(
            right,
            self.tr("Préstamo"),
            [(self.tr("Monto S/:"), self.loan_amount), (self.tr("Cuotas:"), self.loan_count)],
            self.tr("Registrar préstamo"),
            self._loan,
        )
        self.charges = QLabel()
        self.charges.setWordWrap(True)
        charges_box = QGroupBox(self.tr("Cargos recurrentes (los aplica cada cierre)"))
        QVBoxLayout(charges_box).addWidget(self.charges)
        right.addWidget(charges_box)
        right.addStretch()
        layout.addLayout(right, 2)
        self.refresh_lists()

    def _box(
        self,
        parent: QVBoxLayout,
        title: str,
        fields: list[tuple[str, QWidget]],
        button: str,
        action: Callable[[str], object],
    ) -> None:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for label, widget in fields:
            form.addRow(label, widget)
        go = QPushButton(button)
        go.clicked.connect(lambda: self._record(action))
        form.addRow(go)
        parent.addWidget(box)

    def _adjust(self, code: str) -> object:
        corrects = self.adjust_corrects.text().strip()
        if corrects and not corrects.isdigit():
            from coop_desktop.errors import ValidationError

            raise ValidationError("not_an_integer", "corrects", value=corrects)
        return svc.add_adjustment(
            self.db,
            code,
            self.adjust_amount.text(),
            self.adjust_reason.text(),
            int(corrects) if corrects else None,
        )

    def _loan(self, code: str) -> str:
        schedule = svc.add_loan(self.db, code, self.loan_amount.text(), self.loan_count.value())
        return self.tr("Cuotas: %1").replace("%1", " · ".join(f"{x:,.2f}" for x in schedule))

    def _record(self, action: Callable[[str], object]) -> None:
        try:
            member = self.index.resolve(self.member.text())
            said = action(member.code)
        except CoopError as exc:
            self.status.setText(exc.render("es"))
            return
        except Exception as exc:  # shown in plain words, nothing half-saved
            self.status.setText(message(exc))
            return
        self.status.setText(said if isinstance(said, str) else self.tr("Registrado."))
        self.show_ledger()

    def refresh_lists(self) -> None:
        self.product.clear()
        for p in svc.list_products(self.db):
            self.product.addItem(f"{p.name} ({p.unit}) — S/ {p.price:,.2f}", p.name)
        charges = svc.list_charges(self.db)
        self.charges.setText(
            "\n".join(
                f"{c.name}: S/ {c.amount.normalize():f} "
                + (self.tr("por litro") if c.per == "litre" else self.tr("por periodo"))
                for c in charges
            )
            or self.tr("Ninguno (coop charge add …)")
        )

    def show_ledger(self) -> None:
        try:
            member = self.index.resolve(self.member.text())
        except CoopError as exc:
            self.status.setText(exc.render("es"))
            return
        lines = svc.ledger(self.db, member.code)
        self.title.setText(f"<b>{member.code} — {member.full_name}</b>")
        self.ledger.setRowCount(len(lines))
        for row, ln in enumerate(lines):
            for col, text in enumerate(
                (
                    ln.date.strftime("%d/%m/%Y"),
                    ln.kind,
                    ln.description,
                    f"{ln.amount:,.2f}",
                    f"{ln.balance:,.2f}",
                )
            ):
                self.ledger.setItem(row, col, QTableWidgetItem(text))
        self.ledger.scrollToBottom()

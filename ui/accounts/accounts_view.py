"""Cuentas: a member's account with its running balance, and the movements a treasurer
records: advances, inputs sold on credit, adjustments, loans; and the recurring charges."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError
from coop_desktop.domain.settlement import CHARGE_KINDS
from coop_desktop.services import accounts as svc
from coop_desktop.services.printouts import record_printout, render
from coop_desktop.storage.engine import Database
from ui.collection.member_lookup import MemberField, shared_index
from ui.common import dates, fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.runner import app_runner
from ui.common.tables import stored_text, tidy
from ui.printing.print_jobs import print_document


class AccountsView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.print_job: object = None  # the receipt being printed (kept alive while it runs)
        self.index = shared_index(db)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        pick = QHBoxLayout()
        self.member = MemberField(self.index)
        self.member.returnPressed.connect(self.show_ledger)
        show = QPushButton(self.tr("Ver cuenta"))
        show.clicked.connect(self.show_ledger)
        pick.addWidget(self.member, 1)
        pick.addWidget(show)
        from ui.common.export_dialog import export_button

        self.export_button = export_button(
            self, db, "ledger", lambda: clock.today().strftime("%Y-%m")
        )
        pick.addWidget(self.export_button)
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
        stored_text(self.ledger, 2)  # the detail, as recorded
        tidy(self.ledger, stretch=2)
        left.addWidget(self.ledger)
        self.status = QLabel()
        self.status.setWordWrap(True)
        left.addWidget(self.status)
        layout.addLayout(left, 3)
        panel = QWidget()
        right = QVBoxLayout(panel)
        self.advance_amount = QLineEdit()
        self._box(
            right,
            self.tr("Adelanto en efectivo"),
            [(self.tr("Monto S/:"), self.advance_amount)],
            self.tr("Registrar adelanto"),
            self._advance,
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
        self.product_name = QLineEdit()
        self.product_unit = QLineEdit()
        self.product_unit.setPlaceholderText(self.tr("saco 40 kg, frasco, kg…"))
        self.product_price = QLineEdit()
        catalogue = QGroupBox(self.tr("Catálogo de insumos"))
        catalogue_form = QFormLayout(catalogue)
        catalogue_form.addRow(self.tr("Nombre:"), self.product_name)
        catalogue_form.addRow(self.tr("Unidad:"), self.product_unit)
        catalogue_form.addRow(self.tr("Precio S/:"), self.product_price)
        add_product = QPushButton(self.tr("Agregar al catálogo"))
        add_product.clicked.connect(self.add_product)
        catalogue_form.addRow(add_product)
        right.addWidget(catalogue)
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
        self.charge_kind = QComboBox()
        for kind in CHARGE_KINDS:
            self.charge_kind.addItem(fmt.kind_label(kind), kind)
        self.charge_name = QLineEdit()
        self.charge_name.setPlaceholderText(self.tr("Nombre en la liquidación (opcional)"))
        self.charge_amount = QLineEdit()
        self.charge_per = QComboBox()
        self.charge_per.addItem(self.tr("por periodo"), "period")
        self.charge_per.addItem(self.tr("por litro"), "litre")
        self.charge_from = QDateEdit(dates.today())
        self.charge_from.setCalendarPopup(True)
        self.charge_from.setDisplayFormat("dd/MM/yyyy")
        self.charges = QLabel()
        self.charges.setWordWrap(True)
        charges_box = QGroupBox(self.tr("Cargos recurrentes (los aplica cada cierre)"))
        charge_form = QFormLayout(charges_box)
        charge_form.addRow(self.charges)
        charge_form.addRow(self.tr("Tipo:"), self.charge_kind)
        charge_form.addRow(self.tr("Nombre:"), self.charge_name)
        charge_form.addRow(self.tr("Monto S/:"), self.charge_amount)
        charge_form.addRow(self.tr("Se cobra:"), self.charge_per)
        charge_form.addRow(self.tr("Desde:"), self.charge_from)
        add_charge = QPushButton(self.tr("Agregar cargo"))
        add_charge.clicked.connect(self.add_charge)
        charge_form.addRow(add_charge)
        right.addWidget(charges_box)
        right.addStretch()
        scroll = QScrollArea()  # the forms fit a 768-pixel-high screen by scrolling
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(panel)
        layout.addWidget(scroll, 2)
        self.refresh_lists()
        follow(self, self.runner, ("ledger", "periods"), self._ledger_changed)

    def _ledger_changed(self) -> None:
        self.refresh_lists()
        if self.title.text():
            self.show_ledger()

    def _box(
        self,
        parent: QVBoxLayout,
        title: str,
        fields: list[tuple[str, QWidget]],
        button: str,
        action: Callable[[str], object],
    ) -> None:
        """One movement's form: Enter in any of its fields records it, like its button;
        once recorded its typed fields are emptied, so a second click records nothing."""
        box = QGroupBox(title)
        form = QFormLayout(box)
        for label, widget in fields:
            form.addRow(label, widget)
        go = QPushButton(button)
        typed = [w for _, w in fields if isinstance(w, QLineEdit)]

        def submit() -> None:
            if self._record(action):
                for edit in typed:
                    edit.setText("" if edit is not self.quantity else "1")
                self.loan_count.setValue(6)

        go.clicked.connect(lambda: submit())
        for edit in typed:
            edit.returnPressed.connect(submit)
        form.addRow(go)
        parent.addWidget(box)

    def _adjust(self, code: str) -> object:
        corrects = self.adjust_corrects.text().strip()
        if corrects and not corrects.isdigit():
            from coop_desktop.core.errors import ValidationError

            raise ValidationError("not_an_integer", "corrects", value=corrects)
        return svc.add_adjustment(
            self.db,
            code,
            self.adjust_amount.text(),
            self.adjust_reason.text(),
            int(corrects) if corrects else None,
        )

    def _advance(self, code: str) -> str:
        """Record the advance, then print the receipt the member signs."""
        _entry, number = svc.add_advance(self.db, code, self.advance_amount.text())
        recorded = self.tr("Adelanto registrado, recibo %1.").replace("%1", number)
        # printed once the screen has said it was recorded (the print reports after it)
        QTimer.singleShot(0, lambda: self._print_advance(number, recorded))
        return recorded

    def _print_advance(self, number: str, recorded: str) -> None:
        db, printout = self.db, render(self.db, "advance", number)
        self.print_job = print_document(
            self,
            self.runner,
            printout.title,
            lambda _context, _plan: printout,
            lambda p: record_printout(db, p),  # a COPIA next time only once it was sent
            lambda said: self.status.setText(f"{recorded} {said}"),
            kind="advance",
        )

    def _loan(self, code: str) -> str:
        schedule = svc.add_loan(self.db, code, self.loan_amount.text(), self.loan_count.value())
        return self.tr("Cuotas: %1").replace("%1", " · ".join(fmt.amount(x) for x in schedule))

    def _record(self, action: Callable[[str], object]) -> bool:
        try:
            member = self.index.resolve(self.member.text())
            said = action(member.code)
        except Exception as exc:  # shown in plain words, nothing half-saved
            self.status.setText(message(exc))
            return False
        self.status.setText(said if isinstance(said, str) else self.tr("Registrado."))
        self.runner.announce("ledger", source=self)
        self.show_ledger()
        return True

    def add_product(self) -> None:
        """A product for sale on credit (concentrate, wheat bran, mineral salt, medicines)."""
        try:
            svc.add_product(
                self.db,
                self.product_name.text(),
                self.product_price.text(),
                self.product_unit.text().strip() or "unidad",
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        name = self.product_name.text().strip()
        for w in (self.product_name, self.product_unit, self.product_price):
            w.clear()
        self.refresh_lists()
        self.product.setCurrentIndex(self.product.findData(name))
        self.runner.announce("ledger", source=self)
        self.status.setText(self.tr("Producto agregado al catálogo: %1").replace("%1", name))

    def add_charge(self) -> None:
        """A recurring charge for every member (dues, association fee, transport per litre)."""
        day = self.charge_from.date().toPython()
        try:
            svc.add_charge(
                self.db,
                str(self.charge_kind.currentData()),
                self.charge_amount.text(),
                str(self.charge_per.currentData()),
                self.charge_name.text(),
                day if isinstance(day, date) else None,
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.charge_amount.clear()
        self.charge_name.clear()
        self.status.setText(self.tr("Cargo agregado: lo aplica cada cierre desde esa fecha."))
        self.runner.announce("ledger", source=self)
        self.refresh_lists()

    def refresh_lists(self) -> None:
        chosen = self.product.currentData()
        self.product.clear()
        for p in svc.list_products(self.db):
            self.product.addItem(f"{p.name} ({p.unit}) — {fmt.money(p.price)}", p.name)
        self.product.setCurrentIndex(max(0, self.product.findData(chosen)))
        charges = svc.list_charges(self.db)
        self.charges.setText(
            "\n".join(
                f"{c.name}: S/ {fmt.unit_price(c.amount)} "
                + (self.tr("por litro") if c.per == "litre" else self.tr("por periodo"))
                for c in charges
            )
            or self.tr("Ninguno todavía.")
        )

    def focus_on(self, member_code: str, _delivery_id: int | None = None) -> None:
        self.member.setText(member_code)
        self.show_ledger()

    def show_ledger(self) -> None:
        try:
            member = self.index.resolve(self.member.text())
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        lines = svc.ledger(self.db, member.code)
        self.title.setText(f"<b>{member.code} — {member.full_name}</b>")
        self.ledger.setRowCount(len(lines))
        for row, ln in enumerate(lines):
            for col, text in enumerate(
                (
                    fmt.day(ln.date),
                    fmt.kind_label(ln.kind),
                    ln.description,
                    fmt.amount(ln.amount),
                    fmt.amount(ln.balance),
                )
            ):
                item = QTableWidgetItem(text)
                if col >= 3:
                    item.setTextAlignment(fmt.RIGHT)
                self.ledger.setItem(row, col, item)
        self.ledger.scrollToBottom()

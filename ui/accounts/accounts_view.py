"""Cuentas: a member's account with its running balance, and the movements a treasurer
records: advances, inputs sold on credit, adjustments, loans; the product catalogue; and the
recurring charges. Enter in any field of a form records it, like its button; once recorded
its typed fields are emptied.

Every movement, product and charge is written on the op runner: a movement dated in a month
(or a charge) that another PC is closing waits there, never in the window; the account and
the lists are read there too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
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
from coop_desktop.domain.settlement import CHARGE_KINDS
from coop_desktop.services import accounts as svc
from coop_desktop.services.printouts import record_printout, render
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.member_lookup import MemberField, shared_index
from ui.common.runner import app_runner
from ui.common.tables import stored_text, tidy
from ui.printing.print_jobs import print_document


class AccountsView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.print_job: object = None  # the receipt being printed (kept alive while it runs)
        self.busy = False  # a movement on its way to the database
        self.ledger_generation = 0
        self.wanted_product: str | None = None  # chosen in the list once it is read again
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
            self._sale,
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
        self.add_product_button = QPushButton(self.tr("Agregar al catálogo"))
        self.add_product_button.clicked.connect(lambda: self.add_product())
        for edit in (self.product_name, self.product_unit, self.product_price):
            edit.returnPressed.connect(self.add_product)
        catalogue_form.addRow(self.add_product_button)
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
        self.charge_from = dates.DateField(future=True)  # a charge may start next month
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
        self.add_charge_button = QPushButton(self.tr("Agregar cargo"))
        self.add_charge_button.clicked.connect(lambda: self.add_charge())
        for edit in (self.charge_name, self.charge_amount):
            edit.returnPressed.connect(self.add_charge)
        charge_form.addRow(self.add_charge_button)
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
        action: Callable[[str], Callable[[], object]],
    ) -> None:
        """One movement's form: Enter in any of its fields records it, like its button;
        once recorded its typed fields are emptied, so a second click records nothing."""
        box = QGroupBox(title)
        form = QFormLayout(box)
        for label, widget in fields:
            form.addRow(label, widget)
        go = QPushButton(button)
        typed = [w for _, w in fields if isinstance(w, QLineEdit)]

        def emptied() -> None:
            for edit in typed:
                edit.setText("" if edit is not self.quantity else "1")
            self.loan_count.setValue(6)

        def submit() -> None:
            self._record(action, emptied)

        go.clicked.connect(lambda: submit())
        for edit in typed:
            edit.returnPressed.connect(submit)
        form.addRow(go)
        parent.addWidget(box)

    def _adjust(self, code: str) -> Callable[[], object]:
        corrects = self.adjust_corrects.text().strip()
        if corrects and not corrects.isdigit():
            from coop_desktop.core.errors import ValidationError

            raise ValidationError("not_an_integer", "corrects", value=corrects)
        db, amount, reason = self.db, self.adjust_amount.text(), self.adjust_reason.text()
        return lambda: svc.add_adjustment(
            db, code, amount, reason, int(corrects) if corrects else None
        )

    def _sale(self, code: str) -> Callable[[], object]:
        db, product, quantity = self.db, self.product.currentData() or "", self.quantity.text()
        return lambda: svc.sell_input(db, code, product, quantity)

    def _advance(self, code: str) -> Callable[[], object]:
        """Record the advance; once recorded, print the receipt the member signs."""
        db, amount = self.db, self.advance_amount.text()

        def work() -> str:
            _entry, number = svc.add_advance(db, code, amount)
            return number

        return work

    def _advanced(self, number: str) -> str:
        recorded = self.tr("Adelanto registrado, recibo %1.").replace("%1", number)
        # printed once the screen has said it was recorded (the print reports after it)
        QTimer.singleShot(0, lambda: self._print_advance(number, recorded))
        return recorded

    def _print_advance(self, number: str, recorded: str) -> None:
        db = self.db
        self.print_job = print_document(
            self,
            self.runner,
            self.tr("adelanto-%1").replace("%1", number),
            lambda _context, _plan: render(db, "advance", number),
            lambda p: record_printout(db, p),  # a COPIA next time only once it was sent
            lambda said: self.status.setText(f"{recorded} {said}"),
            kind="advance",
        )

    def _loan(self, code: str) -> Callable[[], object]:
        db, amount, count = self.db, self.loan_amount.text(), self.loan_count.value()
        return lambda: svc.add_loan(db, code, amount, count)

    def _said(self, result: object) -> str:
        """What a recorded movement says: a receipt number, a loan's instalments."""
        if isinstance(result, str):
            return self._advanced(result)
        if isinstance(result, list):
            return self.tr("Cuotas: %1").replace("%1", " · ".join(fmt.amount(x) for x in result))
        return self.tr("Registrado.")

    def _record(
        self, action: Callable[[str], Callable[[], object]], emptied: Callable[[], None]
    ) -> None:
        """Check what can be checked here (the member), then write on the op runner; the
        form is emptied once the movement is recorded."""
        if self.busy:
            return
        try:
            member = self.index.resolve(self.member.text())
            work = action(member.code)
        except Exception as exc:  # shown in plain words, nothing half-saved
            self.status.setText(message(exc))
            return

        def done(result: object) -> None:
            self._hold(False)
            emptied()
            self.status.setText(self._said(result))
            self.show_ledger()

        self._write(work, done)

    def _hold(self, busy: bool) -> None:
        self.busy = busy
        for button in self.findChildren(QPushButton):
            button.setEnabled(not busy)
        if busy:
            self.status.setText(self.tr("Guardando…"))

    def _write(self, work: Callable[[], object], done: Callable[[object], None]) -> None:
        def failed(error: BaseException) -> None:
            self._hold(False)
            self.status.setText(message(error))

        self._hold(True)
        self.runner.run(lambda _c: work(), done, failed, source=self)

    def add_product(self) -> None:
        """A product for sale on credit (concentrate, wheat bran, mineral salt, medicines)."""
        if self.busy:
            return
        db, name = self.db, self.product_name.text().strip()
        price, unit = self.product_price.text(), self.product_unit.text().strip() or "unidad"

        def done(_result: object) -> None:
            self._hold(False)
            for w in (self.product_name, self.product_unit, self.product_price):
                w.setText("")
            self.wanted_product = name
            self.refresh_lists()
            self.status.setText(self.tr("Producto agregado al catálogo: %1").replace("%1", name))
            self.product_name.setFocus()

        self._write(lambda: svc.add_product(db, name, price, unit), done)

    def add_charge(self) -> None:
        """A recurring charge for every member (dues, association fee, transport per litre);
        a start in another month than today's is said back first."""
        if self.busy:
            return
        try:
            day = self.charge_from.value()
        except Exception as exc:  # said in words
            self.status.setText(message(exc))
            return
        if not self.charge_from.confirm_far(self):
            return
        db = self.db
        kind, per = str(self.charge_kind.currentData()), str(self.charge_per.currentData())
        amount, name = self.charge_amount.text(), self.charge_name.text()

        def done(_result: object) -> None:
            self._hold(False)
            self.charge_amount.setText("")
            self.charge_name.setText("")
            self.status.setText(self.tr("Cargo agregado: lo aplica cada cierre desde esa fecha."))
            self.refresh_lists()

        self._write(lambda: svc.add_charge(db, kind, amount, per, name, day), done)

    def refresh_lists(self) -> None:
        """The catalogue and the recurring charges, read on the worker."""
        db = self.db
        self.runner.run(
            lambda _c: (svc.list_products(db), svc.list_charges(db)),
            self._lists_read,
            lambda e: self.status.setText(message(e)),
        )

    def _lists_read(self, lists: tuple[list[Any], list[Any]]) -> None:
        products, charges = lists
        chosen = self.wanted_product or self.product.currentData()
        self.wanted_product = None
        self.product.clear()
        for p in products:
            self.product.addItem(f"{p.name} ({p.unit}) — {fmt.money(p.price)}", p.name)
        self.product.setCurrentIndex(max(0, self.product.findData(chosen)))
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
        """The member's account with its running balance, read on the worker."""
        try:
            member = self.index.resolve(self.member.text())
        except Exception as exc:  # said in words
            self.status.setText(message(exc))
            return
        db = self.db
        self.ledger_generation += 1
        generation = self.ledger_generation

        def done(lines: list[Any]) -> None:
            if generation == self.ledger_generation:
                self._show_ledger(member, lines)

        self.runner.run(
            lambda _c: svc.ledger(db, member.code), done, lambda e: self.status.setText(message(e))
        )

    def _show_ledger(self, member: Any, lines: list[Any]) -> None:
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

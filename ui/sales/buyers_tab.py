"""Ventas › Compradores: the buyers and their price in force; a new buyer with a fixed price
per L or kg (a price scheme is given with `coop buyers add … --scheme FILE`). Beside it, the
selected buyer's account: sales priced on receipt, payments received, the balance."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError
from coop_desktop.services.sales.accounts import buyer_account, receive_payment
from coop_desktop.services.sales.buyers import add_buyer, list_buyers
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.runner import app_runner


class BuyersTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.buyers = QTableWidget(0, 3)
        self.buyers.setHorizontalHeaderLabels(
            [self.tr("Código"), self.tr("Nombre"), self.tr("Precio")]
        )
        self.buyers.horizontalHeader().setStretchLastSection(True)
        self.buyers.currentCellChanged.connect(lambda *_a: self.show_account())
        left.addWidget(self.buyers, 1)
        box = QGroupBox(self.tr("Nuevo comprador"))
        form = QFormLayout(box)
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind, label in (
            ("planta", self.tr("Planta")),
            ("queseria", self.tr("Quesería")),
            ("propia", self.tr("Planta propia")),
            ("local", self.tr("Venta local")),
        ):
            self.kind.addItem(label, kind)
        self.price = QLineEdit()
        self.per = QComboBox()
        self.per.addItems(["L", "kg"])
        form.addRow(self.tr("Código:"), self.code)
        form.addRow(self.tr("Nombre:"), self.name)
        form.addRow(self.tr("Tipo:"), self.kind)
        form.addRow(self.tr("Precio S/:"), self.price)
        form.addRow(self.tr("Por:"), self.per)
        self.add_button = QPushButton(self.tr("Agregar comprador"))
        self.add_button.clicked.connect(lambda: self.add())
        form.addRow(self.add_button)
        left.addWidget(box)
        layout.addLayout(left, 2)
        right = QVBoxLayout()
        self.account_title = QLabel()
        right.addWidget(self.account_title)
        self.entries = QTableWidget(0, 4)
        self.entries.setHorizontalHeaderLabels(
            [self.tr("Fecha"), self.tr("Concepto"), self.tr("Monto"), self.tr("Saldo")]
        )
        self.entries.horizontalHeader().setStretchLastSection(True)
        right.addWidget(self.entries, 1)
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
        right.addLayout(pay)
        self.status = QLabel()
        self.status.setWordWrap(True)
        right.addWidget(self.status)
        layout.addLayout(right, 3)
        follow(self, self.runner, ("sales",), self.reload)
        self.reload()

    def current_code(self) -> str | None:
        row = self.buyers.currentRow()
        item = self.buyers.item(row, 0) if row >= 0 else None
        return None if item is None else item.text()

    def reload(self) -> None:
        keep = self.current_code()
        rows = list_buyers(self.db, fmt.lang())
        self.buyers.blockSignals(True)
        self.buyers.setRowCount(len(rows))
        for i, b in enumerate(rows):
            for j, text in enumerate((b.code, b.name, b.terms)):
                self.buyers.setItem(i, j, QTableWidgetItem(text))
        codes = [b.code for b in rows]
        self.buyers.setCurrentCell(codes.index(keep) if keep in codes else 0, 0)
        self.buyers.blockSignals(False)
        self.show_account()

    def show_account(self) -> None:
        code = self.current_code()
        if code is None:
            self.entries.setRowCount(0)
            self.account_title.setText(self.tr("<b>Sin compradores</b>"))
            return
        account = buyer_account(self.db, code)
        self.account_title.setText(
            self.tr("<b>Cuenta de %1</b> — saldo por cobrar %2")
            .replace("%1", f"{account.buyer.code} {account.buyer.name}")
            .replace("%2", fmt.money(account.balance))
        )
        self.entries.setRowCount(len(account.entries))
        for i, e in enumerate(account.entries):
            cells = (fmt.day(e.day), e.description, fmt.amount(e.amount), fmt.amount(e.balance))
            for j, text in enumerate(cells):
                self.entries.setItem(i, j, QTableWidgetItem(text))

    def add(self) -> None:
        try:
            made = add_buyer(
                self.db,
                self.code.text(),
                self.name.text(),
                kind=str(self.kind.currentData()),
                price=self.price.text(),
                per=self.per.currentText(),
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        for edit in (self.code, self.name, self.price):
            edit.clear()
        self.status.setText(self.tr("Comprador agregado: %1.").replace("%1", made.name))
        self.runner.announce("sales", source=self)
        self.reload()

    def pay(self) -> None:
        code = self.current_code()
        if code is None:
            return
        if not self.pay_day.confirm_far(self):  # a date of another month is said back first
            return
        try:
            receive_payment(
                self.db,
                code,
                self.pay_amount.text(),
                dates.pydate(self.pay_day),
                self.pay_reference.text() or None,
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.pay_amount.clear()
        self.pay_reference.clear()
        self.runner.announce("sales", source=self)
        self.show_account()

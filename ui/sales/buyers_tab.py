"""Ventas › Compradores: the buyers and their price in force; a new buyer, or new terms for
the selected one from a date, priced at a fixed price per L or kg or by a price scheme
(`terms_form.py`). Beside it, the selected buyer's account (`account_panel.py`)."""

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
from coop_desktop.services.sales.buyers import add_buyer, list_buyers, set_buyer_price
from coop_desktop.storage.engine import Database
from ui.common import fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.runner import app_runner
from ui.sales.account_panel import AccountPanel
from ui.sales.terms_form import TermsForm


class BuyersTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.buyers = QTableWidget(0, 4)
        self.buyers.setHorizontalHeaderLabels(
            [self.tr("Código"), self.tr("Nombre"), self.tr("Tipo"), self.tr("Precio")]
        )
        self.buyers.horizontalHeader().setStretchLastSection(True)
        self.buyers.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.buyers.currentCellChanged.connect(lambda *_a: self.show_account())
        left.addWidget(self.buyers, 1)
        box = QGroupBox(self.tr("Comprador y precio"))
        form = QFormLayout(box)
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.ruc = QLineEdit()
        self.kind = QComboBox()
        self.kinds = {
            "planta": self.tr("Planta"),
            "queseria": self.tr("Quesería"),
            "propia": self.tr("Planta propia"),
            "local": self.tr("Venta local"),
        }
        for kind, label in self.kinds.items():
            self.kind.addItem(label, kind)
        form.addRow(self.tr("Código:"), self.code)
        form.addRow(self.tr("Nombre:"), self.name)
        form.addRow(self.tr("RUC:"), self.ruc)
        form.addRow(self.tr("Tipo:"), self.kind)
        self.terms = TermsForm(db, form, self)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Agregar comprador"))
        self.add_button.clicked.connect(lambda: self.add())
        self.price_button = QPushButton(self.tr("Nuevo precio del elegido"))
        self.price_button.clicked.connect(lambda: self.new_price())
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.price_button)
        form.addRow(buttons)
        left.addWidget(box)
        self.status = QLabel()
        self.status.setWordWrap(True)
        left.addWidget(self.status)
        layout.addLayout(left, 2)
        self.account = AccountPanel(db, self)
        layout.addWidget(self.account, 3)
        follow(self, self.runner, ("sales", "schemes"), self.reload)
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
            for j, text in enumerate((b.code, b.name, self.kinds.get(b.kind, b.kind), b.terms)):
                self.buyers.setItem(i, j, QTableWidgetItem(text))
        codes = [b.code for b in rows]
        self.buyers.setCurrentCell(codes.index(keep) if keep in codes else 0, 0)
        self.buyers.blockSignals(False)
        self.terms.reload()
        self.show_account()

    def show_account(self) -> None:
        self.account.show_buyer(self.current_code())

    def add(self) -> None:
        try:
            made = add_buyer(
                self.db,
                self.code.text(),
                self.name.text(),
                ruc=self.ruc.text() or None,
                kind=str(self.kind.currentData()),
                **self.terms.values(),
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        for edit in (self.code, self.name, self.ruc):
            edit.clear()
        self.terms.clear()
        self.status.setText(
            self.tr("Comprador agregado: %1 (%2).")
            .replace("%1", made.name)
            .replace("%2", made.terms)
        )
        self.runner.announce_writes(source=self)
        self.reload()

    def new_price(self) -> None:
        code = self.current_code()
        if code is None:
            self.status.setText(self.tr("Elija el comprador."))
            return
        try:
            changed = set_buyer_price(self.db, code, **self.terms.values())
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.terms.clear()
        self.status.setText(
            self.tr("Precio de %1 desde el %2: %3.")
            .replace("%1", changed.code)
            .replace("%2", fmt.day(self.terms.values()["effective"]))
            .replace("%3", changed.terms)
        )
        self.runner.announce_writes(source=self)
        self.reload()

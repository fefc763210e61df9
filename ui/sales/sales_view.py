"""Ventas: dispatches (typed like Acopio), receptions, buyers with their prices and account,
and the daily milk balance."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from coop_desktop.storage.engine import Database
from ui.sales.balance_view import BalanceView
from ui.sales.buyers_tab import BuyersTab
from ui.sales.dispatch_tab import DispatchTab
from ui.sales.reception_tab import ReceptionTab


class SalesView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.dispatches = DispatchTab(db)
        self.receptions = ReceptionTab(db)
        self.buyers = BuyersTab(db)
        self.balance = BalanceView(db)
        self.tabs.addTab(self.dispatches, self.tr("Despachos"))
        self.tabs.addTab(self.receptions, self.tr("Recepciones"))
        self.tabs.addTab(self.buyers, self.tr("Compradores y cuentas"))
        self.tabs.addTab(self.balance, self.tr("Balance"))
        QVBoxLayout(self).addWidget(self.tabs)

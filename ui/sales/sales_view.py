"""Ventas: dispatches (typed like Acopio), receptions, buyers with their prices and account,
tank readings, the daily milk balance, expenses and the own plant."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from coop_desktop.storage.engine import Database
from ui.sales.balance_view import BalanceView
from ui.sales.buyers_tab import BuyersTab
from ui.sales.dispatch_tab import DispatchTab
from ui.sales.expenses_tab import ExpensesTab
from ui.sales.plant_tab import PlantTab
from ui.sales.reception_tab import ReceptionTab
from ui.sales.tank_tab import TankTab


class SalesView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.dispatches = DispatchTab(db)
        self.receptions = ReceptionTab(db)
        self.buyers = BuyersTab(db)
        self.tanks = TankTab(db)
        self.balance = BalanceView(db)
        self.expenses = ExpensesTab(db)
        self.plant = PlantTab(db)
        self.tabs.addTab(self.dispatches, self.tr("Despachos"))
        self.tabs.addTab(self.receptions, self.tr("Recepciones"))
        self.tabs.addTab(self.buyers, self.tr("Compradores y cuentas"))
        self.tabs.addTab(self.tanks, self.tr("Tanque"))
        self.tabs.addTab(self.balance, self.tr("Balance"))
        self.tabs.addTab(self.expenses, self.tr("Gastos"))
        self.tabs.addTab(self.plant, self.tr("Planta propia"))
        QVBoxLayout(self).addWidget(self.tabs)

"""Ventas: dispatches (typed like Acopio), receptions, buyers with their prices and account,
tank readings, the daily milk balance, expenses and the own plant."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from coop_desktop.storage.engine import Database
from ui.common.lazy_tabs import LazyTab, LazyTabs
from ui.sales.balance_view import BalanceView
from ui.sales.buyers_tab import BuyersTab
from ui.sales.dispatch_tab import DispatchTab
from ui.sales.expenses_tab import ExpensesTab
from ui.sales.plant_tab import PlantTab
from ui.sales.reception_tab import ReceptionTab
from ui.sales.tank_tab import TankTab


class SalesView(QWidget):
    """Seven tabs, each built the first time it is shown (LazyTabs): opening Ventas builds
    Despachos only."""

    dispatches = LazyTab(0, DispatchTab)
    receptions = LazyTab(1, ReceptionTab)
    buyers = LazyTab(2, BuyersTab)
    tanks = LazyTab(3, TankTab)
    balance = LazyTab(4, BalanceView)
    expenses = LazyTab(5, ExpensesTab)
    plant = LazyTab(6, PlantTab)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = LazyTabs()
        self.tabs.add_lazy(self.tr("Despachos"), lambda: DispatchTab(db))
        self.tabs.add_lazy(self.tr("Recepciones"), lambda: ReceptionTab(db))
        self.tabs.add_lazy(self.tr("Compradores y cuentas"), lambda: BuyersTab(db))
        self.tabs.add_lazy(self.tr("Tanque"), lambda: TankTab(db))
        self.tabs.add_lazy(self.tr("Balance"), lambda: BalanceView(db))
        self.tabs.add_lazy(self.tr("Gastos"), lambda: ExpensesTab(db))
        self.tabs.add_lazy(self.tr("Planta propia"), lambda: PlantTab(db))
        QVBoxLayout(self).addWidget(self.tabs)

"""Acopio: the shift being typed, and (on demand) the list of every delivery."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from coop_desktop.storage.engine import Database
from ui.collection_view import CollectionView


class CollectionSection(QTabWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.collection = CollectionView(db)
        self.addTab(self.collection, self.tr("Registro del turno"))
        from ui.route_view import RouteView

        self.route = RouteView(db, self.collection)
        self.addTab(self.route, self.tr("Por ruta"))
        self.addTab(QWidget(), self.tr("Todas las entregas"))
        self.all_loaded = False
        self.currentChanged.connect(self._load_list)

    def _load_list(self, index: int) -> None:
        """The list reads the database only when it is first shown."""
        if index == 1:
            self.route.refresh()
        if index != 2 or self.all_loaded:
            return
        from ui.deliveries_view import DeliveriesView

        self.all_loaded = True
        self.blockSignals(True)
        self.removeTab(2)
        self.addTab(DeliveriesView(self.db), self.tr("Todas las entregas"))
        self.setCurrentIndex(2)
        self.blockSignals(False)

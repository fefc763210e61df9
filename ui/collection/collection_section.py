"""Acopio: the shift being typed; by route; the list of every delivery; and the centres and
their routes. The tabs other than the shift are built the first time they are shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from coop_desktop.storage.engine import Database
from ui.collection.collection_view import CollectionView
from ui.common.lazy_tabs import LazyTab, LazyTabs


class CollectionSection(LazyTabs):
    route = LazyTab(1, QWidget)  # Por ruta (its module is imported when the tab is built)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.collection = CollectionView(db)
        self.add_built(self.collection, self.tr("Registro del turno"))
        self.add_lazy(self.tr("Por ruta"), self._route)
        self.add_lazy(self.tr("Todas las entregas"), self._deliveries)
        self.add_lazy(self.tr("Centros y rutas"), self._centres)

    def _route(self) -> QWidget:
        from ui.collection.route_view import RouteView

        return RouteView(self.db, self.collection)

    def _deliveries(self) -> QWidget:
        from ui.collection.deliveries_view import DeliveriesView

        return DeliveriesView(self.db)

    def _centres(self) -> QWidget:
        from ui.collection.centres_view import CentresView

        return CentresView(self.db)

"""Acopio: the shift being typed; by route; the list of every delivery; and the centres and
their routes. The tabs other than the shift are built the first time they are shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget

from coop_desktop.storage.engine import Database
from ui.collection.collection_view import CollectionView


class CollectionSection(QTabWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.collection = CollectionView(db)
        self.addTab(self.collection, self.tr("Registro del turno"))
        self.builders: dict[int, Callable[[], QWidget]] = {
            1: self._route,
            2: self._deliveries,
            3: self._centres,
        }
        for title in (
            self.tr("Por ruta"),
            self.tr("Todas las entregas"),
            self.tr("Centros y rutas"),
        ):
            self.addTab(QWidget(), title)
        self.built: dict[int, QWidget] = {}
        self.currentChanged.connect(self._build)

    def _route(self) -> QWidget:
        from ui.collection.route_view import RouteView

        return RouteView(self.db, self.collection)

    def _deliveries(self) -> QWidget:
        from ui.collection.deliveries_view import DeliveriesView

        return DeliveriesView(self.db)

    def _centres(self) -> QWidget:
        from ui.collection.centres_view import CentresView

        return CentresView(self.db)

    def page(self, index: int) -> QWidget:
        """The tab's screen, built now if it was not yet."""
        if index == 0:
            return self.collection
        if index not in self.built:
            widget = self.builders[index]()
            self.built[index] = widget
            self.blockSignals(True)
            title = self.tabText(index)
            old = self.widget(index)
            self.removeTab(index)
            self.insertTab(index, widget, title)
            if old is not None:
                old.deleteLater()
            self.blockSignals(False)
        return self.built[index]

    def _build(self, index: int) -> None:
        """A tab reads the database only when it is first shown."""
        if index > 0 and index not in self.built:
            self.page(index)
            self.setCurrentIndex(index)

    @property
    def route(self) -> QWidget:
        return self.page(1)

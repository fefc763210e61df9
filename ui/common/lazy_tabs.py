"""Tabs whose screens are built the first time they are shown: opening a section builds only
the tab on view, and a tab reads the database only when a person looks at it (no stall of the
window for tabs nobody opened). `page(i)` builds a tab at once when the screen's code or a test
needs it; the tab then takes the place of its empty stand-in, keeping its title and position."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

from PySide6.QtWidgets import QTabWidget, QWidget

W = TypeVar("W", bound=QWidget)


class LazyTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.builders: dict[int, Callable[[], QWidget]] = {}
        self.built: dict[int, QWidget] = {}
        self.currentChanged.connect(self._build)

    def add_built(self, widget: QWidget, title: str) -> int:
        """A tab whose screen exists already (the one shown first)."""
        self.built[self.count()] = widget  # known before addTab signals the new current tab
        return self.addTab(widget, title)

    def add_lazy(self, title: str, build: Callable[[], QWidget]) -> int:
        """A tab built when first shown; the first tab of all is built now."""
        if self.count() == 0:
            return self.add_built(build(), title)
        index = self.addTab(QWidget(), title)
        self.builders[index] = build
        return index

    def page(self, index: int) -> QWidget:
        """The tab's screen, built now if it was not yet."""
        if index not in self.built:
            widget = self.builders.pop(index)()
            self.built[index] = widget
            self.blockSignals(True)
            title = self.tabText(index)
            current = self.currentIndex()
            old = self.widget(index)
            self.removeTab(index)
            self.insertTab(index, widget, title)
            self.setCurrentIndex(current)
            if old is not None:
                old.deleteLater()
            self.blockSignals(False)
        return self.built[index]

    def _build(self, index: int) -> None:
        if index in self.builders:
            self.page(index)
            self.setCurrentIndex(index)


class LazyTab(Generic[W]):
    """A screen's attribute naming one of its lazy tabs (`balance = LazyTab(4, BalanceView)`):
    reading it builds the tab if it was not yet. The tabs are the screen itself when it is a
    LazyTabs, else its `tabs`."""

    def __init__(self, index: int, kind: type[W]) -> None:
        self.index = index
        self.kind = kind

    def __get__(self, screen: Any, owner: type | None = None) -> W:
        tabs = screen if isinstance(screen, LazyTabs) else screen.tabs
        return cast(W, tabs.page(self.index))

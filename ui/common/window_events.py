"""The person's input, seen where it enters the program: at each top-level window.

Two things watch every keystroke, click and wheel turn of the app: the idle lock (any input
restarts its clock) and the wheel guard (the wheel never changes a field without the focus).
They used to be Python event filters on the application, which Qt calls for every event of
every object, an object's own destruction included; PySide then wrapped objects half
destroyed, and a table's header later came back as a `QAbstractScrollArea` and a chart's axis
as a `QGraphicsWidget` (`AttributeError` when a section was opened, five starts in eight under
load). Here one filter sits on each top-level `QWindow` instead, where the platform delivers
the input before the window hands it to its widgets: it sees every person's event and no
object's inner life. A window is watched from the moment it first has the focus (the main
window, every dialog) until it is hidden.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication, QWindow

Watcher = Callable[[QWindow, QEvent], bool]  # True: the event was handled, the window skips it


class WindowEvents(QObject):
    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self.watchers: list[Watcher] = []
        app.focusWindowChanged.connect(self._attach)
        focused = app.focusWindow()
        if focused is not None:
            self._attach(focused)

    def watch(self, watcher: Watcher, owner: QObject) -> None:
        """Call `watcher` for every event of the windows while `owner` lives."""
        if watcher in self.watchers:
            return
        self.watchers.append(watcher)
        if owner is not self:
            owner.destroyed.connect(lambda: self.unwatch(watcher))

    def unwatch(self, watcher: Watcher) -> None:
        if watcher in self.watchers:
            self.watchers.remove(watcher)

    def _attach(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # once: Qt keeps one of each filter per object

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and isinstance(watched, QWindow):
            # watched again when it next has the focus; never while it is taken down
            watched.removeEventFilter(self)
            return False
        if isinstance(watched, QWindow):
            for watcher in list(self.watchers):
                if watcher in self.watchers and watcher(watched, event):
                    return True
        return False


_events: WindowEvents | None = None


def window_events() -> WindowEvents:
    """The app's one watcher of its windows' input (made on first use)."""
    global _events
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    if _events is None or _events.parent() is not app:
        _events = WindowEvents(app)
    return _events

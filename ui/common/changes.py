"""Screens that follow the data: the runner announces what each write committed (the topics the
storage layer recorded, ui/common/runner.py), and a screen that shows one of those topics
refreshes — at once if it is on view, else the next time it is shown. Writes from another PC
or the CLI are caught by polling the database's data version (every few seconds, and when the
window gains focus): a change this process did not make is announced as a change of
everything."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from coop_desktop.core.topics import TOPICS
from coop_desktop.storage.engine import Database
from ui.common.runner import OpRunner

POLL_MS = 3_000


class Follower(QObject):
    """Calls `refresh()` when one of `topics` changes and the widget is (or becomes) visible."""

    def __init__(
        self,
        widget: QWidget,
        runner: OpRunner,
        topics: Iterable[str],
        refresh: Callable[[], None],
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.topics = frozenset(topics)
        assert self.topics <= TOPICS, self.topics - TOPICS
        self.refresh = refresh
        self.stale = False
        runner.changed.connect(self._changed)
        widget.installEventFilter(self)

    def _changed(self, topics: frozenset[str], source: QObject | None) -> None:
        if source is self.widget or not topics & self.topics:
            return
        if self.widget.isVisible():
            self.stale = False
            self.refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            QTimer.singleShot(0, self.refresh)  # after the show, so the window paints first
        return False


def follow(
    widget: QWidget, runner: OpRunner, topics: Iterable[str], refresh: Callable[[], None]
) -> Follower:
    return Follower(widget, runner, topics, refresh)


class ChangeWatcher(QObject):
    """Polls the data version when the runner is idle; others' writes → every topic."""

    def __init__(self, db: Database, runner: OpRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.seen: tuple[int, int] | None = None  # (data version, this process's writes)
        self.polling = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self.poll()

    def poll(self) -> None:
        if self.polling or not self.runner.idle or self.runner.stopped:
            return
        db = self.db
        self.polling = True

        def read(_context: object) -> tuple[int, int]:
            version = db.data_version()
            return version, db.local_writes

        self.runner.run(read, self._read, self._failed)

    def _failed(self, _error: BaseException) -> None:
        self.polling = False  # a server out of reach: try again at the next tick

    def _read(self, now: tuple[int, int]) -> None:
        self.polling = False
        before, self.seen = self.seen, now
        if before is None:
            return
        others = (now[0] - before[0]) - (now[1] - before[1])
        if others > 0:
            self.runner.announce_everything()

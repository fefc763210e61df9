"""Garbage collection on the GUI thread only, and never while an op runs.

Python's cyclic collector runs in whichever thread happens to allocate; if that is the op
runner's worker, unreachable Qt wrappers get destroyed off the GUI thread and the process can
crash later. So automatic collection is off and a timer collects on the GUI thread instead.

A collection walks every object of the generations it collects while holding the GIL. While
an op holds millions of objects (a close of a million deliveries) a full pass costs seconds,
and passes every 2 s starved both the window and the op (measured: the window froze for
minutes). So the timer skips while any op runs; when idle it collects the young generation
(cheap: what was allocated since), the middle one every 30 s and everything every 5 minutes;
and what exists once the main window is built is frozen (`gc.freeze`), never walked again.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 2_000
MIDDLE_EVERY = 15  # ticks: 30 s
FULL_EVERY = 150  # ticks: 5 minutes


class GuiCollector(QObject):
    def __init__(self, parent: QObject | None = None, busy: Callable[[], bool] | None = None):
        super().__init__(parent)
        gc.disable()
        self.busy = busy or (lambda: False)
        self.ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> int:
        """One idle collection; none while an op runs."""
        if self.busy():
            return 0
        self.ticks += 1
        if self.ticks % FULL_EVERY == 0:
            return gc.collect(2)
        return gc.collect(1 if self.ticks % MIDDLE_EVERY == 0 else 0)

    @staticmethod
    def freeze() -> None:
        """Move what the app built at start (modules, widgets, caches) out of every future
        collection: they live as long as the app, and walking them is pure cost. Only the
        young generation is collected first (a full pass over a started app's million
        objects would itself hold the window for a tenth of a second)."""
        gc.collect(0)
        gc.freeze()

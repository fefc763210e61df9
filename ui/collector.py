"""Garbage collection on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate; if that is the op
runner's worker, unreachable Qt wrappers get destroyed off the GUI thread and the process can
crash later. So automatic collection is off and a timer collects on the GUI thread instead."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 2_000


class GuiCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> int:
        return gc.collect()

"""The one background op runner: a single worker thread (it also serialises SQLite writes),
results and errors delivered back on the GUI thread, progress and cancel in a dialog.

The worker never touches a Qt object: it puts plain messages on a queue, and a timer on the
GUI thread delivers them. (Qt objects used or released off the GUI thread crash at random.)
For the same reason the app runs the cyclic garbage collector itself, on the GUI thread
(ui/collector.py): a collection started by the worker's allocations could destroy
unreachable Qt wrappers on the worker thread."""

from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

Op = Callable[["OpContext"], Any]
POLL_MS = 15


class OpContext:
    """What an op sees: report progress, and whether the user asked to cancel."""

    def __init__(self, token: int, messages: queue.SimpleQueue[tuple[int, str, Any]]) -> None:
        self._token = token
        self._messages = messages
        self.cancelled = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self._messages.put((self._token, "progress", (done, total)))


class OpRunner(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coop-op")
        self._messages: queue.SimpleQueue[tuple[int, str, Any]] = queue.SimpleQueue()
        self._pending: dict[
            int,
            tuple[Callable[[Any], None], Callable[[BaseException], None], QProgressDialog | None],
        ] = {}
        self._tokens = itertools.count(1)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._drain)
        self.busy = 0

    def run(
        self,
        op: Op,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        label: str = "",
        parent: QWidget | None = None,
        cancellable: bool = False,
    ) -> Future[Any]:
        """Run `op` on the worker; `on_done(result)` or `on_error(exc)` runs on the GUI
        thread. With a `label`, a progress dialog shows (after a short delay)."""
        token = next(self._tokens)
        messages = self._messages
        context = OpContext(token, messages)
        dialog: QProgressDialog | None = None
        if label:
            dialog = QProgressDialog(
                label, self.tr("Cancelar") if cancellable else "", 0, 0, parent
            )
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)
            if not cancellable:
                dialog.setCancelButton(None)
            dialog.canceled.connect(context.cancelled.set)
        self._pending[token] = (on_done, on_error, dialog)
        self.busy += 1
        self._timer.start()

        def work() -> None:
            try:
                result = op(context)
            except BaseException as exc:  # delivered to the GUI thread, never lost
                messages.put((token, "error", exc))
            else:
                messages.put((token, "done", result))

        return self._pool.submit(work)

    def _drain(self) -> None:
        while True:
            try:
                token, kind, value = self._messages.get_nowait()
            except queue.Empty:
                break
            if token not in self._pending:
                continue
            on_done, on_error, dialog = self._pending[token]
            if kind == "progress":
                if dialog is not None:
                    dialog.setMaximum(value[1])
                    dialog.setValue(value[0])
                continue
            del self._pending[token]
            self.busy -= 1
            if dialog is not None:
                dialog.reset()
                dialog.deleteLater()
            (on_done if kind == "done" else on_error)(value)
        if not self._pending:
            self._timer.stop()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
        self._drain()

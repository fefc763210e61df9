"""The one background op runner: a single worker thread (it also serialises SQLite writes),
results and errors delivered back on the GUI thread, progress and cancel in a dialog."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Op = Callable[["OpContext"], Any]


class OpContext:
    """What an op sees: report progress, and whether the user asked to cancel."""

    def __init__(self, runner: OpRunner) -> None:
        self._runner = runner
        self.cancelled = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self._runner.progressed.emit(done, total)


class OpRunner(QObject):
    progressed = Signal(int, int)
    _finished = Signal(object, object, object)  # callback, result, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coop-op")
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
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
        context = OpContext(self)
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

            def show_progress(done: int, total: int) -> None:
                dialog.setMaximum(total)
                dialog.setValue(done)

            self.progressed.connect(show_progress)
        self.busy += 1

        def done(result: Any) -> None:
            self._close(dialog)
            on_done(result)

        def failed(error: BaseException) -> None:
            self._close(dialog)
            on_error(error)

        def work() -> None:
            try:
                result = op(context)
            except BaseException as exc:  # delivered to the GUI thread, never lost
                self._finished.emit(failed, None, exc)
            else:
                self._finished.emit(done, result, None)

        return self._pool.submit(work)

    def _close(self, dialog: QProgressDialog | None) -> None:
        self.busy -= 1
        if dialog is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.progressed.disconnect()
            dialog.reset()
            dialog.deleteLater()

    def _deliver(
        self, callback: Callable[[Any], None], result: Any, error: BaseException | None
    ) -> None:
        callback(error if error is not None else result)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)

"""The one background op runner of the app: a single worker thread (it also serialises SQLite
writes), results and errors delivered back on the GUI thread, progress and cancel in a dialog.
The main window owns it (`app_runner()` hands every screen the same one) and stops it when it
closes: running ops are asked to cancel, queued ones are dropped, nothing is delivered after.

Nobody types what an op changed: the storage layer records the topics of every committed write
per thread (coop_desktop/storage/change_record.py). After each op the worker takes what the op
committed, and the runner announces it with the op's result (a rolled-back write announces
nothing); a write made on the GUI thread is announced by `announce_writes()`, which the screen
calls after it, and in any case after the next op's result. `changed` carries the topics to
every screen that shows them (ui/common/changes.py).

The worker never touches a Qt object: it puts plain messages on a queue, and a timer on the
GUI thread delivers them. (Qt objects used or released off the GUI thread crash at random.)
For the same reason the app runs the cyclic garbage collector itself, on the GUI thread and
only while no op runs (ui/common/collector.py).

Work that must run on the GUI thread (drawing pages through QPrinter) is a stepped op
(`run_steps`): a generator advanced from the same timer, a step at a time, with the same
progress dialog, cancel, result and error delivery and `busy` accounting, so no other
dialog or event loop of its own is needed."""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections.abc import Callable, Generator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from coop_desktop.core.topics import TOPICS
from coop_desktop.storage import change_record

Op = Callable[["OpContext"], Any]
# a GUI-thread op: yields (done, total) after each step, returns its result
Steps = Callable[["OpContext"], Generator[tuple[int, int], None, Any]]
POLL_MS = 15
STEPS_MS = 20  # steps of a GUI-thread op run one after another for at most this long a tick


class OpContext:
    """What an op sees: report progress, and whether the user asked to cancel."""

    def __init__(self, token: int, messages: queue.SimpleQueue[tuple[int, str, Any]]) -> None:
        self._token = token
        self._messages = messages
        self.cancelled = threading.Event()

    @property
    def token(self) -> int:
        return self._token

    def progress(self, done: int, total: int) -> None:
        self._messages.put((self._token, "progress", (done, total)))


class _Pending:
    __slots__ = (
        "context",
        "dialog",
        "latest",
        "on_done",
        "on_error",
        "shown",
        "source",
        "written",
    )

    def __init__(
        self,
        context: OpContext,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        dialog: QProgressDialog | None,
        source: QObject | None,
    ) -> None:
        self.context = context
        self.on_done = on_done
        self.on_error = on_error
        self.dialog = dialog
        self.source = source
        self.written: frozenset[str] = frozenset()  # the topics the op committed
        self.latest: object = None  # the key of the reading this op's result replaces
        self.shown = (-1, -1)


class OpRunner(QObject):
    changed = Signal(object, object)  # (frozenset[str] of TOPICS, the announcing widget)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coop-op")
        self._messages: queue.SimpleQueue[tuple[int, str, Any]] = queue.SimpleQueue()
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[object, int] = {}  # a reading's key → the token to deliver
        self._tokens = itertools.count(1)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._drain)
        self._stepping: dict[int, Generator[tuple[int, int], None, Any]] = {}
        self._timer.timeout.connect(self._step)
        self.busy = 0
        self.stopped = False

    @property
    def idle(self) -> bool:
        return self.busy == 0

    def run(
        self,
        op: Op,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        label: str = "",
        parent: QWidget | None = None,
        cancellable: bool = False,
        source: QObject | None = None,
        latest: object = None,
    ) -> Future[Any] | None:
        """Run `op` on the worker; `on_done(result)` or `on_error(exc)` runs on the GUI
        thread. With a `label`, a progress dialog shows (after a short delay). Then what the
        op committed is announced; the `source` screen (the one that asked, and shows its
        own change) is not told. With a `latest` key (a screen's reading: `latest=self`), only
        the last op run with that key is delivered: an earlier one still on its way (read
        before a change, with an old filter) is dropped when it arrives, never shown over the
        newer. A stopped runner runs nothing."""
        if self.stopped:
            return None
        context = self._begin(on_done, on_error, label, parent, cancellable, source, latest)
        token, messages = context.token, self._messages

        def work() -> None:
            try:
                result = op(context)
            except BaseException as exc:  # delivered to the GUI thread, never lost
                outcome: tuple[int, str, Any] = (token, "error", exc)
            else:
                outcome = (token, "done", result)
            # what the op committed, even if it failed after a first unit of work
            messages.put((token, "written", change_record.take()))
            messages.put(outcome)

        return self._pool.submit(work)

    def announce_writes(self, source: QObject | None = None) -> None:
        """Tell every screen what the GUI thread has committed since it was last told (a
        screen calls this after a write it made there); the `source` screen has shown its
        own change already and is not told."""
        self._announce(change_record.take(), source)

    def announce_everything(self) -> None:
        """Writes this process did not make (another PC, the CLI): every topic."""
        self._announce(TOPICS, None)

    def _announce(self, topics: frozenset[str], source: QObject | None) -> None:
        assert topics <= TOPICS, topics - TOPICS
        if topics and not self.stopped:
            self.changed.emit(topics, source)

    def _drain(self) -> None:
        while True:
            try:
                token, kind, value = self._messages.get_nowait()
            except queue.Empty:
                break
            pending = self._pending.get(token)
            if pending is None:
                continue
            if kind == "written":
                pending.written = value
                continue
            if kind == "progress":
                # only what changes reaches the dialog: a modal dialog's setValue runs the
                # event loop, and a flood of equal values would keep the GUI busy
                if pending.dialog is not None and value != pending.shown:
                    pending.shown = value
                    pending.dialog.setMaximum(value[1])
                    pending.dialog.setValue(value[0])
                continue
            del self._pending[token]
            self.busy -= 1
            self._close_dialog(pending)
            if pending.latest is not None and self._latest.get(pending.latest) != token:
                pass  # a newer reading of the same thing is on its way: this one is stale
            elif kind == "done":
                pending.on_done(value)
            else:
                pending.on_error(value)
            if pending.latest is not None and self._latest.get(pending.latest) == token:
                del self._latest[pending.latest]
            # the op's writes, and any its callback made on the GUI thread
            self._announce(pending.written | change_record.take(), pending.source)
        if not self._pending:
            self._timer.stop()

    @staticmethod
    def _close_dialog(pending: _Pending) -> None:
        if pending.dialog is not None and isValid(pending.dialog):
            pending.dialog.reset()
            pending.dialog.deleteLater()

    def wait_idle(self) -> None:
        """Deliver every queued op's result now (scripts and tests that must not race)."""
        while self._pending:
            self._pool.submit(lambda: None).result()
            self._step()
            self._drain()

    def shutdown(self) -> None:
        """Stop for good: running ops are asked to cancel, queued ones never start, and no
        result is delivered any more (the screens that asked may be closing)."""
        if self.stopped:
            return
        self.stopped = True
        for pending in self._pending.values():
            pending.context.cancelled.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._end_steps()
        for pending in self._pending.values():
            self._close_dialog(pending)
        self._pending.clear()
        self.busy = 0
        if isValid(self._timer):
            self._timer.stop()

    def run_steps(
        self,
        op: Steps,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        label: str = "",
        parent: QWidget | None = None,
        cancellable: bool = False,
        source: QObject | None = None,
    ) -> None:
        """Run `op` on the GUI thread, a step at a time, for work Qt allows only there
        (drawing pages through QPrinter). `op(context)` is a generator: each step is the
        code up to its next `yield (done, total)`, run from the runner's timer (steps follow
        one another for at most STEPS_MS a tick, so keep each step short); its `return`
        value goes to `on_done`, an error to `on_error`, as with `run`. It checks
        `context.cancelled` itself between steps; the runner stops it (closing the generator,
        so its `finally` runs) only when the runner shuts down."""
        if self.stopped:
            return
        context = self._begin(on_done, on_error, label, parent, cancellable, source)
        self._stepping[context.token] = op(context)

    def _begin(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        label: str,
        parent: QWidget | None,
        cancellable: bool,
        source: QObject | None,
        latest: object = None,
    ) -> OpContext:
        """A new op's context, its dialog and its place among the pending ops (both kinds)."""
        token = next(self._tokens)
        context = OpContext(token, self._messages)
        dialog = self._progress_dialog(label, cancellable, parent, context)
        pending = self._pending[token] = _Pending(context, on_done, on_error, dialog, source)
        if latest is not None:
            pending.latest = latest
            self._latest[latest] = token
        self.busy += 1
        self._timer.start()
        return context

    @staticmethod
    def _progress_dialog(
        label: str, cancellable: bool, parent: QWidget | None, context: OpContext
    ) -> QProgressDialog | None:
        """The op's progress dialog (none without a label): shown after 400 ms, closed when
        the op ends, its Cancel setting `context.cancelled`."""
        if not label:
            return None
        cancel = QCoreApplication.translate("OpRunner", "Cancelar") if cancellable else ""
        dialog = QProgressDialog(label, cancel, 0, 0, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        # it closes when the op ends, not when one phase reaches its maximum
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.setValue(0)  # starts its clock: it shows after 400 ms even before progress
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(context.cancelled.set)
        return dialog

    def _step(self) -> None:
        """Advance the GUI-thread ops for at most STEPS_MS (then the window handles its
        events): their progress, result or error go on the queue the next `_drain`
        delivers, as a worker op's do. A tick that outlasts POLL_MS is followed at once by
        the next, so the steps run back to back while the window stays alive."""
        began = time.perf_counter()
        for token, steps in list(self._stepping.items()):
            try:
                while True:
                    self._messages.put((token, "progress", next(steps)))
                    if (time.perf_counter() - began) * 1000 >= STEPS_MS:
                        return
            except StopIteration as end:
                del self._stepping[token]
                self._messages.put((token, "done", end.value))
            except BaseException as exc:  # delivered to on_error, never lost
                del self._stepping[token]
                self._messages.put((token, "error", exc))

    def _end_steps(self) -> None:
        """On shutdown: each GUI-thread op is asked to cancel and closed (its `finally` runs)."""
        for steps in self._stepping.values():
            steps.close()
        self._stepping.clear()


_current: OpRunner | None = None


def app_runner() -> OpRunner:
    """The app's one runner: the main window's while it is open (screens built on their own,
    as in tests, share one owned by the application)."""
    global _current
    if _current is None or _current.stopped or not isValid(_current):
        _current = OpRunner(QCoreApplication.instance())
    return _current


def runner_busy() -> bool:
    """True while the app's runner has an op running or queued."""
    return _current is not None and isValid(_current) and not _current.idle


def stop_app_runner() -> None:
    if _current is not None and isValid(_current):
        _current.shutdown()

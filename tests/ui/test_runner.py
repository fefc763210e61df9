"""The op runner: results and errors come back on the GUI thread; cancel reaches the op."""

import threading
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from coop_desktop.core.errors import Refused
from coop_desktop.services.centres import add_centre, list_centres
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Centre
from ui.common.error_text import message
from ui.common.runner import OpContext, OpRunner


def test_results_errors_and_cancel(qtbot: QtBot) -> None:
    runner = OpRunner()
    seen: list[object] = []
    gui = threading.current_thread()

    def record(value: object) -> None:
        assert threading.current_thread() is gui
        seen.append(value)

    runner.run(lambda _c: 41 + 1, record, record)
    runner.run(
        lambda _c: (_ for _ in ()).throw(Refused("period_already_closed", value="2026-10")),
        record,
        record,
    )
    runner.run(lambda _c: 1 / 0, record, record)

    started = threading.Event()

    def cancellable(context: OpContext) -> str:
        started.set()
        # waits for the person's Cancel (never longer than the test's patience)
        return "cancelled" if context.cancelled.wait(timeout=10) else "ran"

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    runner.run(cancellable, record, record, label="Cerrando…", parent=parent, cancellable=True)
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    assert started.wait(timeout=5)
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)  # shown after its short delay
    (cancel,) = [b for b in dialog.findChildren(QPushButton) if b.text() == "Cancelar"]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) == 4, timeout=5000)
    runner.shutdown()
    assert seen[0] == 42 and seen[3] == "cancelled"
    assert message(seen[1]) == "El periodo 2026-10 ya está cerrado."  # type: ignore[arg-type]
    assert "error inesperado (ZeroDivisionError)" in message(seen[2])  # type: ignore[arg-type]
    assert runner.busy == 0


def test_what_an_op_committed_is_announced_and_a_rollback_is_not(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    """No topic is typed: the runner announces what the op's transactions committed (to
    every screen but the one that asked), nothing for one rolled back, and what the window's
    own thread wrote when a screen says it wrote (`announce_writes`)."""
    runner = OpRunner()
    said: list[tuple[frozenset[str], object]] = []
    runner.changed.connect(lambda topics, source: said.append((topics, source)))
    asking = QWidget()
    qtbot.addWidget(asking)
    results: list[object] = []

    def refused_half_way(_context: OpContext) -> None:
        with sqlite_db.write() as session:
            session.execute(insert(Centre).values(code="C9", name="Cupi"))  # then rolled back
            raise Refused("cancelled")

    runner.run(refused_half_way, results.append, results.append)
    runner.run(
        lambda _c: add_centre(sqlite_db, "C01", "Huaychani"),
        results.append,
        results.append,
        source=asking,
    )
    runner.run(lambda _c: list_centres(sqlite_db), results.append, results.append)  # a read
    runner.wait_idle()
    assert isinstance(results[0], Refused) and len(results) == 3
    assert said == [(frozenset({"centres"}), asking)]
    add_centre(sqlite_db, "C02", "Cupi")  # on the window's thread
    runner.announce_writes(source=asking)
    assert said[1:] == [(frozenset({"centres"}), asking)]
    runner.announce_writes()  # said once
    assert len(said) == 2
    runner.shutdown()


def test_a_gui_thread_op_steps_from_the_runner_with_its_dialog_cancel_and_errors(
    qtbot: QtBot,
) -> None:
    """`run_steps`: each step runs on the GUI thread between events, progress reaches the
    runner's dialog, the result or the error comes back like a worker op's, Cancel reaches
    the op, and `busy` counts it until it is delivered."""
    runner = OpRunner()
    gui = threading.current_thread()
    seen: list[object] = []
    steps_ran: list[int] = []

    def pages(count: int):  # type: ignore[no-untyped-def]
        def op(context: OpContext):  # type: ignore[no-untyped-def]
            for page in range(1, count + 1):
                assert threading.current_thread() is gui
                if context.cancelled.is_set():
                    return ("cancelled", page - 1)
                steps_ran.append(page)
                yield page, count
            return ("printed", count)

        return op

    def failing(_context: OpContext):  # type: ignore[no-untyped-def]
        yield 1, 2
        raise Refused("period_already_closed", value="2026-10")

    runner.run_steps(pages(3), seen.append, seen.append)
    assert runner.busy == 1 and steps_ran == []  # nothing runs before the event loop does
    qtbot.waitUntil(lambda: seen == [("printed", 3)], timeout=5000)
    assert runner.busy == 0 and steps_ran == [1, 2, 3]
    runner.run_steps(failing, seen.append, seen.append)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert message(seen[1]) == "El periodo 2026-10 ya está cerrado."  # type: ignore[arg-type]

    # a long one: its dialog shows the pages, and Cancelar stops it between two of them
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    def long_op(context: OpContext):  # type: ignore[no-untyped-def]
        for page in range(1, 100_001):
            if context.cancelled.is_set():
                return ("cancelled", page - 1)
            time.sleep(0.005)  # a page that takes a while to draw
            yield page, 100_000
        return ("printed", 100_000)

    runner.run_steps(
        long_op, seen.append, seen.append, label="Imprimiendo…", parent=parent, cancellable=True
    )
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.value() > 0, timeout=5000)
    assert dialog.maximum() == 100_000
    (cancel,) = [b for b in dialog.findChildren(QPushButton) if b.text() == "Cancelar"]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    kind, drawn = seen[2]  # type: ignore[misc]
    assert kind == "cancelled" and 0 < drawn < 100_000
    assert runner.idle
    runner.shutdown()


def test_shutdown_closes_a_gui_thread_op_and_wait_idle_drives_one(qtbot: QtBot) -> None:
    runner = OpRunner()
    ended: list[str] = []
    seen: list[object] = []

    def op(_context: OpContext):  # type: ignore[no-untyped-def]
        try:
            for page in range(3):
                yield page, 3
        finally:
            ended.append("closed")
        return "done"

    runner.run_steps(op, seen.append, seen.append)
    runner.wait_idle()  # a script that must not race: steps run here, the result is delivered
    assert seen == ["done"] and ended == ["closed"]

    stepped: list[int] = []

    def endless(_context: OpContext):  # type: ignore[no-untyped-def]
        try:
            while True:
                stepped.append(1)
                yield 0, 0
        finally:
            ended.append("stopped")

    runner.run_steps(endless, seen.append, seen.append)
    qtbot.waitUntil(lambda: len(stepped) > 1, timeout=5000)  # it is stepping
    runner.shutdown()  # the window closes: its finally runs, nothing is delivered
    assert ended == ["closed", "stopped"] and seen == ["done"] and runner.busy == 0


def test_only_the_latest_reading_of_a_screen_is_delivered(qtbot: QtBot) -> None:
    """A screen that reads again (a change announced, a new range typed) while its previous
    reading is still on the worker shows the new one only: the old one, finishing later,
    would show data from before the change."""
    runner = OpRunner()
    screen = QWidget()
    qtbot.addWidget(screen)
    shown: list[str] = []
    errors: list[BaseException] = []
    runner.run(lambda _c: "before the change", shown.append, errors.append, latest=screen)
    runner.run(lambda _c: "after the change", shown.append, errors.append, latest=screen)
    runner.run(lambda _c: "another screen's", shown.append, errors.append, latest="other")
    runner.wait_idle()
    assert shown == ["after the change", "another screen's"] and errors == []
    runner.run(lambda _c: "read once more", shown.append, errors.append, latest=screen)
    runner.wait_idle()  # the key is free again once its latest was delivered
    assert shown[-1] == "read once more" and runner.busy == 0
    runner.shutdown()

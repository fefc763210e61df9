"""The op runner: results and errors come back on the GUI thread; cancel reaches the op."""

import threading

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

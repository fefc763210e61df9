"""A large period on SQLite is priced in two processes (members split by id parity); the
result is exactly the one-process result, and a child that cannot run changes nothing."""

import logging
import multiprocessing.resource_tracker
import multiprocessing.spawn
import subprocess
import sys
from datetime import date

import pytest

from coop_desktop.services.closeout import shares as close_shares
from coop_desktop.services.closeout.closing import close_period, preview_close
from coop_desktop.services.demo import load_demo
from coop_desktop.services.settlements import stored_totals
from coop_desktop.storage.engine import Database

START = date(2026, 9, 1)


def numbers(db: Database) -> list[tuple[object, ...]]:
    result = preview_close(db, "2026-09")
    return [
        (m.code, m.milk.kg, m.milk.litres, m.milk.lines, m.milk.missing, m.calc.net)
        for m in result.members
    ]


def test_two_processes_give_the_one_process_numbers(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo(sqlite_db, members=9, days=30, start=START, today=date(2026, 11, 27))
    alone = numbers(sqlite_db)
    answered: list[int] = []
    real_finish = close_shares._finish

    def finish(child: object) -> object:
        theirs = real_finish(child)  # type: ignore[arg-type]
        answered.append(len(theirs) if theirs is not None else -1)
        return theirs

    monkeypatch.setattr(close_shares, "SPLIT_FROM_DELIVERIES", 10)
    monkeypatch.setattr(close_shares, "_finish", finish)
    split = numbers(sqlite_db)
    assert answered and 0 < answered[0] < 9  # the child priced some of the members, not all
    assert split == alone and len(split) == 9
    close_period(sqlite_db, "2026-09")
    totals = stored_totals(sqlite_db, "2026-09")
    assert totals is not None and totals["members"] == 9


def test_a_child_that_cannot_run_changes_nothing(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    load_demo(sqlite_db, members=5, days=30, start=START, today=date(2026, 11, 27))
    alone = numbers(sqlite_db)
    monkeypatch.setenv("COOP_SPLIT_FROM_DELIVERIES", "10")  # what the frozen smoke test uses
    multiprocessing.resource_tracker.ensure_running()  # with the real Python, before the swap
    monkeypatch.setattr(
        multiprocessing.spawn, "_python_exe", multiprocessing.spawn.get_executable()
    )
    multiprocessing.spawn.set_executable("/no/such/python")
    with caplog.at_level(logging.WARNING, logger=close_shares.__name__):
        assert numbers(sqlite_db) == alone
    assert "second closeout process" in caplog.text  # did not start, or failed at once


def test_a_child_that_fails_changes_nothing_and_says_so(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    load_demo(sqlite_db, members=5, days=30, start=START, today=date(2026, 11, 27))
    alone = numbers(sqlite_db)
    monkeypatch.setattr(close_shares, "SPLIT_FROM_DELIVERIES", 10)
    monkeypatch.setattr(close_shares, "_file_of", lambda conn: "/no/such/coop.db")
    with caplog.at_level(logging.WARNING, logger=close_shares.__name__):
        assert numbers(sqlite_db) == alone
    assert "second closeout process failed" in caplog.text


def test_the_child_imports_neither_sqlalchemy_nor_qt() -> None:
    """A spawned child imports the module of its function and the program's main module:
    both stay light (the entry points import the app inside main())."""
    probe = (
        "import sys, coop_desktop.services.closeout.shares, coop_desktop.cli, ui.launch;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'PySide6'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"

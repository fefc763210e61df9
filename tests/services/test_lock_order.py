"""PostgreSQL: closes, reopens, scheme versions and undos serialise under one order of locks
(services/closeout/locks.py), tried again and again at the same instant from two threads (two
connections, as two PCs): periods never end out of order, no scheme version lands inside a
closed period, and nobody meets a deadlock."""

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import text
from tests_support.clock import TODAY
from tests_support.races import at_once, code

from coop_desktop.core.resources import resource_path
from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.deliveries import add_delivery, delete_delivery
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import import_scheme
from coop_desktop.services.settlements import reopen_period
from coop_desktop.storage import audit_chain
from coop_desktop.storage.engine import Database
from coop_desktop.storage.protection import LOCK_CLASS, month_key

Q1, Q2 = "2026-10-q1", "2026-10-q2"
ROUNDS = 6


def _second_half(db: Database) -> None:
    for day in range(16, 32):
        add_delivery(db, "S0001", "14", "L", date(2026, 10, day), "am", today=TODAY)
    add_test(db, "S0001", "2026-10-22", {"st": "12.3", "ufc": "90000"}, today=TODAY)


def _after(seconds: float, job: Callable[[], object]) -> object:
    time.sleep(seconds)  # the moment the other thread is in the middle of its work
    return job()


def _status(db: Database, code: str) -> str:
    with db.read() as s:
        found = s.execute(text("SELECT status FROM period WHERE code = :c"), {"c": code}).scalar()
    return str(found or "open")


def test_reopen_during_a_close_never_leaves_periods_out_of_order(pg_example: Database) -> None:
    db = pg_example
    close_period(db, Q1)
    _second_half(db)
    for _ in range(ROUNDS):
        closed, reopened = at_once(
            lambda: close_period(db, Q2), lambda: reopen_period(db, Q1, "faltó una entrega")
        )
        outcome = (_status(db, Q1), _status(db, Q2), code(closed), code(reopened))
        assert outcome in (
            ("closed", "closed", "ok", "later_period_closed"),  # the close went first
            ("open", "open", "earlier_period_open", "ok"),  # the reopen went first
        ), outcome
        if outcome[1] == "closed":
            reopen_period(db, Q2, "otra vuelta")
        else:
            close_period(db, Q1)
    assert run_checks(db) == []


def test_a_scheme_saved_during_a_close_never_lands_inside_it(pg_example: Database) -> None:
    db = pg_example
    close_period(db, Q1)
    _second_half(db)
    preset = resource_path("schemes/peru-additive.json").read_text()
    for n in range(ROUNDS):
        effective = date(2026, 10, 20 + n)  # each round a higher base price from a later day
        scheme = preset.replace('"rate": "1.20"', f'"rate": "1.{31 + n}"')
        closed, saved = at_once(  # the version a little later each round: into the close
            lambda: close_period(db, Q2),
            lambda e=effective, t=scheme, n=n: _after(0.03 * n, lambda: import_scheme(db, t, e)),
        )
        assert (code(closed), code(saved)) in (
            ("ok", "scheme_in_closed_period"),  # the close went first: the version is refused
            ("ok", "ok"),  # the version went first: the close priced with it
        )
        # A version stored inside the closed period after its close would price it otherwise
        # than it was closed: the check prices every closed period again and compares.
        assert run_checks(db) == []
        reopen_period(db, Q2, "otra vuelta")


def test_an_undo_during_a_close_waits_for_it_and_never_deadlocks(pg_example: Database) -> None:
    """A close holds the month while it works and appends its audit row last; an undo (the
    delete of a save) takes the month before its own audit row, so it waits instead of
    holding the audit chain the close needs."""
    db = pg_example
    saved = add_delivery(db, "S0001", "9", "L", date(2026, 10, 20), "pm", today=TODAY)
    closer = db.engine.connect()
    tx = closer.begin()
    closer.exec_driver_sql(
        f"SELECT pg_advisory_xact_lock({LOCK_CLASS}, {month_key(date(2026, 10, 20))})"
    )
    result: dict[str, Any] = {}

    def undo() -> None:
        try:
            result["undo"] = delete_delivery(db, saved.id)
        except Exception as exc:
            result["undo"] = exc

    worker = threading.Thread(target=undo)
    worker.start()
    _wait_for_a_waiter(db)
    closer.exec_driver_sql(f"SELECT pg_advisory_xact_lock({audit_chain._LOCK_KEY})")
    tx.commit()
    closer.close()
    worker.join(timeout=30)
    assert getattr(result["undo"], "id", None) == saved.id, result


def _wait_for_a_waiter(db: Database, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    with db.engine.connect() as conn:
        while not conn.exec_driver_sql(
            "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).first():
            assert time.monotonic() < deadline, "the undo never waited for the month"
            time.sleep(0.02)

"""Faults during a close, on both engines: a kill -9 in the middle of writing, and two closes
of the same period at once."""

import subprocess
import sys
from datetime import date

from sqlalchemy import text

from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.demo import load_demo
from coop_desktop.storage.engine import Database

PERIOD = "2026-10-q1"
MEMBERS = 600  # more than one write chunk, so a kill can land between chunks

KILL_MID_WRITE = """
import os, signal, sys
from coop_desktop.storage.connect import open_database
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.auth import sign_in

def progress(phase, done, total):
    if phase == "write" and done < total:
        os.kill(os.getpid(), signal.SIGKILL)  # exactly between two chunks of settlements

db = open_database(sys.argv[1])
sign_in(db, "admin", "clave-de-prueba", for_command=True)
close_period(db, sys.argv[2], progress)
print("not killed")
"""

CLOSE = """
import sys
from coop_desktop.core.errors import CoopError
from coop_desktop.storage.connect import open_database
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.auth import sign_in
try:
    db = open_database(sys.argv[1])
    sign_in(db, "admin", "clave-de-prueba", for_command=True)
    result = close_period(db, sys.argv[2])
    print("ok", len(result.members))
except CoopError as exc:
    print("refused", exc.code)
"""


def _demo(db: Database) -> None:
    load_demo(
        db, members=MEMBERS, days=15, start=date(2026, 10, 1), seed=5, today=date(2026, 11, 27)
    )


def _counts(db: Database) -> tuple[int, int, int, str | None]:
    with db.engine.connect() as conn:
        settlements = conn.execute(text("SELECT COUNT(*) FROM settlement")).scalar_one()
        lines = conn.execute(text("SELECT COUNT(*) FROM settlement_line")).scalar_one()
        generated = conn.execute(
            text("SELECT COUNT(*) FROM ledger_entry WHERE settlement_id IS NOT NULL")
        ).scalar_one()
        status = conn.execute(
            text("SELECT status FROM period WHERE code = :c"), {"c": PERIOD}
        ).scalar()
    return settlements, lines, generated, status


def test_kill_during_close_leaves_nothing_half_written(db: Database) -> None:
    _demo(db)
    run = subprocess.run(
        [sys.executable, "-c", KILL_MID_WRITE, db.location.url, PERIOD],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == -9, run.stderr
    assert "not killed" not in run.stdout
    settlements, lines, generated, status = _counts(db)
    assert (settlements, lines, generated) == (0, 0, 0)
    assert status in (None, "open")
    assert run_checks(db) == []
    result = close_period(db, PERIOD)
    assert result.members[0].number == "L001-00000001"
    assert result.members[-1].number == f"L001-{MEMBERS:08d}"
    assert run_checks(db) == []


def test_two_closes_at_once_one_wins(db: Database) -> None:
    _demo(db)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CLOSE, db.location.url, PERIOD],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = sorted(p.communicate(timeout=120)[0].strip() for p in procs)
    assert outs == [f"ok {MEMBERS}", "refused period_already_closed"], outs
    with db.engine.connect() as conn:
        numbers = [r[0] for r in conn.execute(text("SELECT number FROM settlement ORDER BY 1"))]
        counter = conn.execute(
            text("SELECT last_number FROM document_counter WHERE series = 'L001'")
        ).scalar_one()
    assert numbers == list(range(1, MEMBERS + 1)) and counter == MEMBERS
    assert run_checks(db) == []

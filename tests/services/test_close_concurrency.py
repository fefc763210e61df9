"""Closes serialise with every writer, on both engines: four processes keep saving deliveries
into a period while another closes it. Each save either lands before the close reads (and is
settled) or is refused in words; none lands unpaid inside the closed period."""

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.storage.engine import Database
from tests.tests_support.writers import finish, listen

PERIOD = "2026-10-q1"
WRITERS = 4

WRITER = """
import random, sys, time
from pathlib import Path
from datetime import date
from coop_desktop.core.errors import CoopError
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.storage.connect import open_database

db = open_database(sys.argv[1], migrate=False)
from coop_desktop.services.auth import sign_in
sign_in(db, "admin", "clave-de-prueba", for_command=True)
stop, rng = Path(sys.argv[2]), random.Random(int(sys.argv[3]))
while not stop.exists():
    day = date(2026, 10, rng.randint(1, 15))
    code = rng.choice(["S0001", "S0002"])
    try:
        saved = add_delivery(db, code, "1.5", "L", day, rng.choice(["am", "pm"]),
                             today=date(2026, 11, 27))
        print("ok", saved.id, flush=True)
    except CoopError as exc:
        print("refused", exc.code, flush=True)
    time.sleep(0.005)
"""


def _wait(condition: Callable[[], bool], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the writers did not get going"
        time.sleep(0.05)


def test_writers_during_a_close_are_settled_or_refused(example: Database, tmp_path: Path) -> None:
    stop = tmp_path / "stop"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, example.location.url, str(stop), str(seed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in range(WRITERS)
    ]
    heard, readers = listen(writers)
    try:
        _wait(lambda: all(sum(line.startswith("ok") for line in out) >= 3 for out in heard))
        result = close_period(example, PERIOD)
        after = [len(out) for out in heard]
        _wait(lambda: all(len(out) >= n + 3 for out, n in zip(heard, after, strict=True)))
    finally:
        stop.touch()
        errors = finish(writers, readers)
    lines = [line.split() for out in heard for line in out]
    assert [e for e in errors if e.strip()] == []  # no traceback reached anyone
    saved = {int(parts[1]) for parts in lines if parts[0] == "ok"}
    refused = [parts[1] for parts in lines if parts[0] == "refused"]
    assert saved and refused  # some saves landed before the close, some came after it
    assert set(refused) <= {"period_closed", "closed_period_write", "db_busy"}
    with example.read() as s:
        stored = {r[0] for r in s.execute(text("SELECT id FROM delivery")).all()}
        litres = s.execute(
            text(
                "SELECT SUM(quantity) FROM delivery WHERE date BETWEEN '2026-10-01' AND "
                "'2026-10-15' AND rejected = :f"
            ),
            {"f": False},
        ).scalar()
    assert saved <= stored  # every acknowledged save is there
    # and every one of them is in a settlement: the closed litres are all the litres
    assert sum(m.milk.litres for m in result.members) * 1000 == litres
    assert run_checks(example) == []

import json
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from coop_desktop.core.errors import StorageError
from coop_desktop.services.backups import backup, restore
from coop_desktop.services.demo import load_demo
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database
from tests.tests_support.writers import finish, listen


def _dump(path: Path) -> list[str]:
    """Every statement that rebuilds the file, sorted (a restore re-creates the triggers,
    which moves them in the schema's list)."""
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.iterdump())
    finally:
        conn.close()


def test_backup_restores_to_an_identical_database(sqlite_db: Database, tmp_path: Path) -> None:
    load_demo(sqlite_db, members=5, days=3, start=date(2026, 10, 1), today=date(2026, 11, 27))
    assert sqlite_db.location.path is not None
    before = _dump(sqlite_db.location.path)
    copy = backup(sqlite_db, tmp_path / "copia.db")
    assert _dump(copy) == before
    with sqlite_db.engine.begin() as conn:
        conn.execute(text("DELETE FROM quality_test"))
    assert _dump(sqlite_db.location.path) != before
    _, kept = restore(sqlite_db, copy, keep_dir=tmp_path / "kept")
    assert kept.exists()
    restored = _dump(sqlite_db.location.path)
    recorded = [
        ln for ln in restored if ln.startswith('INSERT INTO "audit_log"') and "restore" in ln
    ]
    assert len(recorded) == 1 and "'admin','restore','database'" in recorded[0]
    # the restore is itself a write: the data version rises, so open screens read again
    version = 'INSERT INTO "data_version"'
    assert [ln for ln in restored if ln.startswith(version)] == [
        ln.replace("VALUES(1,2)", "VALUES(1,3)") for ln in before if ln.startswith(version)
    ]
    assert [ln for ln in restored if ln not in recorded and not ln.startswith(version)] == [
        ln for ln in before if not ln.startswith(version)
    ]  # plus who restored it


def test_backup_while_a_writer_is_busy(sqlite_db: Database, tmp_path: Path) -> None:
    load_demo(sqlite_db, members=2, days=2, start=date(2026, 10, 1), today=date(2026, 11, 27))
    with sqlite_db.write() as s:  # an open write transaction in this process
        s.execute(text("INSERT INTO setting (key, value) VALUES ('pendiente', 'x')"))
        copy = backup(sqlite_db, tmp_path / "copia.db")
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT COUNT(*) FROM setting WHERE key='pendiente'").fetchone() == (0,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_restore_refuses_foreign_files_and_keeps_data(sqlite_db: Database, tmp_path: Path) -> None:
    load_demo(sqlite_db, members=2, days=2, start=date(2026, 10, 1), today=date(2026, 11, 27))
    assert sqlite_db.location.path is not None
    before = _dump(sqlite_db.location.path)
    junk = tmp_path / "foto.jpg"
    junk.write_bytes(b"\xff\xd8\xff" + b"0" * 100)
    foreign = tmp_path / "otro.db"
    c = sqlite3.connect(foreign)
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    for bad in (junk, foreign, tmp_path / "no-existe.db"):
        with pytest.raises(StorageError):
            restore(sqlite_db, bad, keep_dir=tmp_path / "kept")
    assert _dump(sqlite_db.location.path) == before
    reopened = open_database(str(sqlite_db.location.path))
    reopened.dispose()


def test_backup_target_must_be_new(sqlite_db: Database, tmp_path: Path) -> None:
    (tmp_path / "x.db").write_text("ya existe")
    with pytest.raises(StorageError):
        backup(sqlite_db, tmp_path / "x.db")


def _restore_records(path: Path) -> list[dict[str, object]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT after FROM audit_log WHERE action = 'restore'").fetchall()
    finally:
        conn.close()
    return [json.loads(r[0]) for r in rows]


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        ("DROP TABLE ledger_entry", "ledger_entry"),
        ("DROP TRIGGER ledger_entry_no_update", "ledger_entry_no_update"),
        ("DROP INDEX uq_delivery_ticket", "uq_delivery_ticket"),
        ("DROP TRIGGER delivery_closed_insert", "delivery_closed_insert"),
    ],
)
def test_restore_refuses_an_incomplete_backup(
    sqlite_db: Database, tmp_path: Path, damage: str, said: str
) -> None:
    load_demo(sqlite_db, members=2, days=2, start=date(2026, 10, 1), today=date(2026, 11, 27))
    assert sqlite_db.location.path is not None
    copy = backup(sqlite_db, tmp_path / "copia.db")
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute(damage)
    conn.commit()
    conn.close()
    before = _dump(sqlite_db.location.path)
    with pytest.raises(StorageError) as err:
        restore(sqlite_db, copy, keep_dir=tmp_path / "kept")
    assert err.value.code == "backup_damaged" and said in err.value.render("es")
    assert _dump(sqlite_db.location.path) == before


def test_restore_never_reissues_a_number(sqlite_db: Database, tmp_path: Path) -> None:
    """A receipt handed out after the backup was made keeps its number used."""
    from coop_desktop.services.accounts import add_advance
    from coop_desktop.services.closeout.check import run_checks

    load_demo(sqlite_db, members=2, days=2, start=date(2026, 10, 1), today=date(2026, 11, 27))
    copy = backup(sqlite_db, tmp_path / "copia.db")
    _, first = add_advance(sqlite_db, "S0001", "20", "2026-10-02", today=date(2026, 11, 27))
    restore(sqlite_db, copy, keep_dir=tmp_path / "kept")
    _, second = add_advance(sqlite_db, "S0002", "30", "2026-10-02", today=date(2026, 11, 27))
    assert first == "R001-00000001" and second == "R001-00000002"
    assert sqlite_db.location.path is not None
    assert _restore_records(sqlite_db.location.path)[0]["skipped"]["R001"] == [1, 1]
    assert run_checks(sqlite_db) == []  # the skipped number is no gap


WRITER = """
import sys, time
from pathlib import Path
from datetime import date
from coop_desktop.core.errors import CoopError
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.storage.connect import open_database

db = open_database(sys.argv[1], migrate=False)
from coop_desktop.services.auth import sign_in
sign_in(db, "admin", "clave-de-prueba", for_command=True)
stop = Path(sys.argv[2])
n = 0
while not stop.exists():
    n += 1
    try:
        saved = add_delivery(db, "S0001", f"{n % 90 + 5}.5", "L", date(2026, 10, 3), "pm",
                             today=date(2026, 11, 27))
        print("ok", saved.ticket, flush=True)
    except CoopError as exc:
        print("refused", exc.code, flush=True)
    time.sleep(0.002)
"""


def test_restore_loses_no_acknowledged_write(sqlite_db: Database, tmp_path: Path) -> None:
    load_demo(sqlite_db, members=30, days=20, start=date(2026, 10, 1), today=date(2026, 11, 27))
    assert sqlite_db.location.path is not None
    copy = backup(sqlite_db, tmp_path / "copia.db")
    stop = tmp_path / "stop"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(sqlite_db.location.path), str(stop)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    heard, readers = listen(writers)
    try:
        deadline = time.monotonic() + 90
        while not all(len(out) >= 5 for out in heard):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        _, kept = restore(sqlite_db, copy, keep_dir=tmp_path / "kept")
        after = [len(out) for out in heard]
        while not all(len(out) >= n + 5 for out, n in zip(heard, after, strict=True)):
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        stop.touch()
        errors = finish(writers, readers)
    assert [e for e in errors if e.strip()] == []
    acknowledged = {line.split()[1] for out in heard for line in out if line.startswith("ok")}

    def tickets(path: Path) -> set[str]:
        conn = sqlite3.connect(path)
        try:
            return {
                f"{s}-{n:08d}"
                for s, n in conn.execute("SELECT ticket_series, ticket_number FROM delivery")
            }
        finally:
            conn.close()

    # Each acknowledged save is in the data kept aside (made before the restore) or in the
    # restored data (made after it): none fell in between.
    assert acknowledged <= tickets(kept) | tickets(sqlite_db.location.path)
    assert acknowledged & tickets(kept) and acknowledged & tickets(sqlite_db.location.path)

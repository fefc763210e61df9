import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from coop_desktop.errors import StorageError
from coop_desktop.services.backups import backup, restore
from coop_desktop.services.demo import load_demo
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_backup_restores_to_an_identical_database(sqlite_db: Database, tmp_path: Path) -> None:
    load_demo(sqlite_db, members=5, days=3, start=date(2026, 10, 1), today=date(2026, 11, 27))
    assert sqlite_db.location.path is not None
    before = _dump(sqlite_db.location.path)
    copy = backup(sqlite_db, tmp_path / "copia.db")
    assert _dump(copy) == before
    with sqlite_db.engine.begin() as conn:
        conn.execute(text("DELETE FROM ledger_entry"))
    assert _dump(sqlite_db.location.path) != before
    _, kept = restore(sqlite_db, copy, keep_dir=tmp_path / "kept")
    assert kept.exists()
    restored = _dump(sqlite_db.location.path)
    recorded = [
        ln for ln in restored if ln.startswith('INSERT INTO "audit_log"') and "restore" in ln
    ]
    assert len(recorded) == 1 and "'admin','restore','database'" in recorded[0]
    assert [ln for ln in restored if ln not in recorded] == before  # plus who restored it


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

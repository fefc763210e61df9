"""SQLite pragmas and the write lock; the append-only audit log on both engines."""

import sqlite3
import threading
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from coop_desktop.core.errors import Refused
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import AuditLog


def test_sqlite_pragmas(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15_000


def test_write_transactions_begin_immediate(sqlite_db: Database, tmp_path: Path) -> None:
    """While a unit of work is open, another writer cannot even start."""
    assert sqlite_db.location.path is not None
    entered = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with sqlite_db.write() as s:
            s.execute(text("SELECT 1"))
            entered.set()
            release.wait(5)

    worker = threading.Thread(target=hold)
    worker.start()
    entered.wait(5)
    other = sqlite3.connect(sqlite_db.location.path, timeout=0.1, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    finally:
        release.set()
        worker.join()
        other.close()


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(DBAPIError), db.write() as s:
        s.execute(
            text(
                "INSERT INTO delivery (member_id, date, shift, quantity, unit, cooled, rejected, "
                "recorded_by, recorded_at) VALUES (999, '2026-10-01', 'am', 1000, 'L', false, "
                "false, 'x', '2026-10-01 06:00:00')"
            )
        )


def test_audit_log_is_append_only(db: Database) -> None:
    with db.read() as s:  # the test administrator's creation and sign-in
        before = s.execute(text("SELECT actor FROM audit_log ORDER BY id")).scalars().all()
    with db.write() as s:
        s.add(
            AuditLog(
                at=datetime(2026, 11, 1), actor="t", action="create", entity="x", entity_id="1"
            )
        )
    with pytest.raises(Refused, match="never changed or deleted"), db.write() as s:
        s.execute(text("UPDATE audit_log SET actor = 'otro'"))
    with pytest.raises(Refused, match="never changed or deleted"), db.write() as s:
        s.execute(text("DELETE FROM audit_log"))
    with db.read() as s:
        rows = s.execute(text("SELECT actor FROM audit_log ORDER BY id")).scalars().all()
        assert rows == [*before, "t"]

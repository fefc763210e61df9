"""Database failures in the user's words: no traceback for a locked, full, damaged or
protected database. `Database.write()`/`read()` pass every driver error through `translate`.

A long write (a close, an import, a restore) leaves a note beside a SQLite file saying who is
writing and since when (`holding`), so a second program that times out waiting can say who
holds the database; on PostgreSQL the same comes from `pg_stat_activity`.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError, Refused, StorageError

_RULES: tuple[tuple[tuple[str, ...], str, type[CoopError]], ...] = (
    (("closed period",), "closed_period_write", Refused),
    (("append-only", "protected row", "protected table"), "protected_data", Refused),
    (
        ("database is locked", "database table is locked", "lock timeout", "lock_timeout"),
        "db_busy",
        StorageError,
    ),
    (("deadlock detected", "could not serialize access"), "db_conflict", StorageError),
    (("database or disk is full", "no space left", "disk full"), "disk_full", StorageError),
    (
        ("disk i/o error", "file too large", "input/output error", "unable to open database file"),
        "disk_error",
        StorageError,
    ),
    (
        ("malformed", "file is not a database", "file is encrypted", "could not decode"),
        "db_damaged",
        StorageError,
    ),
    (("no such table", "no such column", "does not exist"), "db_schema_damaged", StorageError),
    (("readonly database", "read-only"), "db_readonly", StorageError),
    (
        ("could not connect", "connection refused", "connection timeout"),
        "db_unreachable",
        StorageError,
    ),
)


WAITS = ("db_busy", "db_conflict")
DRIVERS = ("sqlite3", "psycopg")  # a wait for another writer: said with who it is


def _what(message: str) -> str:
    """The table a trigger named in its message ("append-only: ledger_entry")."""
    tail = message.split(":", 1)[1] if ":" in message else ""
    return tail.strip().split()[0] if tail.strip() else ""


def translate(
    exc: Exception, where: str, busy_note: Path | None = None, conn: Any = None
) -> Exception:
    """The CoopError a driver error means, or the error itself when it means nothing known."""
    message = str(getattr(exc, "orig", exc)).lower()
    first = message.splitlines()[0] if message else ""
    for needles, code, kind in _RULES:
        if any(n in first for n in needles):
            if code in WAITS:
                return StorageError(code, value=where, holder=holder(busy_note, conn))
            if kind is Refused:
                return Refused(code, None, table=_what(first))
            return StorageError(code, value=where, reason=first)
    if _damaged_sqlite(getattr(exc, "orig", exc)):
        return StorageError("db_damaged", value=where, reason=first)
    return exc


def _damaged_sqlite(error: object) -> bool:
    """SQLite says a file is damaged with a bare DatabaseError (SQLITE_CORRUPT, SQLITE_NOTADB,
    whatever the words) or an InternalError: both are the damaged-file message, never a
    driver error on screen."""
    import sqlite3

    return type(error) in (sqlite3.DatabaseError, sqlite3.InternalError)


def in_words(exc: BaseException, where: str) -> BaseException:
    """The CoopError a driver error met anywhere means (the CLI's and the desktop's last
    resort, for paths that read outside a unit of work); other errors as they are."""
    if isinstance(exc, CoopError) or not isinstance(exc, Exception):
        return exc
    from sqlalchemy.exc import DBAPIError

    orig = getattr(exc, "orig", exc)
    if isinstance(exc, DBAPIError) or type(orig).__module__.split(".")[0] in DRIVERS:
        return translate(exc, where)
    return exc


def holder(note: Path | None, conn: Any = None) -> str:
    """Who holds the database, as well as it can be known ("" when unknown)."""
    if note is not None:
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
            if stale(data):  # its writer was killed (kill -9, a power cut): nobody holds it
                note.unlink(missing_ok=True)
                return ""
            return (
                f"{data['action']} ({data['user']} en {data['host']}, desde {data['since'][11:19]})"
            )
        except (OSError, ValueError, KeyError):
            return ""
    if conn is not None:
        try:
            row = conn.exec_driver_sql(
                "SELECT a.application_name, a.xact_start FROM pg_locks l JOIN "
                "pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND "
                "l.mode = 'ExclusiveLock' AND l.granted AND a.pid <> pg_backend_pid() LIMIT 1"
            ).first()
        except Exception:  # the connection may be unusable after the failure
            return ""
        if row is not None:
            return f"{row[0]} (desde {row[1]:%H:%M:%S})"
    return ""


def stale(data: dict[str, Any]) -> bool:
    """A note (or folder) left by a process of this computer that no longer runs."""
    from coop_desktop.storage.files import pid_alive

    return data.get("host") == socket.gethostname() and not pid_alive(int(data.get("pid", 0)))


def clear_stale_note(db_path: Path | None) -> None:
    """Remove the busy note of a long write whose process was killed (opening a database)."""
    note = note_path(db_path)
    if note is None or not note.exists():
        return
    try:
        data = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict) or stale(data):
        note.unlink(missing_ok=True)


def note_path(db_path: Path | None) -> Path | None:
    return None if db_path is None else db_path.with_name(db_path.name + ".ocupada.json")


@contextmanager
def holding(db_path: Path | None, action: str) -> Iterator[None]:
    """Leave a note beside a SQLite file while a long write holds it."""
    note = note_path(db_path)
    if note is None:
        yield
        return
    try:
        user = getpass.getuser()
    except Exception:  # no login name
        user = "?"
    data = {
        "action": action,
        "user": user,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": clock.now().isoformat(timespec="seconds"),
    }
    try:
        tmp = note.with_name(note.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, note)
    except OSError:
        note = None
    try:
        yield
    finally:
        if note is not None:
            note.unlink(missing_ok=True)

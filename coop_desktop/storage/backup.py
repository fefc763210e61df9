"""Online backups and restores of SQLite files (sqlite3's backup API: consistent while the
app is running, because it copies pages under SQLite's own locks)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from coop_desktop.errors import StorageError
from coop_desktop.storage.files import make_private
from coop_desktop.storage.migrate import SQLITE_HEADER


def online_backup(source: Path, target: Path, pages_per_step: int = 1024) -> None:
    """Copy the database at `source` into a new file `target`, consistently."""
    if target.exists():
        raise StorageError("backup_target_exists", value=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    # Created empty and user-only first, so the copy is never readable by others.
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    make_private(target)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst, pages=pages_per_step)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()


def validate_backup_file(path: Path, known_revisions: set[str]) -> str:
    """Refuse anything but an intact Coop Desktop SQLite file; return its schema revision."""
    if not path.is_file():
        raise StorageError("file_not_found", value=str(path))
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise StorageError("not_a_database", value=str(path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise StorageError("not_a_database", value=str(path))
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"alembic_version", "association", "member", "delivery"} <= tables:
                raise StorageError("not_a_database", value=str(path))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError("not_a_database", value=str(path)) from exc
    if row is None or row[0] not in known_revisions:
        raise StorageError("newer_schema", value=str(path))
    return str(row[0])


def copy_into(source: Path, target: Path) -> None:
    """Replace the content of the live database `target` with `source`, page by page."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target, timeout=10)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()

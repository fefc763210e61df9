"""Online backups and restores of SQLite files.

A backup uses sqlite3's backup API (consistent while the app is running, because it copies
pages under SQLite's own locks) into a temporary name beside the target, renamed at the end:
an interrupted backup leaves no half file behind and blocks nothing.

A restore first proves the file is a whole Coop Desktop database: a copy is brought to the
current schema revision and must then have every table, column, index and trigger a new
database has, pass `PRAGMA integrity_check` and the foreign key check. Only then is the live
database replaced, inside one write transaction that holds SQLite's write lock from the
moment the current data is copied aside until the restored data is committed: a write by
another program either lands before (and is in the copy kept aside) or waits and lands after
(in the restored data); none is lost in between.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coop_desktop.core.errors import StorageError
from coop_desktop.core.outputs import SQLITE_HEADER
from coop_desktop.storage.files import make_private

Schema = dict[str, Any]


def online_backup(source: Path, target: Path, pages_per_step: int = 1024) -> None:
    """Copy the database at `source` into a new file `target`, consistently."""
    if target.exists():
        raise StorageError("backup_target_exists", value=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file user-only (0600), so the copy is never readable by others.
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    partial = Path(name)
    make_private(partial)
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst, pages=pages_per_step)
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                _refuse_damaged(dst, source)
            finally:
                dst.close()
        except sqlite3.DatabaseError as exc:  # a file too damaged to copy, said in words
            from coop_desktop.storage.failures import translate

            raise translate(exc, str(source)) from exc
        finally:
            src.close()
        if target.exists():  # another backup took the name meanwhile
            raise StorageError("backup_target_exists", value=str(target))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _refuse_damaged(copy: sqlite3.Connection, source: Path) -> None:
    """A backup is only worth keeping whole: the copy (every page it read) passes
    `integrity_check` — pages, records, every index against its table — or the backup is
    refused naming the damage, and nothing is left behind."""
    found = [str(r[0]) for r in copy.execute("PRAGMA integrity_check(5)").fetchall()]
    if found != ["ok"]:
        raise StorageError("db_damaged", value=str(source), reason="; ".join(found))


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def schema_of(path: Path) -> Schema:
    """Every table with its columns, every index and every trigger of a SQLite file."""
    conn = _read_only(path)
    try:
        entries = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
        tables: dict[str, list[tuple[Any, ...]]] = {}
        for kind, name, _table, _sql in entries:
            if kind == "table":
                tables[name] = sorted(
                    (r[1], str(r[2]).upper(), r[3], r[5])
                    for r in conn.execute(f'PRAGMA table_info("{name}")')
                )
        indexes = {
            name: (table, tuple(r[2] for r in conn.execute(f'PRAGMA index_info("{name}")')))
            for kind, name, table, _sql in entries
            if kind == "index"
        }
        triggers = {
            name: " ".join(str(sql).split()) for kind, name, _t, sql in entries if kind == "trigger"
        }
    finally:
        conn.close()
    return {"tables": tables, "indexes": indexes, "triggers": triggers}


def schema_differences(expected: Schema, found: Schema) -> list[str]:
    """What `found` lacks or has different from `expected`, in words."""
    problems = []
    for table, columns in expected["tables"].items():
        have = found["tables"].get(table)
        if have is None:
            problems.append(f"falta la tabla {table}")
        elif have != columns:
            problems.append(f"la tabla {table} no tiene las columnas esperadas")
    for name, definition in expected["indexes"].items():
        if found["indexes"].get(name) != definition:
            problems.append(f"falta el índice {name}")
    for name, sql in expected["triggers"].items():
        if found["triggers"].get(name) != sql:
            problems.append(f"falta el disparador {name}")
    for name in sorted(set(found["triggers"]) - set(expected["triggers"])):
        problems.append(f"disparador desconocido {name}")
    for name in sorted(set(found["indexes"]) - set(expected["indexes"])):
        problems.append(f"índice desconocido {name}")
    for name in sorted(set(found["tables"]) - set(expected["tables"])):
        problems.append(f"tabla desconocida {name}")
    return problems


def check_file(path: Path, known_revisions: set[str]) -> str:
    """Refuse anything but an intact SQLite file of ours; return its schema revision."""
    if not path.exists():
        raise StorageError("file_not_found", value=str(path))
    if not path.is_file():  # a folder or a device (/dev/null)
        raise StorageError("not_a_file", value=str(path))
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise StorageError("not_a_database", value=str(path))
    try:
        conn = _read_only(path)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise StorageError("backup_damaged", value=str(path), reason="integrity_check")
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                raise StorageError("not_a_database", value=str(path))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError("not_a_database", value=str(path)) from exc
    if row is None or row[0] not in known_revisions:
        raise StorageError("newer_schema", value=str(path))
    return str(row[0])


def prepare_restore(
    source: Path, staging: Path, migrate: Callable[[Path], None], reference: Schema
) -> None:
    """Copy `source` to `staging`, bring it to the current revision with `migrate`, and
    prove it complete: the whole schema of `reference`, integrity and foreign keys."""
    online_backup(source, staging)
    migrate(staging)
    problems = schema_differences(reference, schema_of(staging))
    conn = sqlite3.connect(staging)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            problems.append("PRAGMA integrity_check falló")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("hay claves foráneas rotas")
    finally:
        conn.close()
    if problems:
        raise StorageError("backup_damaged", value=str(source), reason="; ".join(problems[:8]))


def _keep_counters(conn: sqlite3.Connection, issued: dict[str, int]) -> dict[str, list[int]]:
    restored = dict(conn.execute("SELECT series, last_number FROM main.document_counter"))
    skipped = {}
    for series, last in issued.items():
        had = int(restored.get(series, 0))
        if last > had:
            if series in restored:
                conn.execute(
                    "UPDATE main.document_counter SET last_number = ? WHERE series = ?",
                    (last, series),
                )
            else:
                conn.execute(
                    "INSERT INTO main.document_counter (series, last_number) VALUES (?, ?)",
                    (series, last),
                )
            skipped[series] = [had + 1, int(last)]
    return skipped


def replace_locked(
    live: Path, staged: Path, kept: Path, busy_timeout_s: float, trigger_sql: list[str]
) -> dict[str, list[int]]:
    """Swap the content of `live` for `staged` in one write transaction; the current data is
    copied to `kept` while the write lock is held. Document counters never go back: numbers
    the current data had already handed out stay used (returned per series, for the audit).
    `trigger_sql` holds the CREATE statements of a new database's triggers."""
    conn = sqlite3.connect(live, timeout=busy_timeout_s, isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS src", (str(staged),))
        conn.execute("BEGIN IMMEDIATE")  # from here on no other program commits a write
        try:
            reader = _read_only(live)  # sees exactly what is committed: all of it
            try:
                keeper = sqlite3.connect(kept)
                try:
                    reader.backup(keeper)
                    keeper.execute("PRAGMA journal_mode=DELETE")
                finally:
                    keeper.close()
            finally:
                reader.close()
            triggers = [
                r[0]
                for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type='trigger'")
            ]
            wanted = trigger_sql  # the program's own, never what a backup brought
            issued = dict(conn.execute("SELECT series, last_number FROM main.document_counter"))
            for name in triggers:
                conn.execute(f'DROP TRIGGER main."{name}"')
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM main.sqlite_master WHERE type='table' AND "
                    "name NOT LIKE 'sqlite_%'"
                )
            ]
            for table in tables:
                conn.execute(f'DELETE FROM main."{table}"')
            for table in tables:
                columns = ", ".join(
                    f'"{r[1]}"' for r in conn.execute(f'PRAGMA src.table_info("{table}")')
                )
                conn.execute(
                    f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM src."{table}"'
                )
            skipped = _keep_counters(conn, issued)
            for sql in wanted:
                conn.execute(sql)
            if conn.execute("PRAGMA main.foreign_key_check").fetchall():
                raise StorageError("backup_damaged", value=str(staged), reason="foreign keys")
            conn.execute("COMMIT")
            return skipped
        except BaseException:
            conn.execute("ROLLBACK")
            kept.unlink(missing_ok=True)
            raise
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StorageError("db_busy", value=str(live), holder="") from exc
        raise
    finally:
        conn.close()


RESTORE_PREFIX = "coop-restore-"  # a restore's work folder, beside the database's backups
OWNER = "owner.json"


def mark_owner(work: Path) -> None:
    """Say which process works in `work` (a folder left by a killed one is removed later)."""
    import json
    import socket

    data = {"pid": os.getpid(), "host": socket.gethostname()}
    (work / OWNER).write_text(json.dumps(data), encoding="utf-8")


def remove_stale_restores(folder: Path) -> None:
    """Work folders of restores whose process was killed (kill -9, a power cut): the live
    data was never touched by them (the swap is one transaction), so they are only left over."""
    import json
    import shutil

    from coop_desktop.storage.failures import stale

    if not folder.is_dir():
        return
    for work in folder.glob(f"{RESTORE_PREFIX}*"):
        try:
            data = json.loads((work / OWNER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}  # killed before it wrote its owner: nobody uses it
        if not isinstance(data, dict) or not data or stale(data):
            shutil.rmtree(work, ignore_errors=True)

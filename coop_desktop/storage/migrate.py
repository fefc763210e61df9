"""Schema migrations at start-up: check the file, back it up online, then upgrade.

SQLite batch migrations copy tables; with foreign keys on, ON DELETE CASCADE children would be
silently deleted, so migrations run with foreign keys off and a `foreign_key_check` after.

Which revisions exist is read from the migration files as text: a start on an up-to-date
database never imports Alembic (a third of a second); it is loaded only to change a schema.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect, text

from coop_desktop.core import clock
from coop_desktop.core.errors import StorageError
from coop_desktop.core.outputs import SQLITE_HEADER
from coop_desktop.storage.location import Location

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def revisions() -> dict[str, tuple[str, ...]]:
    """Every revision of the migration files and the revisions it follows."""
    return _read_revisions(MIGRATIONS)


@cache
def _read_revisions(folder: Path) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for path in sorted((folder / "versions").glob("*.py")):
        source = path.read_text("utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            continue
        found[revision.group(1)] = tuple(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return found


def known_revisions() -> set[str]:
    return set(revisions())


def head_revision() -> str:
    """The one revision no other follows (Alembic's own answer if the files had several)."""
    graph = revisions()
    followed = {d for downs in graph.values() for d in downs}
    heads = [r for r in graph if r not in followed]
    if len(heads) == 1:
        return heads[0]
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not SQLite at all, before SQLite touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise StorageError("not_a_database", value=str(path))


def check_ours_untouched(path: Path) -> None:
    """Refuse a SQLite file that is not a Coop Desktop database, or is of a newer version,
    reading it as immutable: SQLite takes no lock and writes nothing (not even -wal/-shm)."""
    import sqlite3

    wal = path.with_name(path.name + "-wal")
    # A WAL file holds committed pages the main file may not have yet (a checkpoint cut short
    # by a full disk or a power cut): such a file is read with its WAL, read-only; an
    # immutable read would judge the main file alone.
    mode = "mode=ro" if wal.exists() and wal.stat().st_size > 0 else "immutable=1"
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + f"?{mode}", uri=True)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if not tables:
                return
            if "alembic_version" not in tables:
                raise StorageError("not_a_database", value=str(path))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError, ValueError) as exc:
        raise StorageError("not_a_database", value=str(path)) from exc
    if row is not None and row[0] not in known_revisions():
        raise StorageError("newer_schema", value=str(path))


def check_ours(engine: Engine, location: Location) -> str | None:
    """The schema revision, or None for an empty database; refuse foreign or newer ones."""
    try:
        tables = set(inspect(engine).get_table_names())
    except Exception as exc:  # a damaged file, or a server that does not answer
        reason = (str(getattr(exc, "orig", exc)).strip().splitlines() or [""])[0]
        if not location.is_sqlite:
            raise StorageError("db_unreachable", value=location.describe(), reason=reason) from exc
        raise _unopenable(exc, location, reason) from exc
    if not tables:
        return None
    if "alembic_version" not in tables:
        raise StorageError("not_a_database", value=location.describe())
    revision = current_revision(engine)
    if revision is not None and revision not in known_revisions():
        raise StorageError("newer_schema", value=location.describe())
    return revision


def _unopenable(exc: Exception, location: Location, reason: str) -> StorageError:
    """Why SQLite cannot open a file that passed the read-only inspection: a folder or disk
    that refuses writes (WAL needs its -wal and -shm files beside the database), a disk
    error, a damaged file; "not ours" only when nothing else explains it."""
    from coop_desktop.storage.failures import translate

    assert location.path is not None
    if not _writable_folder(location.path.parent):
        return StorageError("db_folder_readonly", value=location.describe(), reason=reason)
    said = translate(exc, location.describe())
    if isinstance(said, StorageError):
        return said
    return StorageError("not_a_database", value=location.describe())


def _writable_folder(folder: Path) -> bool:
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _run_upgrade(engine: Engine, location: Location, target: str) -> None:
    from alembic import command

    with engine.connect() as conn:
        if location.is_sqlite:
            raw: Any = conn.connection.driver_connection
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            command.upgrade(alembic_config(conn), target)
            conn.commit()
            if location.is_sqlite:
                problems = raw.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise StorageError(
                        "cannot_open_db",
                        value=location.describe(),
                        reason=f"foreign key check failed after migration: {problems[:5]}",
                    )
        finally:
            if location.is_sqlite:
                raw.execute("PRAGMA foreign_keys=ON")


def upgrade(
    engine: Engine, location: Location, backup_dir: Path | None = None, target: str = "head"
) -> Path | None:
    """Bring the schema to `target`; back up a SQLite file with data first. Returns the backup."""
    revision = check_ours(engine, location)
    head = head_revision() if target == "head" else target
    if revision == head:
        return None
    backup: Path | None = None
    if revision is not None and location.path is not None:
        from coop_desktop.storage.backup import online_backup

        folder = backup_dir or location.path.parent / "backups"  # beside the database
        folder.mkdir(parents=True, exist_ok=True)
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        backup = folder / f"{location.path.stem}-before-{head}-{stamp}.db"
        online_backup(location.path, backup)
    _run_upgrade(engine, location, target)
    return backup

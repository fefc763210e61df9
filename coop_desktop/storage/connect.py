"""Open the association's database: resolve where it is, refuse what is unsafe, migrate."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy.exc import OperationalError

from coop_desktop.core.errors import StorageError
from coop_desktop.storage import location as loc
from coop_desktop.storage import secrets
from coop_desktop.storage.backup import remove_stale_restores
from coop_desktop.storage.engine import Database, make_engine
from coop_desktop.storage.failures import clear_stale_note
from coop_desktop.storage.files import make_database_private, make_private, private_folder
from coop_desktop.storage.migrate import check_ours_untouched, check_sqlite_file, upgrade


def without_password(location: loc.Location) -> tuple[loc.Location, str | None]:
    """A server URL given with its password: the location without it, and the password (kept
    in memory until the server has accepted it, then stored: `open_database`)."""
    bare, password = secrets.split_password(location.url)
    if password is None:
        return location, None
    return replace(location, url=bare), password


def open_database(
    db: str | None = None,
    *,
    migrate: bool = True,
    backup_dir: Path | None = None,
    create: bool = False,
) -> Database:
    """Open the database named by `db`, `COOP_DB` or the default file. A SQLite file that
    does not exist is created only when `create` is given (`coop init`, `coop demo`, the
    first-run assistant): a mistyped path is refused, never silently a new empty database.
    A file that is not ours, or of a newer version, is refused before SQLite writes a byte
    to it (no WAL switch, no journal files)."""
    location, password = without_password(loc.resolve(db))
    loc.refuse_network_share(location)
    if location.path is None and not location.url.startswith(("postgresql", "sqlite")):
        raise StorageError("db_unsupported", value=location.describe())
    if location.path is not None:
        if location.path.is_dir():
            raise StorageError("db_is_folder", value=str(location.path))
        if location.path.exists() and location.path.stat().st_size == 0 and not create:
            raise StorageError("db_empty_file", value=str(location.path))
        if not location.path.exists() or location.path.stat().st_size == 0:
            if not create:
                raise StorageError("db_not_found", value=str(location.path))
            private_folder(location.path.parent)
        else:
            check_sqlite_file(location.path)
            check_ours_untouched(location.path)
            clear_stale_note(location.path)  # left by a long write killed with kill -9
            remove_stale_restores(location.path.parent / "backups")
    engine = make_engine(location, password=password)
    try:
        if migrate:
            upgrade(engine, location, backup_dir=backup_dir)
        elif password is not None:
            engine.connect().close()  # the server says whether the password is right
    except OperationalError as exc:
        engine.dispose()
        raise StorageError(
            "cannot_open_db", value=location.describe(), reason=str(exc.orig)
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    if location.path is not None:
        from coop_desktop.core.outputs import protect

        protect(location.path)
        make_database_private(location.path)
        if location.path.parent == loc.data_dir():
            make_private(location.path.parent)
    database = Database(location, engine)
    if password is not None:  # accepted by the server: kept for the next sessions
        database.password_moved_to = secrets.store_password(location.url, password)
    return database

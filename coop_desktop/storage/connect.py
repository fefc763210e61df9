"""Open the association's database: resolve where it is, refuse what is unsafe, migrate."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import OperationalError

from coop_desktop.errors import StorageError
from coop_desktop.storage import location as loc
from coop_desktop.storage.engine import Database, make_engine
from coop_desktop.storage.migrate import check_sqlite_file, upgrade


def open_database(
    db: str | None = None, *, migrate: bool = True, backup_dir: Path | None = None
) -> Database:
    """Open (creating if needed) the database named by `db`, `COOP_DB` or the default file."""
    location = loc.resolve(db)
    loc.refuse_network_share(location)
    if location.path is not None:
        check_sqlite_file(location.path)
        location.path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location)
    try:
        if migrate:
            upgrade(engine, location, backup_dir=backup_dir)
    except OperationalError as exc:
        engine.dispose()
        raise StorageError(
            "cannot_open_db", value=location.describe(), reason=str(exc.orig)
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(location, engine)

"""Backups and restores of the SQLite database, safe while the app is running."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory

from coop_desktop.domain.roles import Permission
from coop_desktop.errors import StorageError
from coop_desktop.services.authz import requires
from coop_desktop.services.context import audit
from coop_desktop.storage import backup as raw
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database
from coop_desktop.storage.location import data_dir
from coop_desktop.storage.migrate import alembic_config
from coop_desktop.storage.models import Setting

LAST_BACKUP = "last_backup_at"


@requires(Permission.BACKUP)
def backup(db: Database, target: Path) -> Path:
    if db.location.path is None:
        raise StorageError("backup_sqlite_only")
    target = target.expanduser().resolve()
    raw.online_backup(db.location.path, target)
    return target


def backup_and_record(db: Database, target: Path) -> Path:
    """A backup asked for by the treasurer (CLI or app): made, then remembered for the
    Inicio alert. (`backup` alone also runs inside other transactions, e.g. before a
    migration or a restore, where it must not write.)"""
    made = backup(db, target)
    record_backup(db)
    return made


@requires(Permission.BACKUP)
def record_backup(db: Database, when: datetime | None = None) -> None:
    """Remember when the last backup was made (the Inicio screen warns when it is old)."""
    stamp = (when or datetime.now()).isoformat(timespec="seconds")
    with db.write() as session:
        row = session.get(Setting, LAST_BACKUP)
        before = None if row is None else {"value": row.value}
        if row is None:
            session.add(Setting(key=LAST_BACKUP, value=stamp))
        else:
            row.value = stamp
        audit(session, "update", "setting", LAST_BACKUP, before=before, after={"value": stamp})


@requires(Permission.SETTINGS)
def restore(db: Database, source: Path, keep_dir: Path | None = None) -> tuple[Path, Path]:
    """Replace the current data with `source` after validating it; keep the current data.

    Returns (the validated source, the backup of what was there before).
    """
    if db.location.path is None:
        raise StorageError("backup_sqlite_only")
    source = source.expanduser().resolve()
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    raw.validate_backup_file(source, known)
    folder = keep_dir or data_dir() / "backups"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = folder / f"{db.location.path.stem}-before-restore-{stamp}.db"
    raw.online_backup(db.location.path, kept)
    db.dispose()
    raw.copy_into(source, db.location.path)
    # Bring an older backup's schema up to date (with its own safety backup).
    open_database(str(db.location.path), backup_dir=folder).dispose()
    with db.write() as session:  # recorded in the restored trail, by whoever restored it
        audit(session, "restore", "database", None, after={"from": str(source), "kept": str(kept)})
    return source, kept

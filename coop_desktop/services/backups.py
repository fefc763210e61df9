"""Backups and restores of the SQLite database, safe while the app is running."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from coop_desktop.core import clock
from coop_desktop.core.errors import StorageError
from coop_desktop.domain.roles import Permission
from coop_desktop.services.authz import requires
from coop_desktop.services.context import audit
from coop_desktop.storage import backup as raw
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import BUSY_TIMEOUT_MS, Database
from coop_desktop.storage.failures import holding
from coop_desktop.storage.migrate import known_revisions
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
    stamp = (when or clock.now()).isoformat(timespec="seconds")
    with db.write() as session:
        row = session.get(Setting, LAST_BACKUP)
        before = None if row is None else {"value": row.value}
        if row is None:
            session.add(Setting(key=LAST_BACKUP, value=stamp))
        else:
            row.value = stamp
        audit(session, "update", "setting", LAST_BACKUP, before=before, after={"value": stamp})


def _new_name(folder: Path, stem: str) -> Path:
    """`folder/stem.db`, or `stem-2.db`, `stem-3.db`…: a copy never lands on an older one."""
    candidate, n = folder / f"{stem}.db", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}.db"
    return candidate


@requires(Permission.SETTINGS)
def restore(db: Database, source: Path, keep_dir: Path | None = None) -> tuple[Path, Path]:
    """Replace the current data with `source` after proving it whole; keep the current data.

    The file is brought to the current schema in a copy and checked table by table, index by
    index, trigger by trigger against a new database, then swapped in under the write lock
    (`storage.backup.replace_locked`): no write acknowledged by another program is lost.
    Returns (the validated source, the copy of what was there before)."""
    if db.location.path is None:
        raise StorageError("backup_sqlite_only")
    live = db.location.path
    source = source.expanduser().resolve()
    if source == live.resolve():
        raise StorageError("restore_same_file", value=str(source))
    known = known_revisions()
    raw.check_file(source, known)
    folder = keep_dir or live.parent / "backups"  # beside the database
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    kept = _new_name(folder, f"{live.stem}-before-restore-{stamp}")
    raw.remove_stale_restores(folder)
    with tempfile.TemporaryDirectory(prefix=raw.RESTORE_PREFIX, dir=folder) as tmp:
        work = Path(tmp)
        raw.mark_owner(work)
        fresh = open_database(str(work / "reference.db"), create=True, backup_dir=work)
        fresh.dispose()
        reference = raw.schema_of(work / "reference.db")

        def migrate(path: Path) -> None:
            open_database(str(path), backup_dir=work).dispose()

        staged = work / "staged.db"
        raw.prepare_restore(source, staged, migrate, reference)
        with holding(live, "restauración de una copia"):
            skipped = raw.replace_locked(
                live, staged, kept, BUSY_TIMEOUT_MS / 1000, list(reference["triggers"].values())
            )
    with db.write() as session:  # recorded in the restored trail, by whoever restored it
        audit(
            session,
            "restore",
            "database",
            None,
            after={"from": str(source), "kept": str(kept), "skipped": skipped},
        )
    return source, kept

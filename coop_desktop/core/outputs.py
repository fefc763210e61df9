"""Files the program writes on request (`-o FILE`): never over something that matters.

An existing file is replaced only when it is a PDF this program wrote (its metadata says
"Coop Desktop") or when `force` is given; a database — the open one above all, or any SQLite
file — is never replaced, `force` or not. Each file is written to a temporary name beside
it and renamed at the end, so a failure leaves the old file whole and no half-written one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from coop_desktop.core.errors import StorageError

MARK = "Coop Desktop"
SQLITE_HEADER = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal", ".ocupada.json")
# Every database this process opened: no output may ever replace one (open_database adds it).
OPEN_DATABASES: set[Path] = set()


def protect(path: Path) -> None:
    OPEN_DATABASES.add(path.resolve())


def is_ours(path: Path) -> bool:
    """A PDF whose metadata names this program as its author, creator or producer."""
    try:
        with path.open("rb") as fh:
            if fh.read(5) != b"%PDF-":
                return False
        from pypdf import PdfReader

        info: dict[str, object] = dict(PdfReader(str(path)).metadata or {})
    except Exception:  # unreadable or damaged: not provably ours
        return False
    return any(MARK in str(info.get(key, "")) for key in ("/Author", "/Creator", "/Producer"))


def _protected(path: Path, databases: Iterable[Path]) -> bool:
    target = path.resolve()
    for db in [*databases, *OPEN_DATABASES]:
        base = db.resolve()
        if target == base or any(target == Path(str(base) + s) for s in _SIDE_FILES):
            return True
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def check_target(path: Path, *, force: bool = False, databases: Iterable[Path] = ()) -> None:
    """Refuse to write `path` when it is a database, or an existing file that is not ours
    (unless `force`)."""
    if _protected(path, databases):
        raise StorageError("output_is_database", value=str(path))
    if path.is_dir():
        raise StorageError("output_exists", value=str(path))
    if path.exists() and not force and not is_ours(path):
        raise StorageError("output_exists", value=str(path))


def _cannot_write(path: Path, exc: OSError) -> StorageError:
    return StorageError("cannot_write", value=str(path), reason=exc.strerror or str(exc))


def write_file(
    path: Path, data: bytes, *, force: bool = False, databases: Iterable[Path] = ()
) -> Path:
    """Write `data` to `path` after `check_target`, through a temporary file and a rename."""
    protected = list(databases)
    check_target(path, force=force, databases=protected)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise StorageError(
            "cannot_write", value=str(path), reason=exc.strerror or str(exc)
        ) from exc
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise StorageError(
            "cannot_write", value=str(path), reason=exc.strerror or str(exc)
        ) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path

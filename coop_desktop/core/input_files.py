"""Files the program is asked to read (a scheme, an import, a logo, a backup to restore): a
missing path and a path that is not a regular file (a folder, /dev/null, a device) are told
apart, each in words."""

from __future__ import annotations

from pathlib import Path

from coop_desktop.core.errors import NotFound, ValidationError


def readable_file(path: str | Path, field: str = "file") -> Path:
    """The path, when it names a regular file; else a refusal naming it."""
    found = Path(path).expanduser()
    if not found.exists():
        raise NotFound("file_not_found", field, value=str(path))
    if not found.is_file():
        raise ValidationError("not_a_file", field, value=str(path))
    return found

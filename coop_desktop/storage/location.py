"""Where the data lives: `--db`, then `COOP_DB`, then a SQLite file in the user data folder.

Also refuses SQLite files on network shares, where SQLite's locking and WAL do not work.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from coop_desktop.errors import StorageError

APP_NAME = "CoopDesktop"
ENV_VAR = "COOP_DB"
NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smbfs",
    "smb3",
    "sshfs",
    "fuse.sshfs",
    "9p",
    "afs",
    "ncpfs",
    "davfs",
    "fuse.davfs2",
    "glusterfs",
    "ceph",
    "fuse.rclone",
}


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Location:
    """A database location: a SQLAlchemy URL plus, for SQLite, the file path."""

    url: str
    path: Path | None  # the SQLite file, None for a server

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        """What the status bar and `coop` show: the file, or the server without password."""
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


def resolve(db: str | None = None) -> Location:
    """The location from `--db`, else `COOP_DB`, else the default file."""
    raw = db or os.environ.get(ENV_VAR) or str(data_dir() / "coop.db")
    if "://" not in raw:
        path = Path(raw).expanduser().resolve()
        return Location(f"sqlite:///{path}", path)
    if raw.startswith("sqlite"):
        from sqlalchemy.engine import make_url

        database = make_url(raw).database
        if not database or database == ":memory:":
            return Location(raw, None)
        path = Path(database).expanduser().resolve()
        return Location(f"sqlite:///{path}", path)
    if raw.startswith("postgresql://") or raw.startswith("postgres://"):
        raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
    return Location(raw, None)


def _mount_of(path: Path, mounts: list[tuple[str, str]]) -> tuple[str, str] | None:
    best: tuple[str, str] | None = None
    text = str(path)
    for mount_point, fs_type in mounts:
        prefix = mount_point.rstrip("/") + "/"
        if (text == mount_point or text.startswith(prefix) or mount_point == "/") and (
            best is None or len(mount_point) > len(best[0])
        ):
            best = (mount_point, fs_type)
    return best


def read_mounts(text: str) -> list[tuple[str, str]]:
    """Parse /proc/mounts into (mount point, filesystem type) pairs."""
    result = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            result.append((parts[1].replace("\\040", " "), parts[2]))
    return result


def is_network_path(
    path: Path, mounts: list[tuple[str, str]] | None = None, platform: str = sys.platform
) -> bool:
    """True when `path` is on a network share (UNC path or mapped drive, NFS, SMB, …)."""
    text = str(path)
    if platform == "win32" or text.startswith("\\\\"):
        if text.startswith("\\\\") or text.startswith("//"):
            return True
        if platform == "win32":  # pragma: no cover - needs Windows
            import ctypes

            drive = os.path.splitdrive(text)[0] + "\\"
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == 4)  # type: ignore[attr-defined]
        return False
    if mounts is None:
        try:
            mounts = read_mounts(Path("/proc/mounts").read_text())
        except OSError:
            return False
    mount = _mount_of(path, mounts)
    return mount is not None and mount[1] in NETWORK_FS


def refuse_network_share(location: Location) -> None:
    if location.path is not None and is_network_path(location.path.parent):
        raise StorageError("network_share", value=str(location.path))

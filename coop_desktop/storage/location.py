"""Where the data lives: `--db`, then `COOP_DB`, then a SQLite file in the user data folder.

Also refuses SQLite files on network shares, where SQLite's locking and WAL do not work.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from platformdirs import user_data_dir

from coop_desktop.core.errors import StorageError

APP_NAME = "CoopDesktop"
ENV_VAR = "COOP_DB"
# Filesystem types (the third field of /proc/mounts) where SQLite's locking cannot be trusted:
# network and cluster filesystems, VM shared folders (VirtualBox, VMware, virtiofs, 9p) and
# Windows drives seen from WSL (drvfs on WSL 1, 9p on WSL 2).
NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smbfs",
    "smb3",
    "sshfs",
    "9p",
    "afs",
    "ncpfs",
    "coda",
    "davfs",
    "glusterfs",
    "ceph",
    "cephfs",
    "lustre",
    "gpfs",
    "beegfs",
    "ocfs2",
    "gfs2",
    "orangefs",
    "pvfs2",
    "vboxsf",
    "vmhgfs",
    "virtiofs",
    "drvfs",
    "prl_fs",  # Parallels shared folders
}
# FUSE filesystems are "fuse.<name>"; these names are network, cluster or shared-folder ones
# (GNOME's SMB/SFTP/WebDAV mounts appear as one gvfsd-fuse mount).
NETWORK_FUSE = (
    "sshfs",
    "gvfsd-fuse",
    "gvfs",
    "vmhgfs",
    "glusterfs",
    "ceph",
    "rclone",
    "davfs",
    "s3fs",
    "gcsfuse",
    "goofys",
    "blobfuse",
    "moosefs",
    "mfs",
    "lizardfs",
    "juicefs",
    "seaweedfs",
    "cvmfs",
    "hdfs",
    "beegfs",
    "curlftpfs",
    "smb",
    "nfs",
    "afp",
    "wsl",
)


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
        from coop_desktop.storage.secrets import shown

        return shown(self.url)


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


class Mount(NamedTuple):
    point: str
    fs_type: str
    source: str = ""


def _mount_of(path: Path, mounts: list[Mount]) -> Mount | None:
    best: Mount | None = None
    text = str(path)
    for mount in mounts:
        prefix = mount.point.rstrip("/") + "/"
        if (text == mount.point or text.startswith(prefix) or mount.point == "/") and (
            best is None or len(mount.point) > len(best.point)
        ):
            best = mount
    return best


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes (\\040 …)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def read_mounts(text: str) -> list[Mount]:
    """Parse /proc/mounts into (mount point, filesystem type, source) triples."""
    result = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            result.append(Mount(_unescape(parts[1]), parts[2], _unescape(parts[0])))
    return result


def is_network_mount(mount: Mount) -> bool:
    """A network, cluster or shared-folder filesystem, by type or, for FUSE and unknown
    types, by a source that names a remote host (host:/path, //host/share, a URL)."""
    fs_type = mount.fs_type.lower()
    if fs_type in NETWORK_FS:
        return True
    base, _, sub = fs_type.partition(".")
    if base in ("fuse", "fuseblk") and sub:
        if any(sub == name or sub.startswith(name) for name in NETWORK_FUSE):
            return True
    elif base not in ("fuse",):
        return False
    source = mount.source
    return bool(source.startswith("//") or "://" in source or re.match(r"^[^/\\\s:]+:", source))


DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive


def windows_path_is_remote(text: str, drive_type: Callable[[str], int] | None = None) -> bool:
    """UNC paths (\\\\server\\share, \\\\?\\UNC\\…, \\\\wsl$\\…) and drive letters that
    GetDriveTypeW reports as DRIVE_REMOTE (mapped network drives, subst onto a share)."""
    upper = text.upper()
    if upper.startswith("\\\\?\\UNC\\"):
        return True
    if upper.startswith("\\\\?\\") or upper.startswith("\\\\.\\"):
        text = text[4:]  # a long local path: \\?\C:\…
    elif text.startswith("\\\\") or text.startswith("//"):
        return True
    drive = os.path.splitdrive(text)[0] or text[:2]
    if len(drive) != 2 or drive[1] != ":":
        return False
    if drive_type is None:  # pragma: no cover - needs Windows
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        drive_type = kernel32.GetDriveTypeW
    return int(drive_type(drive + "\\")) == DRIVE_REMOTE


def is_network_path(
    path: Path,
    mounts: list[Mount] | None = None,
    platform: str = sys.platform,
    drive_type: Callable[[str], int] | None = None,
) -> bool:
    """True when `path` is on a network share (UNC path or mapped drive, NFS, SMB, …)."""
    text = str(path)
    if platform == "win32":
        return windows_path_is_remote(text, drive_type)
    if text.startswith("\\\\"):
        return True
    if mounts is None:
        try:
            mounts = read_mounts(Path("/proc/mounts").read_text())
        except OSError:
            return False
    mount = _mount_of(path, mounts)
    return mount is not None and is_network_mount(mount)


def refuse_network_share(location: Location) -> None:
    if location.path is not None and is_network_path(location.path.parent):
        raise StorageError("network_share", value=str(location.path))

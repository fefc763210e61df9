"""Files readable only by the person who runs the program: the database, backups, PDFs, the
settings file and the log hold members' names, DNIs and money.

POSIX: the process creates files with umask 077 (0600 files, 0700 folders), and files that
already exist are narrowed with chmod. Windows: `icacls` removes the inherited entries and
grants full control to the current user alone (`/inheritance:r /grant:r DOMAIN\\user:F`), the
same as "Disable inheritance, remove all" and one entry in the Security tab.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

PRIVATE_UMASK = 0o077
_NO_WINDOW = 0x08000000  # CREATE_NO_WINDOW: no console flashes from the desktop app


def set_private_umask() -> int | None:
    """From now on this process creates user-only files; returns the previous umask."""
    if sys.platform == "win32":  # pragma: no cover - Windows has ACLs, not a umask
        return None
    return os.umask(PRIVATE_UMASK)


@contextmanager
def private_files() -> Iterator[None]:
    """User-only file creation for the length of a command (the CLI)."""
    previous = set_private_umask()
    try:
        yield
    finally:
        if previous is not None:
            os.umask(previous)


def windows_user() -> str:
    domain = os.environ.get("USERDOMAIN", "")
    user = os.environ.get("USERNAME", "")
    return f"{domain}\\{user}" if domain else user


def icacls_command(path: Path, user: str) -> list[str]:
    """The icacls call that leaves `user` as the only one with access to `path`."""
    grant = f"{user}:(OI)(CI)F" if path.is_dir() else f"{user}:F"
    return ["icacls", str(path), "/inheritance:r", "/grant:r", grant]


def make_private(path: Path, platform: str = sys.platform) -> None:
    """Narrow an existing file (0600) or folder (0700) to its owner. Best effort: a file on a
    filesystem without permissions (a USB stick in FAT) is left as it is."""
    if not path.exists():
        return
    if platform == "win32":  # pragma: no cover - needs Windows
        with suppress(OSError):
            subprocess.run(
                icacls_command(path, windows_user()),
                check=False,
                capture_output=True,
                creationflags=_NO_WINDOW,
            )
        return
    mode = 0o700 if path.is_dir() else 0o600
    try:
        if stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)
    except OSError:
        pass


def private_folder(path: Path) -> Path:
    """Create a folder the program keeps its own files in (the data folder, for the log)
    readable by the user only (0700), whatever the umask at that moment; an existing one is
    left as it is."""
    if not path.exists():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        make_private(path)
    return path


def pid_alive(pid: int) -> bool:
    """Whether a process of this computer with this id still runs (a note or a folder left
    by a process killed with kill -9 is stale)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - needs Windows
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def make_database_private(path: Path) -> None:
    """The SQLite file and its WAL companions (SQLite gives those the file's own mode)."""
    for suffix in ("", "-wal", "-shm"):
        make_private(path.with_name(path.name + suffix))


def write_private(path: Path, data: bytes) -> None:
    """Write a file (a PDF) that only the user can read, whatever the process umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    make_private(path)

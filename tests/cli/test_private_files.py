"""Everything `coop` writes is readable only by the user who runs it (POSIX modes; the
Windows path uses icacls, see storage/files.py)."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from coop_desktop.storage.files import icacls_command

Run = Callable[..., tuple[int, str, str]]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_database_backup_and_pdfs_are_user_only(coop: Run, tmp_path: Path) -> None:
    old = os.umask(0o022)  # a typical desktop session: files would be world-readable
    try:
        assert coop("init", "--name", "Asociación Umachiri")[0] == 0
        coop("members", "add", "--code", "S1", "--name", "Rosa", "--surnames", "Chambi")
        code, out, _ = coop(
            "deliveries",
            "add",
            "S1",
            "10",
            "--unit",
            "L",
            "--date",
            "2026-11-02",
            "--shift",
            "am",
        )
        assert code == 0
        assert coop("backup", str(tmp_path / "copias" / "copia.db"))[0] == 0
        assert coop("print", "ticket", out.strip(), "-o", str(tmp_path / "t.pdf"))[0] == 0
        assert coop("print", "collection", "2026-11-02", "-o", str(tmp_path / "p.pdf"))[0] == 0
        assert os.umask(0o022) == 0o022  # the command restored the session's umask
    finally:
        os.umask(old)
    for name in ("coop.db", "copias/copia.db", "t.pdf", "p.pdf"):
        assert mode(tmp_path / name) == 0o600, name
    assert mode(tmp_path / "copias") == 0o700
    for companion in ("coop.db-wal", "coop.db-shm"):
        if (tmp_path / companion).exists():
            assert mode(tmp_path / companion) == 0o600


def test_the_windows_command_leaves_only_the_user(tmp_path: Path) -> None:
    (tmp_path / "coop.db").write_bytes(b"")
    assert icacls_command(tmp_path / "coop.db", "OFICINA\\tesorera") == [
        "icacls",
        str(tmp_path / "coop.db"),
        "/inheritance:r",
        "/grant:r",
        "OFICINA\\tesorera:F",
    ]
    assert icacls_command(tmp_path, "OFICINA\\tesorera")[-1] == "OFICINA\\tesorera:(OI)(CI)F"

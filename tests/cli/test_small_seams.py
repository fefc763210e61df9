"""The smaller seams, each said in words: a read-only folder, a path that is not a file,
Ctrl+D at a prompt, a reader that goes away (`| head`), a password in a URL's parameters, a
password typed for a server that does not answer, the data folder's mode, and what a restore
killed with kill -9 leaves behind."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from coop_desktop.storage import secrets

SERVER_DOWN = "postgresql://coop@127.0.0.1:1/coop?sslmode=disable&password=QSecret"


@pytest.fixture
def books(coop, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    code, _, err = coop("init", "--name", "Asociación Huaychani")
    assert code == 0, err
    return tmp_path / "coop.db"  # where the `coop` fixture keeps its database


@pytest.fixture
def frozen_folder(books: Path) -> Iterator[Path]:
    """The database's folder made read-only (as a read-only mount or share would be)."""
    folder = books.parent
    for name in ("coop.db-wal", "coop.db-shm"):
        (folder / name).unlink(missing_ok=True)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        undo = ["chmod", "700", str(folder)]
    elif subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0:
        undo = ["chattr", "-i", str(folder)]  # root ignores modes, not the immutable flag
    else:
        pytest.skip("no way to make a folder read-only here")
    try:
        yield folder
    finally:
        subprocess.run(undo, check=True)


def test_a_read_only_folder_is_called_read_only(coop, frozen_folder: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = coop("members", "list")
    assert (code, out) == (1, "")
    assert "está en una carpeta o un disco de solo lectura" in err
    assert "no es una base de datos" not in err


def test_a_path_that_is_not_a_file_is_said_so(coop, books: Path) -> None:  # type: ignore[no-untyped-def]
    for argv in (
        ("scheme", "import", "/dev/null"),
        ("import", "deliveries", "/dev/null"),
        ("restore", str(books.parent)),
    ):
        code, _, err = coop(*argv)
        assert code == 1, argv
        assert "no es un archivo sino una carpeta o un dispositivo" in err, (argv, err)
    code, _, err = coop("scheme", "import", str(books.parent / "no-existe.json"))
    assert code == 1 and "No se encontró el archivo" in err


def test_ctrl_d_at_the_user_prompt(coop, books: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from coop_desktop.cli import signin

    def ended(_prompt: str = "") -> str:
        raise EOFError

    monkeypatch.delenv("COOP_USER")
    monkeypatch.setattr(signin, "_terminal", lambda: True)
    monkeypatch.setattr("builtins.input", ended)
    code, out, err = coop("members", "list")
    assert (code, out) == (1, "")
    assert err == "coop: La entrada terminó (Ctrl+D) antes de la respuesta; no se hizo nada.\n"


def test_a_reader_that_goes_away_gets_no_error(coop, books: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = coop("demo", "--members", "400", "--days", "3", "--seed", "2")
    assert code == 0, err  # 2,400 rows, about 200 kB: three times what a pipe holds
    child = subprocess.Popen(
        [sys.executable, "-m", "coop_desktop.cli", "--db", str(books), "deliveries", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline().startswith(b"Id")  # `| head -1`
    child.stdout.close()
    err = child.stderr.read().decode()
    assert (child.wait(timeout=60), err) == (141, "")


def test_a_password_in_the_urls_parameters_is_never_shown_nor_kept_for_a_wrong_server(
    coop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    code, out, err = coop("members", "list", db_arg=SERVER_DOWN)
    assert code == 1 and "QSecret" not in out + err
    assert "No se pudo conectar con la base de datos postgresql+psycopg://coop@127.0.0.1:1" in err
    bare = "postgresql://coop@127.0.0.1:1/coop?sslmode=disable"
    assert keyring.get_password("coop-desktop", secrets.credential_key(bare)) is None
    assert not (tmp_path / "pgpass").exists()
    # What Configuración writes in its settings file: the URL without the password.
    assert secrets.location_to_save(SERVER_DOWN) == bare


def test_the_data_folder_is_created_user_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coop_desktop.cli import _log_unexpected

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    old = os.umask(0o022)
    try:
        logged = Path(_log_unexpected(RuntimeError("prueba")))
    finally:
        os.umask(old)
    assert logged.parent == tmp_path / "share" / "CoopDesktop"
    assert stat.S_IMODE(logged.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(logged.stat().st_mode) == 0o600


def test_what_a_killed_restore_leaves_is_cleared_when_the_data_is_opened_again(
    coop, books: Path
) -> None:  # type: ignore[no-untyped-def]
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = {"pid": int(gone.stdout), "host": socket.gethostname()}
    work = books.parent / "backups" / "coop-restore-x1y2"
    work.mkdir(parents=True)
    (work / "owner.json").write_text(json.dumps(dead))
    (work / "staged.db").write_bytes(b"half a copy")
    note = books.with_name("coop.db.ocupada.json")
    note.write_text(json.dumps({**dead, "action": "restauración de una copia", "user": "ana",
                                "since": "2026-11-27T10:00:00"}))  # fmt: skip
    assert coop("members", "list")[0] == 0
    assert not work.exists() and not note.exists()

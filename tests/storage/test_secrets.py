"""No password in any file or process list: a PostgreSQL URL typed with its password is split,
the password kept in the credential store (or libpq's password file, 0600) and handed to the
driver in memory; a session started with the bare URL shows no password in `ps`."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from tests_support.users import sign_in_admin

from coop_desktop.storage import secrets
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database

SECRET = "Clave:Postgres#2026"
TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture
def pg_url(pg_db: Database) -> str:
    """A fresh PostgreSQL database's URL (without password), as `coop` would be given it."""
    return pg_db.location.url


def _with_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(password=SECRET).render_as_string(hide_password=False)


def test_split_password() -> None:
    bare, password = secrets.split_password("postgresql+psycopg://u:p%40ss@h:5433/coop")
    assert (bare, password) == ("postgresql+psycopg://u@h:5433/coop", "p@ss")
    assert secrets.split_password("/tmp/coop.db") == ("/tmp/coop.db", None)
    assert secrets.credential_key(bare) == "u@h:5433/coop"


def test_a_url_with_its_password_is_split_and_the_password_kept_in_the_keyring(
    pg_url: str,
) -> None:
    db = open_database(_with_password(pg_url))
    try:
        assert SECRET not in db.location.url and SECRET not in db.location.describe()
        assert db.password_moved_to == "keyring"
        assert keyring.get_password("coop-desktop", secrets.credential_key(pg_url)) == SECRET
        with db.engine.connect() as conn:  # the driver got it in memory
            assert conn.connection.driver_connection.info.password == SECRET  # type: ignore[union-attr]
    finally:
        db.dispose()
    again = open_database(pg_url)  # the bare URL now finds it
    try:
        assert again.password_moved_to is None
        with again.engine.connect() as conn:
            assert conn.connection.driver_connection.info.password == SECRET  # type: ignore[union-attr]
    finally:
        again.dispose()


def test_without_a_credential_store_the_password_goes_to_libpq_password_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    class NoStore:
        def set_password(self, *_: str) -> None:
            raise RuntimeError("no keyring backend")

        def get_password(self, *_: str) -> None:
            raise RuntimeError("no keyring backend")

    monkeypatch.setattr(secrets, "_keyring", lambda: NoStore())
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    (tmp_path / "pgpass").write_text("otro:5432:*:*:x\nh:5432:coop:u:vieja\n")
    where = secrets.store_password("postgresql+psycopg://u@h/coop", SECRET)
    assert where == str(tmp_path / "pgpass")
    assert (tmp_path / "pgpass").read_text() == (
        "otro:5432:*:*:x\nh:5432:coop:u:Clave\\:Postgres#2026\n"
    )
    assert stat.S_IMODE((tmp_path / "pgpass").stat().st_mode) == 0o600
    assert secrets.connect_args("postgresql+psycopg://u@h/coop") == {}  # libpq reads the file


def test_the_cli_warns_and_moves_the_password_out(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from coop_desktop.cli import main

    db = open_database(pg_url)
    sign_in_admin(db)
    db.dispose()
    assert main(["--db", _with_password(pg_url), "members", "list"]) == 0
    err = capsys.readouterr().err
    assert "la contraseña de la URL se guardó en el almacén de contraseñas" in err
    assert SECRET not in err
    assert main(["--db", pg_url, "members", "list"]) == 0


CHILD = """
import hashlib, sys
from coop_desktop.storage.connect import open_database
from coop_desktop.services.auth import sign_in
db = open_database(sys.argv[1])
sign_in(db, "admin", "clave-de-prueba")
with db.engine.connect() as conn:
    conn.exec_driver_sql("SELECT 1")
    used = conn.connection.driver_connection.info.password or ""
print("ready", hashlib.sha256(used.encode()).hexdigest(), flush=True)
sys.stdin.read()
"""


def _process_lists() -> str:
    listing = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            listing += cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace") + "\n"
        except OSError:
            continue
    return listing


@pytest.mark.skipif(sys.platform == "win32", reason="ps and /proc")
def test_no_password_in_the_process_list_during_a_postgresql_session(
    pg_url: str, tmp_path: Path
) -> None:
    db = open_database(pg_url)
    sign_in_admin(db)
    db.dispose()
    store = tmp_path / "keyring.json"
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "tests_support.memory_keyring.FileKeyring",
        "COOP_TEST_KEYRING_FILE": str(store),
        "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
    }
    # The first time, with the password in the URL (typed once), in this process: stored.
    from tests_support.memory_keyring import FileKeyring

    os.environ["COOP_TEST_KEYRING_FILE"] = str(store)
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        open_database(_with_password(pg_url)).dispose()
    finally:
        keyring.set_keyring(previous)
        del os.environ["COOP_TEST_KEYRING_FILE"]
    # Then a session with the bare URL, alive while the process list is read.
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, pg_url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        line = child.stdout.readline().split()
        assert line[:1] == ["ready"], child.stderr.read() if child.stderr else ""
        assert line[1] == hashlib.sha256(SECRET.encode()).hexdigest()  # it did use it
        listing = _process_lists()
        assert str(child.pid) in listing and pg_url.split("/")[-1] in listing
        assert SECRET not in listing
        child.stdin.close()
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()


def test_database_files_are_user_only(sqlite_db: Database, tmp_path: Path) -> None:
    from coop_desktop.services.backups import backup_and_record

    path = sqlite_db.location.path
    assert path is not None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for companion in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if companion.exists():
            assert stat.S_IMODE(companion.stat().st_mode) == 0o600
    copy = backup_and_record(sqlite_db, tmp_path / "copias" / "copia.db")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    # A file made world-readable by an older version is narrowed when opened.
    path.chmod(0o644)
    open_database(str(path)).dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

"""Shared fixtures: databases on SQLite and (when a server is given) PostgreSQL.

PostgreSQL tests use the server in COOP_TEST_PG_URL. Locally they skip without it; under CI
(CI=true) a missing server is a failure, so the PostgreSQL half can never silently vanish.
"""

from __future__ import annotations

import functools
import os
import sys
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

import pytest
from tests_support.clock import NOW
from tests_support.users import ADMIN, PASSWORD, sign_in_admin

from coop_desktop.core import clock
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database
from ui.qt_feature import take_back_import

PG_ENV = "COOP_TEST_PG_URL"
take_back_import()  # as the app's start does (ui/launch.py)
clock.fix(NOW)  # session fixtures (the migrated templates) are made on the tests' day too


# The tests that run screens, commands and services whose defaults are "today" (a delivery's
# day, the open period, the close's "has it ended?"): CI runs them again with the machine's date
# faked to hard days (docs/testing.md). Races, kills and backups are about time, not the date.
DATED = ("ui", "cli", "services")
NOT_DATED = {"test_close_concurrency.py", "test_close_faults.py", "test_close_shares.py"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--dated-share",
        default=None,
        metavar="K/N",
        help="run only the K-th of N shares of the dated test files (CI fakes one hard date "
        "per share, so every dated test runs once under a faked date)",
    )


def dated_share(path: Path, shares: int) -> int:
    """The share (1..shares) a test file falls in: by its name, the same on every machine."""
    return zlib.crc32(path.name.encode("utf-8")) % shares + 1


def is_dated(path: Path) -> bool:
    return path.parent.name in DATED and path.name not in NOT_DATED


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With --dated-share, only the dated test files of that share are collected: the others
    are not even imported."""
    share = config.getoption("--dated-share")
    if not share or collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    k, n = (int(x) for x in share.split("/"))
    return True if not is_dated(collection_path) or dated_share(collection_path, n) != k else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if is_dated(item.path):
            item.add_marker(pytest.mark.dates)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts at the same instant, whatever the machine's date; `coop` run as a
    child process reads the same clock."""
    clock.fix(NOW)
    monkeypatch.setenv(clock.ENV, NOW.isoformat())
    yield
    clock.release()


@pytest.fixture(autouse=True, scope="session")
def cheap_hashes_and_a_memory_keyring() -> Iterator[None]:
    """Argon2 at its cheapest (a hash keeps its parameters, so verifying one made here is as
    cheap in a child process) and a keyring in memory: no test touches the real store."""
    import keyring
    from argon2 import PasswordHasher
    from tests_support.memory_keyring import MemoryKeyring

    from coop_desktop.services import passwords

    passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    # `coop` run as a child process signs in as the test administrator (and creates it on a
    # new file); tests of a missing user or password remove these.
    os.environ.update(
        {"COOP_USER": ADMIN, "COOP_PASSWORD": PASSWORD, "COOP_NEW_PASSWORD": PASSWORD}
    )
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def pg_server_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} is not set: CI must start a PostgreSQL server")
        pytest.skip(f"no PostgreSQL server ({PG_ENV} not set)")
    return url


def _admin_execute(server_url: str, sql: str) -> None:
    import psycopg

    conninfo = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def _with_database(server_url: str, name: str) -> str:
    base, _, _ = server_url.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def pg_template() -> str:
    """A migrated template database; each test copies it (fast CREATE DATABASE … TEMPLATE)."""
    server = pg_server_url()
    name = f"coop_tmpl_{uuid.uuid4().hex[:8]}"
    _admin_execute(server, f"CREATE DATABASE {name}")
    db = open_database(_with_database(server, name))
    from coop_desktop.services.auth import create_first_admin

    create_first_admin(db, ADMIN, PASSWORD)
    db.dispose()
    yield name
    _admin_execute(server, f"DROP DATABASE IF EXISTS {name}")


@functools.cache
def _copy_strategy(server: str) -> str:
    """PostgreSQL 15 and later copy a small template fastest file by file."""
    import psycopg

    conninfo = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as conn:
        return " STRATEGY FILE_COPY" if conn.info.server_version >= 150000 else ""


def _fresh_pg(template: str) -> Iterator[Database]:
    server = pg_server_url()
    name = f"coop_t_{uuid.uuid4().hex[:10]}"
    _admin_execute(server, f"CREATE DATABASE {name} TEMPLATE {template}{_copy_strategy(server)}")
    db = open_database(_with_database(server, name))
    sign_in_admin(db)
    try:
        yield db
    finally:
        db.dispose()
        _admin_execute(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with the test administrator, made once; each test copies it
    (migrating afresh costs 0.4–0.6 s a test)."""
    path = tmp_path_factory.mktemp("template") / "coop.db"
    db = open_database(str(path), backup_dir=path.parent / "backups", create=True)
    from coop_desktop.services.auth import create_first_admin

    create_first_admin(db, ADMIN, PASSWORD)
    db.dispose()  # the last connection checkpoints the WAL into the file
    assert not path.with_name("coop.db-wal").exists()
    return path


def _fresh_sqlite(template: Path, folder: Path) -> Iterator[Database]:
    import shutil

    target = folder / "coop.db"
    shutil.copyfile(template, target)
    db = open_database(str(target), backup_dir=folder / "backups")
    sign_in_admin(db)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def sqlite_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    yield from _fresh_sqlite(sqlite_template, tmp_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The same test on both engines."""
    if request.param == "sqlite":
        yield from _fresh_sqlite(request.getfixturevalue("sqlite_template"), tmp_path)
    else:
        template = request.getfixturevalue("pg_template")
        yield from _fresh_pg(template)


@pytest.fixture
def association(db: Database) -> Database:
    from coop_desktop.services.association import create_association

    create_association(
        db,
        "Asociación de Productores Lecheros Huaychani",
        "20131312955",
        district="Ácora",
        province="Puno",
    )
    return db


def _drop_protection(session: object) -> None:
    """What an attacker with raw SQL does first: drop every protective trigger (tests of
    `coop check` tamper only after this)."""
    from coop_desktop.storage import protection

    conn = session.connection()  # type: ignore[attr-defined]
    protection.drop_all(lambda sql: conn.exec_driver_sql(sql), conn.dialect.name)
    if conn.dialect.name != "sqlite":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")


@pytest.fixture
def unprotect() -> object:
    return _drop_protection


@pytest.fixture
def pg_db(pg_template: str) -> Iterator[Database]:
    """A PostgreSQL database only (tests about server sessions)."""
    yield from _fresh_pg(pg_template)


@pytest.fixture
def empty_pg_url() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database (no schema at all)."""
    server = pg_server_url()
    name = f"coop_e_{uuid.uuid4().hex[:10]}"
    _admin_execute(server, f"CREATE DATABASE {name}")
    yield _with_database(server, name)
    _admin_execute(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class CupsServer:
    """A private CUPS daemon (scripts/cups-throwaway.sh) with the test queues; every job
    lands in `out` with its options, so a test reads back what the printer received."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.out = folder / "out"
        self.env = {**os.environ, "CUPS_SERVER": str(folder / "cups.sock")}

    def admin(self, *command: str) -> None:
        import subprocess

        subprocess.run(command, env=self.env, check=True, capture_output=True)

    def done(self, queue: str) -> set[int]:
        return {int(p.stem.rsplit("-", 1)[1]) for p in self.out.glob(f"{queue}-*.done")}

    def job_after(self, queue: str, before: set[int], timeout: float = 10.0) -> CupsJob:
        """The one job that reached `queue` since `before` (waits for the backend)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            new = self.done(queue) - before
            if new:
                assert len(new) == 1, f"{len(new)} jobs reached {queue}"
                return CupsJob(self.out, f"{queue}-{new.pop()}")
            time.sleep(0.02)
        raise AssertionError(f"no job reached {queue} in {timeout} s")


class CupsJob:
    def __init__(self, out: Path, stem: str) -> None:
        self.data = (out / f"{stem}.data").read_bytes()
        self.title = (out / f"{stem}.title").read_text().strip()
        words = (out / f"{stem}.options").read_text().split()
        self.options = dict(w.split("=", 1) for w in words if "=" in w)


@pytest.fixture(scope="session")
def cups_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CupsServer]:
    """Locally the printing tests skip without cupsd; under CI a missing CUPS is a failure
    (.ci/run installs it), so they can never silently vanish."""
    import shutil
    import subprocess

    if shutil.which("cupsd") is None:
        if os.environ.get("CI"):
            pytest.fail("cupsd is not installed: CI must install cups-daemon and cups-client")
        pytest.skip("no CUPS (cupsd not installed)")
    import tempfile

    # Not under pytest's private temporary folder: as root, cupsd runs the filters
    # (pdftopdf, pdftoraster) as lp, which must reach the spool folder.
    folder = Path(tempfile.mkdtemp(prefix="coop-cups-"))
    folder.chmod(0o755)
    script = Path(__file__).resolve().parents[1] / "scripts" / "cups-throwaway.sh"
    started = subprocess.run(
        ["bash", str(script), "start", str(folder)], capture_output=True, text=True
    )
    if started.returncode:
        pytest.fail(f"the test CUPS server did not start: {started.stderr}")
    before = os.environ.get("CUPS_SERVER")
    os.environ["CUPS_SERVER"] = str(folder / "cups.sock")
    from coop_desktop.printing import cups

    cups.reset_server()  # libcups keeps the server it first read, per thread
    try:
        yield CupsServer(folder)
    finally:
        subprocess.run(["bash", str(script), "stop", str(folder)], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
        if before is None:
            os.environ.pop("CUPS_SERVER", None)
        else:
            os.environ["CUPS_SERVER"] = before
        cups.reset_server()

"""Engines and the unit of work.

SQLite: WAL, foreign keys, synchronous FULL (power cuts are common), a busy timeout, and write
transactions that begin IMMEDIATE so two writers queue instead of failing half-way.
PostgreSQL (psycopg 3): the same code, for several office PCs sharing one association's data.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from coop_desktop.storage.failures import holding, note_path, translate
from coop_desktop.storage.location import Location

BUSY_TIMEOUT_MS = 15_000  # a writer waits this long for another (a close), then says who
LOCK_TIMEOUT_MS = 15_000  # the same on PostgreSQL


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event decide how each transaction starts.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    if conn.get_execution_options().get("coop_write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_engine(location: Location, **kwargs: Any) -> Engine:
    if location.is_sqlite:
        engine = create_engine(location.url, **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    options = f"-c lock_timeout={LOCK_TIMEOUT_MS}"
    connect_args = {"application_name": f"coop: {_who()}", "options": options}
    return create_engine(location.url, pool_pre_ping=True, connect_args=connect_args, **kwargs)


def _who() -> str:
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except Exception:  # no login name
        user = "?"
    return f"{user}@{socket.gethostname()}"[:50]


class Database:
    """An open database: the engine plus the unit of work every service uses.

    `with db.write() as session:` is one unit of work: committed when the block ends, rolled
    back on any error. `db.read()` is the same without the write lock.
    """

    def __init__(self, location: Location, engine: Engine) -> None:
        self.location = location
        self.engine = engine
        self._write_engine = engine.execution_options(coop_write=True)
        self._reader = sessionmaker(bind=engine, expire_on_commit=False)
        self._writer = sessionmaker(bind=self._write_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.location.is_sqlite

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._failures(), self._writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._failures(), self._reader() as session, session.begin():
            yield session

    @contextmanager
    def long_write(self, action: str) -> Iterator[Session]:
        """A write that may hold the database for seconds (a close, an import, a restore):
        others who time out waiting are told `action` and who runs it."""
        with holding(self.location.path, action), self.write() as session:
            if not self.is_sqlite:
                session.execute(
                    text("SELECT set_config('application_name', :n, true)"),
                    {"n": f"coop: {action} ({_who()})"[:63]},
                )
            yield session

    @contextmanager
    def _failures(self) -> Iterator[None]:
        """Driver errors become the user's words (locked, full, damaged, protected)."""
        try:
            yield
        except DBAPIError as exc:
            found = translate(exc, self.location.describe(), note_path(self.location.path))
            if found is exc:
                raise
            if getattr(found, "code", "") == "db_busy" and not self.is_sqlite:
                found = self._pg_busy(exc)
            raise found from exc

    def _pg_busy(self, exc: DBAPIError) -> Exception:
        try:
            with self.engine.connect() as conn:
                return translate(exc, self.location.describe(), None, conn)
        except Exception:  # cannot even ask: say it is busy without a name
            return translate(exc, self.location.describe())

    def write_connection(self) -> Any:
        """A Core connection in a write transaction (for bulk paths without ORM objects)."""
        return self._write_engine.begin()

    def dispose(self) -> None:
        self.engine.dispose()

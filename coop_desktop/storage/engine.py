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
from sqlalchemy.orm import Session, sessionmaker

from coop_desktop.storage.location import Location

BUSY_TIMEOUT_MS = 10_000
# Every committed write raises this counter (one row, table `data_version`), so an open
# screen can tell cheaply that another PC, the CLI or another window changed the data.
BUMP = text("UPDATE data_version SET version = version + 1 WHERE id = 1")
READ_VERSION = text("SELECT version FROM data_version WHERE id = 1")


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
    return create_engine(location.url, pool_pre_ping=True, **kwargs)


class Database:
    """An open database: the engine plus the unit of work every service uses.

    `with db.write() as session:` is one unit of work: committed when the block ends, rolled
    back on any error. `db.read()` is the same without the write lock. Each committed write
    raises the data version; `local_writes` counts the ones this process made, so a watcher
    can tell its own writes from everyone else's.
    """

    def __init__(self, location: Location, engine: Engine) -> None:
        self.location = location
        self.engine = engine
        self._write_engine = engine.execution_options(coop_write=True)
        self._reader = sessionmaker(bind=engine, expire_on_commit=False)
        self._writer = sessionmaker(bind=self._write_engine, expire_on_commit=False)
        self.local_writes = 0

    @property
    def is_sqlite(self) -> bool:
        return self.location.is_sqlite

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._writer() as session:
            with session.begin():
                yield session
                session.execute(BUMP)
            self.local_writes += 1

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session, session.begin():
            yield session

    @contextmanager
    def write_connection(self) -> Iterator[Any]:
        """A Core connection in a write transaction (for bulk paths without ORM objects)."""
        with self._write_engine.begin() as conn:
            yield conn
            conn.execute(BUMP)
        self.local_writes += 1

    def data_version(self) -> int:
        """The number of writes committed so far, by anyone (a cheap one-row read)."""
        with self.engine.connect() as conn:
            return int(conn.execute(READ_VERSION).scalar() or 0)

    def dispose(self) -> None:
        self.engine.dispose()

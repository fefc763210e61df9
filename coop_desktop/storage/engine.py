"""Engines and the unit of work.

SQLite: WAL, foreign keys, synchronous FULL (power cuts are common), a busy timeout, and write
transactions that begin IMMEDIATE so two writers queue instead of failing half-way.
PostgreSQL (psycopg 3): the same code, for several office PCs sharing one association's data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from coop_desktop.core import clock
from coop_desktop.core.errors import Forbidden
from coop_desktop.domain.roles import Permission, Principal, Role, roles_with
from coop_desktop.storage import audit_chain, change_record
from coop_desktop.storage.failures import WAITS, holding, note_path, translate
from coop_desktop.storage.location import Location

BUSY_TIMEOUT_MS = 15_000  # a writer waits this long for another (a close), then says who
LOCK_TIMEOUT_MS = 15_000  # the same on PostgreSQL
# Every committed write raises this counter (one row, table `data_version`), so an open
# screen can tell cheaply that another PC, the CLI or another window changed the data.
BUMP = text("UPDATE data_version SET version = version + 1 WHERE id = 1")
READ_VERSION = text("SELECT version FROM data_version WHERE id = 1")
STILL_VALID = text("SELECT active, role FROM app_user WHERE id = :id")


class StaleSession(Forbidden):
    """The signed-in user was disabled, or their role changed, since they signed in."""


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


def make_engine(location: Location, password: str | None = None, **kwargs: Any) -> Engine:
    if location.is_sqlite:
        engine = create_engine(location.url, **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    from coop_desktop.storage.secrets import connect_args

    # The URL never holds the password: it comes from the keyring (or libpq's password file),
    # or was just typed, and reaches the driver in memory, never a command line or a file.
    args = {
        "application_name": f"coop: {_who()}",
        "options": f"-c lock_timeout={LOCK_TIMEOUT_MS}",
        **(connect_args(location.url) if password is None else {"password": password}),
    }
    kwargs.setdefault("connect_args", args)
    return create_engine(location.url, pool_pre_ping=True, **kwargs)


def _driver_errors() -> tuple[type[Exception], ...]:
    """The drivers' own errors, for paths that read with a raw cursor (bulk reads). A
    psycopg error can only come once psycopg is loaded (by a PostgreSQL engine): a SQLite
    start never imports it."""
    import sqlite3
    import sys

    errors: list[type[Exception]] = [DBAPIError, sqlite3.DatabaseError]
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        errors.append(psycopg.Error)
    return tuple(errors)


def _who() -> str:
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except Exception:  # no login name
        user = "?"
    return f"{user}@{socket.gethostname()}"[:50]


# Who acts in the current call (a thread or an op of the UI runner has its own context) and
# which permission the service being run declared. `services/authz.requires` sets both.
ACTING: ContextVar[Principal | None] = ContextVar("coop_acting", default=None)
DECLARED: ContextVar[Permission | None] = ContextVar("coop_declared", default=None)


def _audit_only(state: ORMExecuteState) -> None:
    """In a `record()` session only audit rows may be written."""
    if state.is_insert or state.is_update or state.is_delete:
        tables = {getattr(m, "local_table", None) for m in state.all_mappers}
        if tables != {audit_chain.TABLE}:
            raise Forbidden("audit_only_session")


def _no_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise Forbidden("audit_only_session")


class Database:
    """An open database: the engine, the unit of work every service uses, and who is signed in.

    `with db.write() as session:` is one unit of work: committed when the block ends, rolled
    back on any error. `db.read()` is the same without the write lock. Both need a signed-in
    `principal`; `write()` refuses, before any SQL, a role that writes nothing and a write that
    no service declared a permission for (administrators excepted: they hold every one).
    Each committed write raises the data version; `local_writes` counts the ones this process
    made, so a watcher can tell its own writes from everyone else's. What each write changed
    is recorded on the engine (`storage/change_record.py`): `change_record.take()` gives the
    topics the calling thread committed.
    """

    def __init__(self, location: Location, engine: Engine) -> None:
        self.location = location
        self.engine = engine
        change_record.watch(engine)
        self._write_engine = engine.execution_options(coop_write=True)
        self._reader = sessionmaker(bind=engine, expire_on_commit=False)
        self._writer = sessionmaker(bind=self._write_engine, expire_on_commit=False)
        self.principal: Principal | None = None
        # True when the password was given for this one command (the CLI): sensitive actions
        # need no second prompt. The desktop leaves it False and sets `ask_password`.
        self.password_confirmed = False
        self.ask_password: Callable[[str], str | None] | None = None
        # Where a password found in the given URL was moved (keyring or a file), to warn.
        self.password_moved_to: str | None = None
        self.local_writes = 0

    @property
    def is_sqlite(self) -> bool:
        return self.location.is_sqlite

    def acting(self) -> Principal:
        """The signed-in user, or a refusal when nobody is."""
        if self.principal is None:
            raise Forbidden("sign_in_required")
        return self.principal

    def _guard_write(self) -> Principal:
        principal = self.acting()
        declared = DECLARED.get()
        refused: Permission | None = None
        if principal.writes_nothing:
            refused = declared or Permission.ACCOUNTS
        elif declared is None and principal.role is not Role.ADMIN:
            refused = Permission.SETTINGS  # an undeclared write: only what admins may do
        elif declared is not None and not principal.may(declared):
            refused = declared
        if refused is not None:
            self.audit_refusal(principal, refused, "write")
            if declared is None and not principal.writes_nothing:
                raise Forbidden("undeclared_write", role=principal.role.value)
            raise Forbidden(
                "role_cannot",
                role=principal.role.value,
                action="write" if principal.writes_nothing else refused.value,
                roles=[r.value for r in roles_with(refused) if r is not Role.OVERSIGHT],
            )
        return principal

    def _verify(self, conn: Any, principal: Principal) -> None:
        """The signed-in user is still active and still holds the role the session was
        opened with (one read by primary key, inside the unit of work): disabling a user or
        changing their role ends their open sessions at the next action."""
        row = conn.execute(STILL_VALID, {"id": principal.user_id}).first()
        if row is None or not row[0]:
            raise StaleSession("session_ended", "user", value=principal.name)
        if row[1] != principal.role.value:
            raise StaleSession("session_role_changed", "user", value=principal.name, role=row[1])

    @contextmanager
    def _refusing_stale(self, principal: Principal) -> Iterator[None]:
        """A stale session's refusal is recorded once its own transaction has ended."""
        try:
            yield
        except StaleSession:
            self.audit_refusal(principal, DECLARED.get() or Permission.READ, "session")
            raise

    @contextmanager
    def write(self) -> Iterator[Session]:
        principal = self._guard_write()
        token = ACTING.set(principal)
        try:
            with self._refusing_stale(principal), self._failures(), self._writer() as session:
                with session.begin():
                    self._verify(session.connection(), principal)
                    yield session
                    session.execute(BUMP)
                self.local_writes += 1
        finally:
            ACTING.reset(token)

    @contextmanager
    def read(self) -> Iterator[Session]:
        principal = self.acting()
        token = ACTING.set(principal)
        try:
            with (
                self._refusing_stale(principal),
                self._failures(),
                self._reader() as session,
                session.begin(),
            ):
                self._verify(session.connection(), principal)
                yield session
        finally:
            ACTING.reset(token)

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
        except _driver_errors() as exc:
            found = translate(exc, self.location.describe(), note_path(self.location.path))
            if found is exc:
                raise
            if getattr(found, "code", "") in WAITS and not self.is_sqlite:
                found = self._pg_busy(exc)
            raise found from exc

    def _pg_busy(self, exc: Exception) -> Exception:
        try:
            with self.engine.connect() as conn:
                return translate(exc, self.location.describe(), None, conn)
        except Exception:  # cannot even ask: say it is busy without a name
            return translate(exc, self.location.describe())

    @contextmanager
    def record(self) -> Iterator[Session]:
        """A write transaction that may only append to the audit trail (a print is recorded
        so the next one says COPIA): open to every role, the oversight committee included."""
        principal = self.acting()
        token = ACTING.set(principal)
        try:
            with (
                self._refusing_stale(principal),
                self._failures(),
                self._writer() as session,
                session.begin(),
            ):
                self._verify(session.connection(), principal)
                event.listen(session, "do_orm_execute", _audit_only)
                event.listen(session, "before_flush", _no_flush)
                yield session
        finally:
            ACTING.reset(token)

    @contextmanager
    def system_write(self) -> Iterator[Session]:
        """Writes the program makes on its own behalf, whoever is (or is not) signed in: the
        sign-in bookkeeping (failed attempts, lockout, the first administrator) and the audit
        of refusals. Only `services/auth.py` and this class use it (a test checks)."""
        with self._failures(), self._writer() as session, session.begin():
            yield session

    def audit_refusal(self, principal: Principal | None, permission: Permission, what: str) -> None:
        """Record a refused action in its own transaction (the refused one writes nothing)."""
        detail = {"permission": permission.value, "what": what}
        if principal is not None:
            detail["role"] = principal.role.value
        with suppress(Exception), self._write_engine.begin() as conn:
            # The refusal stands even if it cannot be recorded (a file locked by a writer).
            audit_chain.append(
                conn,
                at=clock.now(),
                user_id=None if principal is None else principal.user_id,
                actor="" if principal is None else principal.name,
                action="refused",
                entity="permission",
                entity_id=permission.value,
                before=None,
                after=json.dumps(detail, ensure_ascii=False, sort_keys=True),
            )

    @contextmanager
    def write_connection(self) -> Iterator[Any]:
        """A Core connection in a write transaction (for bulk paths without ORM objects)."""
        principal = self._guard_write()
        with self._refusing_stale(principal), self._write_engine.begin() as conn:
            self._verify(conn, principal)
            yield conn
            conn.execute(BUMP)
        self.local_writes += 1

    def data_version(self) -> int:
        """The number of writes committed so far, by anyone (a cheap one-row read)."""
        with self.engine.connect() as conn:
            return int(conn.execute(READ_VERSION).scalar() or 0)

    def dispose(self) -> None:
        self.engine.dispose()

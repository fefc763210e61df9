"""What each committed write changed, said by the storage layer itself.

Every table has one change topic (`TOPIC_OF`, checked by a test so a new table cannot be
forgotten; `None` for the bookkeeping tables no screen shows as such). A recorder hooked on the
engine (`watch`, done by `Database`) notes the tables each INSERT, UPDATE, DELETE or REPLACE
statement writes — ORM, Core and `text()` alike, executemany too — on its connection; a commit
hands their topics to the thread that committed, a rollback (or a savepoint rolled back) drops
them. `take()` returns the topics the calling thread committed since it last asked, so the
desktop's op runner announces, after each op, exactly what that op wrote (and nothing for a
write that was rolled back), and screens refresh from that instead of from topics typed by hand.

The commit event comes just before the driver commits: a COMMIT that itself fails (a disk
error) has already handed its topics on. The cost is one refresh that finds nothing new.

This module imports nothing of SQLAlchemy at load time: `storage/bulk.py` notes its COPY here,
and the closeout's worker process imports that module without SQLAlchemy.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

from coop_desktop.core.topics import (
    ASSOCIATION,
    CENTRES,
    DELIVERIES,
    LEDGER,
    MEMBERS,
    PERIODS,
    QUALITY,
    SALES,
    SCHEMES,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

# The one map from table to topic. None: bookkeeping that comes with the writes it records or
# numbers (the audit trail, the data version, document counters, import batches), or data
# read only when its own screen opens (users, whose sign-ins write it).
TOPIC_OF: Final[Mapping[str, str | None]] = {
    "association": ASSOCIATION,
    "setting": ASSOCIATION,
    "centre": CENTRES,
    "member": MEMBERS,
    "practice": MEMBERS,
    "member_practice": MEMBERS,
    "delivery": DELIVERIES,
    "quality_test": QUALITY,
    "price_scheme": SCHEMES,
    "price_scheme_version": SCHEMES,
    "period": PERIODS,
    "settlement": PERIODS,
    "settlement_line": PERIODS,
    "ledger_entry": LEDGER,
    "charge": LEDGER,
    "loan": LEDGER,
    "product": LEDGER,
    "buyer": SALES,
    "buyer_price": SALES,
    "buyer_entry": SALES,
    "dispatch": SALES,
    "dispatch_reception": SALES,
    "tank_reading": SALES,
    "expense": SALES,
    "plant_product": SALES,
    "plant_batch": SALES,
    "sales_void": SALES,
    "sales_intake_period": SALES,
    "sales_intake_day": SALES,
    "data_version": None,
    "document_counter": None,
    "audit_log": None,
    "app_user": None,
    "import_batch": None,
    "import_row": None,
}

_WRITE_VERBS = frozenset({"insert", "update", "delete", "replace", "with", "copy"})
_FIRST_WORD = re.compile(r"\s*(\w+)")
# The table after each write verb; `WITH … INSERT INTO t` and `INSERT OR REPLACE` included.
# What follows `DO UPDATE` (SET) is no table, and names no table maps are ignored.
_WRITTEN = re.compile(
    r"\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|COPY)"
    r"\s+(?:ONLY\s+)?((?:\"?\w+\"?\.)?\"?\w+\"?)",
    re.IGNORECASE,
)
_PENDING = "coop_written"  # on the DBAPI connection's info: tables written, not yet committed
_SAVEPOINTS = "coop_savepoints"  # what was pending when each open savepoint began


@lru_cache(maxsize=1024)
def tables_written(statement: str) -> frozenset[str]:
    """The tables a statement writes (none for a read, a PRAGMA or a BEGIN)."""
    first = _FIRST_WORD.match(statement)
    if first is None or first.group(1).lower() not in _WRITE_VERBS:
        return frozenset()
    return frozenset(
        name.rsplit(".", 1)[-1].strip('"').lower() for name in _WRITTEN.findall(statement)
    )


def topics_of(tables: Iterable[str]) -> frozenset[str]:
    return frozenset(t for t in (TOPIC_OF.get(table) for table in tables) if t is not None)


class _Committed(threading.local):
    def __init__(self) -> None:
        self.topics: set[str] = set()


_committed = _Committed()


def take() -> frozenset[str]:
    """The topics this thread committed since it last asked (and forget them)."""
    topics = frozenset(_committed.topics)
    _committed.topics.clear()
    return topics


def note(conn: Connection, table: str) -> None:
    """A write the statement events cannot see (PostgreSQL's COPY on the driver's cursor)."""
    conn.info.setdefault(_PENDING, set()).add(table)


def _executed(
    conn: Connection,
    _cursor: Any,
    statement: str,
    _parameters: Any,
    _context: Any,
    _executemany: bool,
) -> None:
    tables = tables_written(statement)
    if tables:
        conn.info.setdefault(_PENDING, set()).update(tables)


def _begun(conn: Connection) -> None:
    # A fresh transaction: nothing pending (a connection given back without an end event
    # leaves nothing behind for the next one).
    conn.info.pop(_PENDING, None)
    conn.info.pop(_SAVEPOINTS, None)


def _committing(conn: Connection) -> None:
    written = conn.info.pop(_PENDING, None)
    conn.info.pop(_SAVEPOINTS, None)
    if written:
        _committed.topics.update(topics_of(written))


def _rolled_back(conn: Connection) -> None:
    conn.info.pop(_PENDING, None)
    conn.info.pop(_SAVEPOINTS, None)


def _savepoint(conn: Connection, _name: str | None) -> None:
    # Savepoints nest, and SQLAlchemy ends them innermost first; the event is told the name
    # only when the caller gave one, so the marks are a plain stack.
    conn.info.setdefault(_SAVEPOINTS, []).append(set(conn.info.get(_PENDING, ())))


def _savepoint_rolled_back(conn: Connection, _name: str, _context: Any) -> None:
    marks: list[set[str]] = conn.info.get(_SAVEPOINTS, [])
    if marks:
        conn.info[_PENDING] = marks.pop()


def _savepoint_released(conn: Connection, _name: str, _context: Any) -> None:
    marks: list[set[str]] = conn.info.get(_SAVEPOINTS, [])
    if marks:
        marks.pop()


_HOOKS: Final = (
    ("after_cursor_execute", _executed),
    ("begin", _begun),
    ("commit", _committing),
    ("rollback", _rolled_back),
    ("savepoint", _savepoint),
    ("rollback_savepoint", _savepoint_rolled_back),
    ("release_savepoint", _savepoint_released),
)


def watch(engine: Engine) -> None:
    """Record the writes made through `engine` (and the engines derived from it); once."""
    from sqlalchemy import event

    for name, hook in _HOOKS:
        if not event.contains(engine, name, hook):
            event.listen(engine, name, hook)

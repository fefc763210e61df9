"""Pricing a large period on SQLite on both cores: the members are split by id parity; this
process reads and prices one share while a second process reads and prices the other from
the same file, read-only, with sqlite3 alone.

The second process is started the program's one way (`coop_desktop/core/children.py`:
"spawn", the frozen build's entry points, cancel by terminating). What it imports is this
module (no SQLAlchemy, no Qt: it starts in about a tenth of a second) and the program's main
module, which is why the entry points import the app only inside `main()` (`ui/launch.py`,
`coop_desktop/cli`).

Both shares see the same data: `close_period` holds the database's write lock while they
read, so nothing can be committed in between. A preview takes no lock: a delivery saved
while it runs shows in the preview or not, member by member (each member is wholly in one
share), as if the preview had been asked a moment earlier or later.

The result is the same as pricing everything in one process (a test compares them); if the
second process cannot start or fails, its share is priced here instead, and a warning is
logged (a frozen build that cannot start its workers shows up there, not as wrong numbers).

The job travels pickled as the process's argument, the result comes back in pieces of a few
hundred members, each unpickled on its own, so no single call holds the interpreter long
(the desktop's window keeps painting while a close runs on its worker).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coop_desktop.core import children
from coop_desktop.core.gc_pause import paused_gc
from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.domain.practices import Held
from coop_desktop.domain.pricing.milk import price_reading
from coop_desktop.domain.pricing.model import Scheme
from coop_desktop.domain.pricing.period import Milk, Timeline
from coop_desktop.services.closeout import inputs as data
from coop_desktop.storage.bulk import fetch_raw

if TYPE_CHECKING:
    from sqlalchemy import Connection

log = logging.getLogger(__name__)
SPLIT_FROM_DELIVERIES = 200_000  # below this, one process is faster than starting another
RESULT_CHUNK = 400  # members per message of the child's answer


@dataclass(frozen=True)
class ShareJob:
    path: str
    span: PeriodSpan
    versions: tuple[tuple[date, Scheme], ...]  # parsed: the child needs no scheme parser
    keys: frozenset[str]
    collect_missing: bool
    flags: dict[int, Held] | None = None  # None: read them from the database
    share: int = 0
    shares: int = 1


def price_share(job: ShareJob, conn: Connection | sqlite3.Connection) -> dict[int, Milk]:
    """Read (with the one period reader) and price (with the one pricing function) the
    deliveries of one share of the members (all of them when `shares` is 1)."""
    reading = data.read_period(
        conn, job.span, job.keys, job.share, job.shares, job.flags, stream=True
    )
    timeline = Timeline.from_schemes(job.versions)
    return price_reading(reading, timeline, collect_missing=job.collect_missing)


def split_from() -> int:
    """Deliveries from which a period is worth a second process. `COOP_SPLIT_FROM_DELIVERIES`
    lowers it, so that the smoke test of a frozen build can exercise the second process on a
    small database."""
    value = os.environ.get("COOP_SPLIT_FROM_DELIVERIES", "")
    return int(value) if value.isdigit() and int(value) > 0 else SPLIT_FROM_DELIVERIES


def worth_splitting(conn: Connection, span: PeriodSpan) -> bool:
    """Only a SQLite file, and only for a period with many deliveries."""
    if conn.dialect.name != "sqlite" or not _file_of(conn):
        return False
    start, end = data.date_param(conn, span.start), data.date_param(conn, span.end)
    threshold = split_from()
    found = fetch_raw(
        conn,
        "SELECT COUNT(*) FROM (SELECT 1 FROM delivery WHERE date >= ? AND date <= ? LIMIT ?)",
        (start, end, threshold),
    )
    return bool(found[0][0] >= threshold)


def _file_of(conn: Connection) -> str:
    return str(conn.engine.url.database or "")


class OtherShare:
    """The second half of the members, priced by a child process while this one prices the
    first: `start` it, price share 0 here, then `join` (which falls back to pricing share 1
    here if the child failed)."""

    def __init__(self, conn: Connection, job: ShareJob) -> None:
        self.job = replace(job, path=_file_of(conn), share=1, shares=2, flags=None)
        self.child = _start(self.job)

    def join(self, conn: Connection) -> dict[int, Milk]:
        theirs = _finish(self.child) if self.child is not None else None
        return theirs if theirs is not None else price_share(self.job, conn)

    def cancel(self) -> None:
        if self.child is not None:
            self.child.cancel()


def _start(job: ShareJob) -> children.Child | None:
    try:
        return children.start(run_share, job, name="coop-close-share", stream=True)
    except children.ChildFailed as exc:  # whatever stops it, the close goes on here
        log.warning("the second closeout process did not start (%s): one process prices all", exc)
        return None


def _finish(child: children.Child) -> dict[int, Milk] | None:
    result: dict[int, Milk] = {}
    try:
        for piece in child.pieces():
            result.update(piece)
    except Exception as exc:  # whatever it was, this process prices that share itself
        log.warning(
            "the second closeout process failed (%s): this process prices its share",
            str(exc).strip() or repr(exc),
        )
        return None
    return result


def run_share(job: ShareJob) -> Iterator[dict[int, Milk]]:
    """The child: price its share read-only, then hand the result back in pieces."""
    conn = sqlite3.connect(f"{Path(job.path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        with paused_gc():
            items = list(price_share(job, conn).items())
    finally:
        conn.close()
    return (dict(items[i : i + RESULT_CHUNK]) for i in range(0, len(items), RESULT_CHUNK))

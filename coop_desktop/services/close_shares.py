"""Pricing a large period on SQLite on both cores: the members are split by id parity; this
process reads and prices one share while a second Python process reads and prices the other
from the same file, read-only, with sqlite3 alone (no SQLAlchemy, no Qt: it starts in about
a tenth of a second).

Both shares see the same data: `close_period` holds the database's write lock while they
read, so nothing can be committed in between. A preview takes no lock: a delivery saved
while it runs shows in the preview or not, member by member (each member is wholly in one
share), as if the preview had been asked a moment earlier or later.

The result is the same as pricing everything in one process (a test compares them); if the
second process cannot start or fails, its share is priced here instead.

The job and the result travel pickled over the child's stdin and stdout.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.domain.pricing.model import Scheme
from coop_desktop.domain.pricing.period import Milk, Timeline
from coop_desktop.domain.pricing.reading import price_reading
from coop_desktop.gc_pause import paused_gc
from coop_desktop.services import close_data as data
from coop_desktop.storage.bulk import fetch_raw

if TYPE_CHECKING:
    from sqlalchemy import Connection

SPLIT_FROM_DELIVERIES = 200_000  # below this, one process is faster than starting another


@dataclass(frozen=True)
class ShareJob:
    path: str
    span: PeriodSpan
    versions: tuple[tuple[date, Scheme], ...]  # parsed: the child needs no scheme parser
    keys: frozenset[str]
    collect_missing: bool
    flags: dict[int, frozenset[str]] | None = None  # None: read them from the database
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


def worth_splitting(conn: Connection, span: PeriodSpan) -> bool:
    """Only a SQLite file, and only for a period with many deliveries."""
    if conn.dialect.name != "sqlite" or not _file_of(conn):
        return False
    start, end = data.date_param(conn, span.start), data.date_param(conn, span.end)
    found = fetch_raw(
        conn,
        "SELECT COUNT(*) FROM (SELECT 1 FROM delivery WHERE date >= ? AND date <= ? LIMIT ?)",
        (start, end, SPLIT_FROM_DELIVERIES),
    )
    return bool(found[0][0] >= SPLIT_FROM_DELIVERIES)


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
        if self.child is not None and self.child.poll() is None:
            self.child.kill()
            self.child.wait()


def _start(job: ShareJob) -> subprocess.Popen[bytes] | None:
    package_root = str(Path(__file__).resolve().parents[2])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p
        ),
    }
    try:
        child = subprocess.Popen(
            [sys.executable, "-c", "from coop_desktop.services.close_shares import main; main()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    except OSError:
        return None
    assert child.stdin is not None
    try:
        child.stdin.write(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
        child.stdin.close()
    except OSError:
        child.kill()
        child.wait()
        return None
    return child


def _finish(child: subprocess.Popen[bytes]) -> dict[int, Milk] | None:
    assert child.stdout is not None
    try:
        payload = child.stdout.read()
    finally:
        child.stdout.close()
        code = child.wait()
    if code != 0 or not payload:
        return None
    kind, value = pickle.loads(payload)
    return value if kind == "ok" else None


def main() -> None:
    """The child: read a job from stdin, price its share read-only, write the result."""
    job: ShareJob = pickle.load(sys.stdin.buffer)
    conn = sqlite3.connect(f"{Path(job.path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        with paused_gc():
            result: tuple[str, Any] = ("ok", price_share(job, conn))
    except Exception as exc:  # reported to the parent, which then prices this share itself
        result = ("error", repr(exc))
    finally:
        conn.close()
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()

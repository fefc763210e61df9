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

The job and the result travel pickled over the child's stdin and stdout; the result in
chunks of a few hundred members, each unpickled on its own, so no single call holds the
interpreter long (the desktop's window keeps painting while a close runs on its worker).
"""

from __future__ import annotations

import io
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
from coop_desktop.domain.pricing.bulk import Milk, price_period
from coop_desktop.domain.pricing.period import Timeline
from coop_desktop.gc_pause import paused_gc
from coop_desktop.services import close_data as data
from coop_desktop.storage.bulk import fetch_raw

if TYPE_CHECKING:
    from sqlalchemy import Connection

SPLIT_FROM_DELIVERIES = 200_000  # below this, one process is faster than starting another
RESULT_CHUNK = 400  # members per pickled piece of the child's result


@dataclass(frozen=True)
class ShareJob:
    path: str
    span: PeriodSpan
    versions: tuple[tuple[date, str], ...]
    keys: frozenset[str]
    collect_missing: bool
    flags: dict[int, frozenset[str]] | None = None  # None: read them from the database
    share: int = 0
    shares: int = 1


def price_share(job: ShareJob, conn: Connection | sqlite3.Connection) -> dict[int, Milk]:
    """Read and price the deliveries of one share of the members (all of them when
    `shares` is 1)."""
    rows = data.delivery_rows(conn, job.span, job.share, job.shares)
    if not rows:
        return {}
    members = {r[1] for r in rows}
    quality = data.samples(conn, job.span, members, job.keys)
    flags = job.flags
    if flags is None:
        flags = {m: info.flags for m, info in data.members(conn).items()}
    timeline = Timeline.from_definitions(job.versions)
    return price_period(rows, timeline, quality, flags, job.span, data.to_date, job.collect_missing)


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
    stream = io.BytesIO(payload)
    result: dict[int, Milk] = {}
    while True:
        kind, value = pickle.load(stream)
        if kind == "end":
            return result
        if kind != "ok":
            return None
        result.update(value)


def main() -> None:
    """The child: read a job from stdin, price its share read-only, write the result."""
    job: ShareJob = pickle.load(sys.stdin.buffer)
    conn = sqlite3.connect(f"{Path(job.path).resolve().as_uri()}?mode=ro", uri=True)
    pieces: list[tuple[str, Any]]
    try:
        with paused_gc():
            milk = price_share(job, conn)
        items = list(milk.items())
        pieces = [
            ("ok", dict(items[i : i + RESULT_CHUNK])) for i in range(0, len(items), RESULT_CHUNK)
        ]
        pieces.append(("end", None))
    except Exception as exc:  # reported to the parent, which then prices this share itself
        pieces = [("error", repr(exc))]
    finally:
        conn.close()
    for piece in pieces:
        sys.stdout.buffer.write(pickle.dumps(piece, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()

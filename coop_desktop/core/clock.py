"""The one clock the program reads "today" and "now" from.

Every default date (the day of a delivery, the period that is open, the stamp of a backup or
of an audit entry) comes from here, never from `date.today()` or `datetime.now()` directly, so
a test can fix the day and the whole program, screens included, sees that day.

A fixed clock still ticks: it starts at the instant it was set to and advances with the
monotonic clock, so two backups a second apart still get two names and timeouts still run.
`COOP_FIXED_CLOCK` (an ISO date-time) fixes the clock of a child process, as tests that run
`coop` in a subprocess need; it changes nothing an operator could not change by setting the
PC's own clock, and is read once, at import.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta

ENV = "COOP_FIXED_CLOCK"

_start: datetime | None = None
_started_at = 0.0


def now() -> datetime:
    """The local time, to the second (what audit entries, stamps and locks store)."""
    if _start is None:
        return datetime.now().replace(microsecond=0)
    elapsed = timedelta(seconds=time.monotonic() - _started_at)
    return (_start + elapsed).replace(microsecond=0)


def today() -> date:
    return now().date()


def fix(when: datetime | date) -> None:
    """Make the clock start at `when` (a date means that day at 10:00) and tick from there."""
    global _start, _started_at
    if not isinstance(when, datetime):
        when = datetime(when.year, when.month, when.day, 10, 0)
    _start, _started_at = when, time.monotonic()


def advance(delta: timedelta) -> None:
    """Move a fixed clock forward (a lock that expires, a session left idle)."""
    global _start
    if _start is None:
        raise RuntimeError("advance() needs a fixed clock")
    _start += delta


def release() -> None:
    """Back to the system clock."""
    global _start
    _start = None


def fixed_at() -> str | None:
    """The instant a fixed clock reads now, for a child process's `COOP_FIXED_CLOCK`."""
    return None if _start is None else now().isoformat()


if os.environ.get(ENV):
    fix(datetime.fromisoformat(os.environ[ENV]))

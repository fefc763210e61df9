"""The one order in which writers take PostgreSQL's advisory locks, so that no two of them
ever wait for each other in a circle (SQLite's write transactions already exclude each other:
every function here does nothing there).

1. **Months**, in date order (`month_key`): a close and a reopen take the months of their
   periods exclusively (a reopen also every later month up to the last closed period); every
   dated write takes the months of its dates shared (the date rule, `date_rule.guard_dates`,
   before it writes; the closed-period trigger takes them again, a no-op by then). A scheme
   version takes the month it takes effect in.
2. **Terms** (`TERMS_KEY`): what a close reads besides dated rows — charges, loans, scheme
   versions. A close and a reopen take it exclusively; a new charge, loan or scheme version
   shares it. So a close and a reopen never run at once, and a scheme saved during a close
   waits for it and is then refused (it would take effect inside the closed period).
3. **Users** (`USERS_KEY`): changes of users (the last active administrator stays).
4. **The audit chain** (`storage/audit_chain.py`): every write appends its audit row last.

A lock not granted within `lock_timeout` (15 s) or a deadlock the server breaks ends in words
(storage/failures.py), never in a driver error.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from coop_desktop.storage.protection import LOCK_CLASS, TERMS_KEY, month_key

USERS_KEY = -2  # the object id that serialises changes of users


def _postgres(session: Session) -> bool:
    return session.connection().dialect.name == "postgresql"


def _take(session: Session, key: int, exclusive: bool) -> None:
    fn = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    session.execute(text(f"SELECT {fn}(:c, :k)"), {"c": LOCK_CLASS, "k": key})


def month_keys(days: Iterable[date]) -> list[int]:
    return sorted({month_key(d) for d in days})


def lock_months(session: Session, days: Iterable[date], exclusive: bool = False) -> None:
    """The months holding `days`, in date order (step 1)."""
    if not _postgres(session):
        return
    for key in month_keys(days):
        _take(session, key, exclusive)


def lock_month_range(session: Session, first: date, last: date, exclusive: bool = True) -> None:
    """Every month from `first` to `last`, in order: exclusively (a close, a reopen) or
    shared (a payment and its reversal, dated from the period's end on)."""
    if not _postgres(session):
        return
    low, high = month_key(first), month_key(last)
    for key in range(low, high + 1):
        _take(session, key, exclusive)


def lock_terms(session: Session, exclusive: bool = False) -> None:
    """Step 2: a close or reopen exclusively; a new charge, loan or scheme version shared."""
    if _postgres(session):
        _take(session, TERMS_KEY, exclusive)


def lock_users(session: Session) -> None:
    """Step 3: one change of users at a time (the count of administrators stays true)."""
    if _postgres(session):
        _take(session, USERS_KEY, True)

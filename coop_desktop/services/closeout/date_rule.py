"""The date rule in the database: every service that writes something dated calls
`guard_dates` inside its write transaction, before it writes (the rule itself is pure:
`domain/entry_dates.py`).

On PostgreSQL the guard first takes the months of the dates shared, in date order (the same
locks a close takes exclusively, `locks.py`), then reads the closed periods: a close committed
meanwhile is seen, and one that starts later waits for this write.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.domain.entry_dates import ClosedSpan, DateRule
from coop_desktop.services.closeout.locks import lock_months
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Period


def load_rule(session: Session) -> DateRule:
    """The closed (and paid) periods, as the date rule reads them."""
    return DateRule.of(
        ClosedSpan(code, start, end)
        for code, start, end in session.execute(
            select(Period.code, Period.start_date, Period.end_date).where(Period.status != "open")
        )
    )


def locked_rule(session: Session, days: Iterable[date]) -> DateRule:
    """The rule, read once the months of `days` (and of the first open day, where late
    entries go) are locked shared, in date order."""
    wanted = set(days)
    first = load_rule(session).first_open_day
    lock_months(session, wanted | ({first} if first is not None else set()))
    return load_rule(session)


def guard_dates(session: Session, days: Iterable[date], field: str = "date") -> DateRule:
    """Refuse new entries dated on or before the end of the last closed period (the error
    names the period and the first open day); returns the rule for the caller's own use."""
    wanted = sorted(set(days))
    rule = locked_rule(session, wanted)
    for day in wanted:
        rule.refuse(day, field)
    return rule


def guard_date(session: Session, day: date, field: str = "date") -> DateRule:
    return guard_dates(session, (day,), field)


def guard_removal(session: Session, day: date, field: str = "date") -> DateRule:
    """Taking out (or correcting) an entry already stored: refused inside a closed period,
    which never changes; allowed behind one (taking a stranded entry out unblocks the
    closes)."""
    rule = locked_rule(session, (day,))
    if rule.holding(day) is not None:
        rule.refuse(day, field)
    return rule


def open_day(db: Database, day: date) -> date:
    """`day`, or when it is frozen, the first open day after the last closed period: where a
    late entry or an adjustment goes (screens show it)."""
    with db.read() as session:
        return load_rule(session).open_day(day)


def frozen_by(db: Database, day: date) -> str | None:
    """The code of the closed period that freezes `day` (holds it, or comes after it), or
    None when the day is open."""
    with db.read() as session:
        blocker = load_rule(session).blocker(day)
        return None if blocker is None else blocker.code

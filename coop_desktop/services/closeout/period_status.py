"""Periods in the database: which one holds a date, which one closes next. (What may be dated
where is the date rule: `date_rule.py`; the database triggers are the second line of
defence.)"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coop_desktop.core.errors import Refused
from coop_desktop.domain.periods import PeriodSpan, period_of
from coop_desktop.storage.models import Association, Delivery, LedgerEntry, Period


def closed_period_at(session: Session, day: date) -> Period | None:
    return session.scalars(
        select(Period).where(
            Period.status != "open", Period.start_date <= day, Period.end_date >= day
        )
    ).first()


def get_or_create(session: Session, span: PeriodSpan, lock: bool = True) -> Period:
    """The period row, locked for the rest of the transaction (FOR UPDATE on PostgreSQL;
    SQLite's write transactions are already exclusive)."""
    query = select(Period).where(Period.code == span.code)
    if lock:
        query = query.with_for_update()
    period = session.scalars(query).first()
    if period is None:
        overlap = session.scalars(
            select(Period).where(Period.start_date <= span.end, Period.end_date >= span.start)
        ).first()
        if overlap is not None:
            raise Refused("period_overlap", "period", value=span.code, other=overlap.code)
        insert_once(
            session, Period(code=span.code, start_date=span.start, end_date=span.end, status="open")
        )
        period = session.scalars(query).one()
    return period


def insert_once(session: Session, row: object) -> None:
    """Insert a row that another transaction may be inserting at the same moment: on a
    unique-key clash (the other one committed first) theirs is kept."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        pass


def cycle_of(session: Session) -> str:
    cycle = session.scalar(select(Association.cycle).order_by(Association.id))
    return cycle or "month"


def _closed_spans(session: Session) -> list[tuple[date, date]]:
    return [
        (p.start_date, p.end_date)
        for p in session.scalars(
            select(Period).where(Period.status != "open").order_by(Period.start_date)
        )
    ]


def _first_activity(session: Session, low: date | None, high: date | None) -> date | None:
    """The earliest date in [low, high] (either end open) with something a close settles: a
    delivery, or an account movement other than milk and payments (a payment dated in a
    month without collection, or a lone sample, leaves nothing to close there). An entry
    reversed on its own day nets to nothing with its reversal (a repaired stranded entry)."""
    from sqlalchemy import and_, exists
    from sqlalchemy.orm import aliased

    from coop_desktop.domain.settlement import NOT_SETTLED

    other = aliased(LedgerEntry)
    netted = exists().where(
        and_(other.reverses_id == LedgerEntry.id, other.date == LedgerEntry.date)
    ) | exists().where(and_(other.id == LedgerEntry.reverses_id, other.date == LedgerEntry.date))
    found: list[date] = []
    for column, extra in (
        (Delivery.date, None),
        (LedgerEntry.date, LedgerEntry.kind.not_in(NOT_SETTLED) & ~netted),
    ):
        query = select(func.min(column))
        if extra is not None:
            query = query.where(extra)
        if low is not None:
            query = query.where(column >= low)
        if high is not None:
            query = query.where(column <= high)
        value = session.scalar(query)
        if value is not None:
            found.append(value)
    return min(found) if found else None


def first_open_activity(session: Session) -> date | None:
    """The earliest date with activity a close settles (deliveries, account entries) in
    no closed period."""
    closed = _closed_spans(session)
    gaps: list[tuple[date | None, date | None]] = []
    low: date | None = None
    for start, end in closed:
        if low is None or start > low:
            gaps.append((low, start - timedelta(days=1)))
        low = end + timedelta(days=1) if low is None or end >= low else low
    gaps.append((low, None))
    for gap_low, gap_high in gaps:
        first = _first_activity(session, gap_low, gap_high)
        if first is not None:
            return first
    return None


def oldest_open(session: Session) -> PeriodSpan | None:
    """The period a treasurer closes next: the one holding the earliest open activity, in
    the association's cycle (or in the kind of the periods already closed, when the cycle
    changed and the cycle's period would overlap a closed one). None when nothing is open."""
    first = first_open_activity(session)
    if first is None:
        return None
    span = period_of(first, cycle_of(session))
    last = session.scalars(
        select(Period)
        .where(
            Period.status != "open", Period.start_date <= span.end, Period.end_date >= span.start
        )
        .order_by(Period.start_date.desc())
    ).first()
    if last is not None:
        from coop_desktop.domain.periods import parse_period

        span = period_of(first, parse_period(last.code).kind)
    return span

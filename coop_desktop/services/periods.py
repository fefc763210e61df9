"""Periods in the database: which one holds a date, and the guard that keeps closed ones
immutable (the database triggers are the second line of defence)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coop_desktop import formatting as fmt
from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.errors import Refused
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Period


def closed_period_at(session: Session, day: date) -> Period | None:
    return session.scalars(
        select(Period).where(
            Period.status != "open", Period.start_date <= day, Period.end_date >= day
        )
    ).first()


def refuse_if_closed(session: Session, day: date) -> None:
    """Refuse to write anything dated inside a closed (or paid) period, naming it."""
    period = closed_period_at(session, day)
    if period is not None:
        raise Refused("period_closed", "date", value=fmt.day(day), period=period.code)


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


def closed_code_at(db: Database, day: date) -> str | None:
    """The code of the closed period holding `day`, or None when the day is open."""
    with db.read() as session:
        period = closed_period_at(session, day)
        return None if period is None else period.code

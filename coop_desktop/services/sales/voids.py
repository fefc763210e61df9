"""Annulments and reversals of the sales rows: the only way they change.

Dispatches, receptions, tank readings and plant batches are annulled by a `sales_void` row
(one per row, dated like it: a closed period's rows cannot be annulled). A buyer's entry or
an expense is reversed by a new row of the opposite amount naming it (`reverses_id`), dated
like it, or today when its date lies in a closed period."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import Refused
from coop_desktop.language import formatting as fmt
from coop_desktop.services.closeout.date_rule import guard_removal
from coop_desktop.services.closeout.period_status import closed_period_at
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.storage.sales_models import BuyerEntry, Expense, SalesVoid


def voided(session: Session, entity: str, ids: Sequence[int]) -> set[int]:
    if not ids:
        return set()
    query = select(SalesVoid.entity_id).where(SalesVoid.entity == entity)
    if len(ids) < 500:
        query = query.where(SalesVoid.entity_id.in_(list(ids)))
    return set(session.scalars(query).all()) & set(ids)


def void_row(session: Session, entity: str, entity_id: int, day: date, reason: str) -> SalesVoid:
    guard_removal(session, day)
    if voided(session, entity, [entity_id]):
        raise Refused("already_void", entity, value=f"{entity} {entity_id}")
    row = SalesVoid(
        entity=entity,
        entity_id=entity_id,
        date=day,
        reason=reason,
        recorded_by=actor(),
        recorded_at=now(),
    )
    session.add(row)
    session.flush()
    audit(session, "void", entity, entity_id, after=row_dict(row))
    return row


def _reversal_day(session: Session, day: date) -> date:
    if closed_period_at(session, day) is None:
        return day
    today = clock.today()
    closed = closed_period_at(session, today)
    if closed is not None:
        raise Refused("period_closed", "date", value=fmt.day(today), period=closed.code)
    return today


def reverse_entry_rows(session: Session, entries: Iterable[BuyerEntry], reason: str) -> None:
    for e in entries:
        if e.reverses_id is not None:
            continue
        done = session.scalars(select(BuyerEntry.id).where(BuyerEntry.reverses_id == e.id))
        if done.first() is not None:
            continue
        back = BuyerEntry(
            buyer_id=e.buyer_id,
            date=_reversal_day(session, e.date),
            kind=e.kind,
            amount=-e.amount,
            reception_id=e.reception_id,
            reference=e.reference,
            description=f"Anula: {e.description} ({reason})"[:200],
            reverses_id=e.id,
            recorded_by=actor(),
            recorded_at=now(),
        )
        session.add(back)
        session.flush()
        audit(session, "reverse", "buyer_entry", e.id, after=row_dict(back))


def reverse_expense_row(session: Session, e: Expense, reason: str) -> Expense:
    back = Expense(
        date=_reversal_day(session, e.date),
        category=e.category,
        amount=-e.amount,
        note=f"Anula: {e.note or e.category} ({reason})"[:200],
        reverses_id=e.id,
        recorded_by=actor(),
        recorded_at=now(),
    )
    session.add(back)
    session.flush()
    audit(session, "reverse", "expense", e.id, after=row_dict(back))
    return back

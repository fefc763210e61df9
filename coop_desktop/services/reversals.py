"""Reversal entries: the only way money leaves the ledger.

The ledger is append-only (triggers on both engines refuse UPDATE, DELETE, REPLACE and
TRUNCATE). Reopening a period, reversing a payment or undoing an entry writes, for each entry
it cancels, a new entry of the opposite amount whose `reverses_id` names the original. An
entry is reversed at most once (a unique index), and a reversal is never reversed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop import clock
from coop_desktop import formatting as fmt
from coop_desktop.errors import Refused
from coop_desktop.services.closeout.period_status import closed_period_at
from coop_desktop.services.context import actor, now
from coop_desktop.storage.models import LedgerEntry


def reversed_ids(session: Session, ids: Iterable[int]) -> set[int]:
    """Which of `ids` already have a reversal."""
    wanted = list(ids)
    if not wanted:
        return set()
    return set(
        session.scalars(select(LedgerEntry.reverses_id).where(LedgerEntry.reverses_id.in_(wanted)))
    )


def reverse(
    session: Session, entries: Iterable[LedgerEntry], reason: str, today: date | None = None
) -> list[LedgerEntry]:
    """Write one reversal per entry (skipping reversals and entries already reversed).

    A reversal is dated like its original, so a period's balance nets to zero; when that date
    lies in a closed period it is dated today instead (today must be open)."""
    todo = [e for e in entries if e.reverses_id is None]
    done = reversed_ids(session, (e.id for e in todo))
    stamp, who = now(), actor()
    written = []
    for e in todo:
        if e.id in done:
            continue
        day = e.date
        if closed_period_at(session, day) is not None:
            day = today or clock.today()
            closed = closed_period_at(session, day)
            if closed is not None:
                raise Refused("period_closed", "date", value=fmt.day(day), period=closed.code)
        reversal = LedgerEntry(
            member_id=e.member_id,
            date=day,
            kind=e.kind,
            description=f"Anula: {e.description} ({reason})"[:200],
            amount=-e.amount,
            settlement_id=e.settlement_id,
            reverses_id=e.id,
            recorded_by=who,
            recorded_at=stamp,
        )
        session.add(reversal)
        written.append(reversal)
    session.flush()
    return written

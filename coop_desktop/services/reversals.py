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

from coop_desktop.core import clock
from coop_desktop.domain.entry_dates import DateRule
from coop_desktop.services.closeout.date_rule import locked_rule
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


def _reversal_day(rule: DateRule, original: date, today: date) -> date:
    """The original's date, so a period's balance nets to zero; when the date rule freezes
    it, today (or the first open day, when today lies in a period closed before its end)."""
    return original if not rule.frozen(original) else rule.open_day(today)


def reverse(
    session: Session,
    entries: Iterable[LedgerEntry],
    reason: str,
    today: date | None = None,
    *,
    same_day: bool = False,
) -> list[LedgerEntry]:
    """Write one reversal per entry (skipping reversals and entries already reversed).

    A reversal is dated like its original, so a period's balance nets to zero; when the
    date rule freezes that date it goes on today, or the first open day after the closed
    periods. `same_day` (the repair of an entry stranded behind a closed period) keeps the
    original's day whatever it is: the entry and its reversal then net to nothing there."""
    todo = [e for e in entries if e.reverses_id is None]
    done = reversed_ids(session, (e.id for e in todo))
    stamp, who = now(), actor()
    written = []
    later = today or clock.today()
    rule = locked_rule(session, [e.date for e in todo if e.id not in done] + [later])
    for e in todo:
        if e.id in done:
            continue
        day = e.date if same_day else _reversal_day(rule, e.date, later)
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

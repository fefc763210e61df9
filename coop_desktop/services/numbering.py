"""Gapless document numbers: one counter row per series, bumped in the writing transaction.

Settlements (L001), advance receipts (R001) and delivery tickets (T001) all take their numbers
here, never from a row id; a UNIQUE index per series makes a number issued twice impossible.
A counter only grows (a trigger refuses lowering it), and a restore keeps the higher counter,
so a number handed out on paper is never handed out again.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.storage.models import DocumentCounter


def reserve_numbers(session: Session, series: str, count: int) -> int:
    """Reserve `count` consecutive numbers of a series; returns the first. The counter row is
    locked until the transaction ends, so numbering stays gapless under concurrent closes."""
    query = select(DocumentCounter).where(DocumentCounter.series == series).with_for_update()
    counter = session.scalars(query).first()
    if counter is None:
        # The series' first number, maybe asked by two PCs at once: the row is inserted once
        # (the other insert is dropped at its savepoint) and then locked like any counter.
        from coop_desktop.services.closeout.period_status import insert_once

        insert_once(session, DocumentCounter(series=series, last_number=0))
        counter = session.scalars(query.execution_options(populate_existing=True)).one()
    first = counter.last_number + 1
    counter.last_number += count
    session.flush()
    return first

"""Closing a period: price every delivery with the scheme in force on its date, apply the
deductions in priority order, number and lock the settlements, all in one transaction.

`preview_close` computes exactly what `close_period` writes (the same function), so the
numbers a treasurer confirms are the numbers that get printed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from coop_desktop.domain.periods import PeriodSpan, parse_period
from coop_desktop.domain.pricing.period import Milk, Timeline, no_milk
from coop_desktop.domain.settlement import DEDUCTION_KINDS, SettlementCalc, parse_priority, settle
from coop_desktop.errors import Refused
from coop_desktop.gc_pause import paused_gc
from coop_desktop.numbers import ZERO, ZERO_MONEY
from coop_desktop.services import close_data as data
from coop_desktop.services.association import load_association
from coop_desktop.services.close_shares import OtherShare, ShareJob, price_share, worth_splitting
from coop_desktop.services.schemes import scheme_definitions
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Period, Setting

Progress = Callable[[str, int, int], None]  # (phase, done, total)
PRIORITY_SETTING = "deduction_priority"


@dataclass(frozen=True, slots=True)
class MemberClose:
    member_id: int
    code: str
    name: str
    dni: str | None
    milk: Milk
    calc: SettlementCalc
    number: str | None = None


@dataclass(frozen=True)
class CloseResult:
    span: PeriodSpan
    members: tuple[MemberClose, ...]
    missing: tuple[tuple[str, int, tuple[str, ...]], ...] = field(default=())

    def totals(self) -> dict[str, Any]:
        """Control totals: each exactly the sum of the member rows."""
        ms = self.members
        by_kind: dict[str, Decimal] = {}
        for m in ms:
            for kind, amount in m.calc.applied_by_kind().items():
                by_kind[kind] = by_kind.get(kind, ZERO_MONEY) + amount
        return {
            "members": len(ms),
            "kg": sum((m.milk.kg for m in ms), ZERO),
            "litres": sum((m.milk.litres for m in ms), ZERO),
            "rejected_litres": sum((m.milk.rejected_litres for m in ms), ZERO),
            "gross": sum((m.calc.gross for m in ms), ZERO_MONEY),
            "credits": sum((m.calc.credit_total for m in ms), ZERO_MONEY),
            "deductions": {k: by_kind[k] for k in DEDUCTION_KINDS if k in by_kind},
            "deductions_total": sum((m.calc.applied_total for m in ms), ZERO_MONEY),
            "carried_in": sum((m.calc.carried_in for m in ms), ZERO_MONEY),
            "carried_out": sum((m.calc.carried_out for m in ms), ZERO_MONEY),
            "net": sum((m.calc.net for m in ms), ZERO_MONEY),
        }


def priority(session: Session) -> tuple[str, ...]:
    row = session.get(Setting, PRIORITY_SETTING)
    return parse_priority(json.loads(row.value)) if row else DEDUCTION_KINDS


@paused_gc()
def compute(
    conn: Connection,
    session: Session,
    span: PeriodSpan,
    *,
    collect_missing: bool = True,
    progress: Progress | None = None,
) -> CloseResult:
    """Every member with activity in the period, settled (nothing is written). A large
    period on SQLite is priced on both cores (`close_shares`)."""
    timeline = Timeline.from_definitions(scheme_definitions(session))
    job = ShareJob("", span, timeline.schemes(), data.pricing_keys(timeline), collect_missing)
    other = OtherShare(conn, job) if worth_splitting(conn, span) else None
    try:
        member_rows = data.members(conn)
        credits, debits = data.ledger_items(conn, span)
        flags = {m: info.flags for m, info in member_rows.items()}
        mine = price_share(replace(job, flags=flags, shares=2 if other else 1), conn)
        milk = (mine | other.join(conn)) if other is not None else mine
    finally:
        if other is not None:
            other.cancel()
    count = sum(m.deliveries for m in milk.values())
    if progress:
        progress("read", count, count)
    active = set(milk) | set(credits) | set(debits)
    charge_rows = data.charges(conn, span)
    loan_rows = data.loans(conn, span)
    order = priority(session)
    results = []
    missing = []
    for member_id in sorted(active, key=lambda m: member_rows[m].code):
        info = member_rows[member_id]
        m = milk.get(member_id) or no_milk(member_id)
        due = debits.get(member_id, []) + data.generated_items(
            member_id, m.litres, charge_rows, loan_rows
        )
        calc = settle(m.gross, credits.get(member_id, []), due, order)
        results.append(MemberClose(member_id, info.code, info.name, info.dni, m, calc))
        missing += [(info.code, d, measures) for d, measures in m.missing]
    if progress:
        progress("priced", len(results), len(results))
    return CloseResult(span, tuple(results), tuple(missing))


def preview_close(db: Database, code: str) -> CloseResult:
    span = parse_period(code)
    with db.read() as session:
        return compute(session.connection(), session, span)


def check_can_close(session: Session, period: Period) -> None:
    if period.status != "open":
        raise Refused("period_already_closed", "period", value=period.code)
    later = session.scalars(
        select(Period).where(Period.start_date > period.end_date, Period.status != "open")
    ).first()
    if later is not None:
        raise Refused("later_period_closed", "period", value=period.code, other=later.code)


def close_period(db: Database, code: str, progress: Progress | None = None) -> CloseResult:
    """Close a period in one transaction; on any error or interruption nothing is written."""
    from coop_desktop.services.close_writer import write_close

    span = parse_period(code)
    with db.write() as session:
        load_association(session)
        from coop_desktop.services.periods import get_or_create

        period = get_or_create(session, span)
        check_can_close(session, period)
        result = compute(
            session.connection(), session, span, collect_missing=True, progress=progress
        )
        if result.missing:
            shown = "\n".join(
                f"  - {c}: "
                + (f"entrega {d}" if d else "muestras del periodo")
                + f" ({', '.join(ms)})"
                for c, d, ms in result.missing[:20]
            )
            more = len(result.missing) - 20
            raise Refused(
                "close_missing_tests",
                "period",
                value=span.code,
                count=len(result.missing),
                items=shown + (f"\n  … y {more} más" if more > 0 else ""),
            )
        if not result.members:
            raise Refused("nothing_to_close", "period", value=span.code)
        written: CloseResult = write_close(session, period, result, progress)
        return written


def next_period_start(span: PeriodSpan) -> Any:
    return span.end + timedelta(days=1)


def mark_status(session: Session, period_id: int, status: str) -> None:
    session.execute(update(Period).where(Period.id == period_id).values(status=status))

"""Closing a period: price every delivery with the scheme in force on its date, apply the
deductions in priority order, number and lock the settlements, all in one transaction.

`preview_close` computes exactly what `close_period` writes (the same function), so the
numbers a treasurer confirms are the numbers that get printed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import Refused
from coop_desktop.core.gc_pause import paused_gc
from coop_desktop.core.numbers import ZERO, ZERO_MONEY
from coop_desktop.domain.periods import PeriodSpan, parse_period, period_of
from coop_desktop.domain.practices import NO_PRACTICES, Held, Span
from coop_desktop.domain.pricing.period import Milk, Timeline, no_milk
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.settlement import DEDUCTION_KINDS, SettlementCalc, parse_priority, settle
from coop_desktop.language import formatting as fmt
from coop_desktop.services.association import load_association
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout import inputs as data
from coop_desktop.services.closeout.date_rule import load_rule
from coop_desktop.services.closeout.file_check import verify_close_reads
from coop_desktop.services.closeout.locks import lock_month_range, lock_terms
from coop_desktop.services.closeout.period_status import (
    first_open_activity,
    get_or_create,
    oldest_open,
)
from coop_desktop.services.closeout.shares import OtherShare, ShareJob, price_share, worth_splitting
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
class CloseInputs:
    """What a close used that can change later (the deduction order, the practices members
    held in the period): stored with the period so `coop check` can price it again as it
    was. Each member's practices are stored as spans, [code, from, until or null]; a close
    stored before practices were dated holds a plain list of codes (held every day)."""

    priority: tuple[str, ...] = DEDUCTION_KINDS
    flags: dict[int, Held] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "priority": list(self.priority),
            "flags": {
                str(m): [
                    [s.code, s.start.isoformat(), s.end.isoformat() if s.end else None]
                    for s in held.spans
                ]
                for m, held in sorted(self.flags.items())
                if held.spans
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CloseInputs:
        return cls(
            parse_priority(data.get("priority", DEDUCTION_KINDS)),
            {int(m): _held(f) for m, f in data.get("flags", {}).items()},
        )


def _held(stored: list[Any]) -> Held:
    if all(isinstance(item, str) for item in stored):
        return Held.always(stored)
    return Held(
        tuple(
            Span(code, date.fromisoformat(start), date.fromisoformat(end) if end else None)
            for code, start, end in stored
        )
    )


@dataclass(frozen=True)
class CloseResult:
    span: PeriodSpan
    members: tuple[MemberClose, ...]
    missing: tuple[tuple[str, int, tuple[str, ...]], ...] = field(default=())
    inputs: CloseInputs = field(default_factory=CloseInputs)

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
    inputs: CloseInputs | None = None,
) -> CloseResult:
    """Every member with activity in the period, settled (nothing is written). A large
    period on SQLite is priced on both cores (`close_shares`). `inputs` replays a close
    with what it used then (`coop check`)."""
    timeline = Timeline.from_definitions(scheme_definitions(session))
    job = ShareJob("", span, timeline.schemes(), data.pricing_keys(timeline), collect_missing)
    split = inputs is None and worth_splitting(conn, span)
    other = OtherShare(conn, job) if split else None
    try:
        member_rows = data.members(conn)
        credits, debits = data.ledger_items(conn, span)
        flags = (
            {m: inputs.flags.get(m, NO_PRACTICES) for m in member_rows}
            if inputs is not None
            else {m: info.flags.within(span.start, span.end) for m, info in member_rows.items()}
        )
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
    order = inputs.priority if inputs is not None else priority(session)
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
    used = CloseInputs(order, {r.member_id: flags.get(r.member_id, NO_PRACTICES) for r in results})
    return CloseResult(span, tuple(results), tuple(missing), used)


def preview_close(db: Database, code: str, progress: Progress | None = None) -> CloseResult:
    """What closing the period would write (nothing is written); `progress` may raise to
    cancel it. A closed period has no preview: its settlements are what was stored."""
    span = parse_period(code)
    with db.read() as session:
        stored = session.scalars(select(Period).where(Period.code == span.code)).first()
        if stored is not None and stored.status != "open":
            raise Refused("period_already_closed", "period", value=span.code)
        return compute(session.connection(), session, span, progress=progress)


def check_can_close(
    session: Session, period: Period, before_end: bool = False, today: date | None = None
) -> None:
    """Periods close in order, once, and only when they have ended (or when the treasurer
    says explicitly to close before the end)."""
    if period.status != "open":
        raise Refused("period_already_closed", "period", value=period.code)
    first = first_open_activity(session)
    if first is not None and first <= period.end_date:
        blocker = load_rule(session).blocker(first)
        if blocker is not None:  # entries stranded behind a closed period: `coop redate`
            raise Refused(
                "stranded_block_close",
                "period",
                value=period.code,
                other=fmt.day(first),
                period=blocker.code,
            )
    later = session.scalars(
        select(Period).where(Period.start_date > period.end_date, Period.status != "open")
    ).first()
    if later is not None:
        raise Refused("later_period_closed", "period", value=period.code, other=later.code)
    if first is not None and first < period.start_date:
        other = oldest_open(session)
        raise Refused(
            "earlier_period_open",
            "period",
            value=period.code,
            other=other.code if other else fmt.day(first),
        )
    day = today or clock.today()
    if period.end_date >= day and not before_end:
        raise Refused(
            "period_not_ended",
            "period",
            value=period.code,
            end=fmt.day(period.end_date),
        )


def missing_text(result: CloseResult, limit: int = 20) -> str:
    """The missing tests of a computed close, one line each (the close refuses on these and
    the preview shows exactly the same lines)."""
    shown = "\n".join(
        f"  - {c}: " + (f"entrega {d}" if d else "muestras del periodo") + f" ({', '.join(ms)})"
        for c, d, ms in result.missing[:limit]
    )
    more = len(result.missing) - limit
    return shown + (f"\n  … y {more} más" if more > 0 else "")


def lock_period(session: Session, span: PeriodSpan) -> None:
    """On PostgreSQL, the period's months exclusively, then the terms (`locks.py`): writers
    dated in it take the months shared (the date rule, the closed-period trigger), so none
    commits unseen by the close; a reopen or a scheme version waits for the terms."""
    lock_month_range(session, span.start, span.end)
    lock_terms(session, exclusive=True)


@requires(Permission.CLOSE)
def close_period(
    db: Database,
    code: str | None = None,
    progress: Progress | None = None,
    *,
    before_end: bool = False,
    today: date | None = None,
) -> CloseResult:
    """Close a period (by default the oldest one still open) in one transaction; on any
    error or interruption nothing is written."""
    from coop_desktop.services.closeout.writer import write_close
    from coop_desktop.services.context import now
    from coop_desktop.services.sales.intake import store as store_intake

    if code is None:
        code = next_to_close(db)
    span = parse_period(code)
    verify_close_reads(db, span)
    with db.long_write(f"cierre del periodo {span.code}") as session:
        load_association(session)
        lock_period(session, span)
        period = get_or_create(session, span)
        check_can_close(session, period, before_end, today)
        result = compute(
            session.connection(), session, span, collect_missing=True, progress=progress
        )
        if result.missing:
            raise Refused(
                "close_missing_tests",
                "period",
                value=span.code,
                count=len(result.missing),
                items=missing_text(result),
            )
        if not result.members:
            raise Refused("nothing_to_close", "period", value=span.code)
        written: CloseResult = write_close(session, period, result, progress)
        # the period's milk per centre and day, as closed: the milk balance reads it
        store_intake(session.connection(), period.id, span.start, span.end, now())
        return written


def close_refusal(
    db: Database, code: str, *, before_end: bool = False, today: date | None = None
) -> Refused | None:
    """Why closing `code` now would be refused (the order of periods, an end not reached, a
    period already closed), read without writing; None when it may close."""
    span = parse_period(code)
    with db.read() as session:
        period = session.scalars(select(Period).where(Period.code == span.code)).first()
        if period is None:
            period = Period(code=span.code, start_date=span.start, end_date=span.end, status="open")
        try:
            check_can_close(session, period, before_end, today)
        except Refused as exc:
            return exc
    return None


def next_to_close(db: Database) -> str:
    """The code of the oldest period still open (the default of `coop close` and Cierre)."""
    with db.read() as session:
        span = oldest_open(session)
    if span is None:
        raise Refused("nothing_open")
    return span.code


def default_period(db: Database) -> str:
    """The period a screen offers first: the oldest still open (periods close in order); with
    nothing open, the one before the current one."""
    try:
        return next_to_close(db)
    except Refused:
        from coop_desktop.services.association import get_association

        association = get_association(db)
        cycle = association.cycle if association else "month"
        return period_of(clock.today(), cycle).previous().code


def next_period_start(span: PeriodSpan) -> Any:
    return span.end + timedelta(days=1)


def mark_status(session: Session, period_id: int, status: str) -> None:
    session.execute(update(Period).where(Period.id == period_id).values(status=status))

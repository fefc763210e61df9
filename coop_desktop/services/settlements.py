"""After the close: reading settlements, reopening a period, recording payments."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import NotFound, Refused, ValidationError
from coop_desktop.domain import validation as v
from coop_desktop.domain.periods import PeriodSpan, parse_period
from coop_desktop.domain.roles import Permission
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.date_rule import guard_date, load_rule, locked_rule
from coop_desktop.services.closeout.locks import lock_month_range, lock_terms
from coop_desktop.services.closeout.period_status import get_or_create
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.services.member_rows import member_by_code
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import LedgerEntry, Member, Period, Settlement, SettlementLine


@dataclass(frozen=True, slots=True)
class LineView:
    kind: str
    description: str
    quantity: Decimal | None
    unit_price: Decimal | None
    amount: Decimal


@dataclass(frozen=True, slots=True)
class SettlementView:
    id: int
    number: str
    period: str
    member_code: str
    member_name: str
    kg: Decimal
    litres: Decimal
    gross: Decimal
    credits: Decimal
    deductions: Decimal
    carried_in: Decimal
    carried_out: Decimal
    net: Decimal
    status: str
    paid_on: date | None
    payment_method: str | None
    void_reason: str | None
    lines: tuple[LineView, ...]


def _view(session: Session, s: Settlement, period: Period, m: Member) -> SettlementView:
    lines = session.scalars(
        select(SettlementLine)
        .where(SettlementLine.settlement_id == s.id)
        .order_by(SettlementLine.position)
    ).all()
    return SettlementView(
        s.id,
        f"{s.series}-{s.number:08d}",
        period.code,
        m.code,
        f"{m.given_names} {m.surnames}",
        s.kg,
        s.litres,
        s.gross,
        s.credits,
        s.deductions,
        s.carried_in,
        s.carried_out,
        s.net,
        s.status,
        s.paid_on,
        s.payment_method,
        s.void_reason,
        tuple(
            LineView(ln.kind, ln.description, ln.quantity, ln.unit_price, ln.amount) for ln in lines
        ),
    )


def settlement_for(db: Database, member_code: str, code: str) -> SettlementView:
    """The member's current settlement of the period (voided ones only if nothing else)."""
    span = parse_period(code)
    with db.read() as session:
        member = member_by_code(session, member_code)
        row = session.execute(
            select(Settlement, Period)
            .join(Period)
            .where(Period.code == span.code, Settlement.member_id == member.id)
            .order_by((Settlement.status == "void").asc(), Settlement.id.desc())
        ).first()
        if row is None:
            raise NotFound("no_settlement", "member", value=member.code, period=span.code)
        return _view(session, row[0], row[1], member)


@requires(Permission.REOPEN)
def reopen_period(db: Database, code: str, reason: str) -> int:
    """Reopen a closed period: its settlements stay, marked void with the reason, and every
    ledger entry its close wrote is cancelled by a reversal entry (nothing is deleted).
    Refused while any settlement of the period is paid: reverse those payments first.
    Returns how many settlements were voided."""
    from coop_desktop.services.reversals import reverse

    text = (reason or "").strip()
    if not text:
        raise ValidationError("reason_missing", "reason")
    span = parse_period(code)
    with db.write() as session:
        # The locks in their order (locks.py): this period's months and every later one up to
        # the last closed period, then the terms a close holds: a close of a later period
        # and this reopen never run at once, whichever starts first.
        last = load_rule(session).last
        lock_month_range(session, span.start, max(span.end, last.end) if last else span.end)
        lock_terms(session, exclusive=True)
        period = get_or_create(session, span)
        if period.status == "open":
            raise Refused("period_not_closed", "period", value=span.code)
        paid = session.scalars(
            select(Member.code)
            .join(Settlement, Settlement.member_id == Member.id)
            .where(Settlement.period_id == period.id, Settlement.status == "paid")
            .order_by(Member.code)
        ).all()
        if paid:
            shown = ", ".join(paid[:10]) + (f" … (+{len(paid) - 10})" if len(paid) > 10 else "")
            raise Refused("period_paid", "period", value=span.code, members=shown)
        later = session.scalars(
            select(Period).where(Period.start_date > period.end_date, Period.status != "open")
        ).first()
        if later is not None:
            raise Refused("later_period_closed", "period", value=span.code, other=later.code)
        before = period.totals
        # The settlements are voided first: the database lets a period reopen only when none
        # of its settlements is current any more.
        settlements = session.scalars(
            select(Settlement).where(Settlement.period_id == period.id, Settlement.status != "void")
        ).all()
        for s in settlements:
            s.status = "void"
            s.void_reason = text
        session.flush()
        period.status = "open"
        period.totals = None
        period.closed_at = None
        period.closed_by = None
        session.flush()
        # Entries the close generated point at the settlement it issued, which a reissued
        # receipt (void_receipt) may have replaced: every settlement of the period counts.
        every = list(
            session.scalars(select(Settlement.id).where(Settlement.period_id == period.id))
        )
        entries = (
            session.scalars(
                select(LedgerEntry)
                .where(LedgerEntry.settlement_id.in_(every), LedgerEntry.kind != "payment")
                .order_by(LedgerEntry.id)
            ).all()
            if every
            else []
        )
        reversals = reverse(session, entries, f"reapertura de {span.code}: {text}")
        audit(
            session,
            "reopen",
            "period",
            span.code,
            before={"totals": before},
            after={
                "reason": text,
                "voided": len(settlements),
                "ledger_entries_reversed": [r.reverses_id for r in reversals],
            },
        )
        return len(settlements)


def lock_payment_months(session: Session, span: PeriodSpan, day: date) -> None:
    """Before any row lock (locks.py): the months a payment of `span` or its reversal may be
    dated in, from the period's end to `day` or the first open day, shared."""
    first = load_rule(session).first_open_day or day
    lock_month_range(session, span.end + timedelta(days=1), max(day, first), exclusive=False)


@requires(Permission.REVERSE_PAYMENT)
def reverse_payment(
    db: Database, code: str, member_code: str, reason: str, today: date | None = None
) -> str:
    """Cancel a recorded payment (money not actually handed over, wrong member, …): the
    payment entry gets a reversal entry, the settlement is issued (unpaid) again and the
    period no longer paid. Returns the settlement number."""
    from coop_desktop.services.reversals import reverse

    text = (reason or "").strip()
    if not text:
        raise ValidationError("reason_missing", "reason")
    span = parse_period(code)
    with db.write() as session:
        lock_payment_months(session, span, today or clock.today())
        period = get_or_create(session, span)
        member = member_by_code(session, member_code)
        s = session.scalars(
            select(Settlement).where(
                Settlement.period_id == period.id,
                Settlement.member_id == member.id,
                Settlement.status == "paid",
            )
        ).first()
        if s is None:
            raise Refused("settlement_not_paid", "member", value=member.code, period=span.code)
        number = f"{s.series}-{s.number:08d}"
        payments = session.scalars(
            select(LedgerEntry).where(
                LedgerEntry.settlement_id == s.id,
                LedgerEntry.kind == "payment",
                LedgerEntry.reverses_id.is_(None),
            )
        ).all()
        reversals = reverse(session, payments, f"pago revertido: {text}", today)
        before = row_dict(s)
        was = period.status
        s.status = "issued"
        s.paid_on = None
        s.payment_method = None
        s.payment_reference = None
        session.flush()  # the settlement first: the period is paid only while all of it is
        if period.status == "paid":
            period.status = "closed"
        session.flush()
        audit(
            session,
            "reverse_payment",
            "settlement",
            number,
            before={"settlements": [before], "period_status": was},
            after={
                "reason": text,
                "member": member.code,
                "settlements": [row_dict(s)],
                "period_status": period.status,
                "reversal_entries": [r.id for r in reversals],
            },
        )
        return number


@requires(Permission.PAY)
def pay(
    db: Database,
    code: str,
    method: str,
    member_code: str | None = None,
    reference: str | None = None,
    day: date | None = None,
    *,
    members: Sequence[str] | None = None,
) -> int:
    """Mark settlements paid: one member's (`member_code`), the listed `members`' (exactly
    those: an unknown code is refused), or every unpaid one of the period; the period is
    paid when all are. Returns how many were marked."""
    clean_method = v.choice(method, v.PAYMENT_METHODS, "payment_method")
    span = parse_period(code)
    when = v.not_future(day or clock.today(), clock.today())
    if when < span.start:
        raise ValidationError(
            "paid_before_period", "date", value=when.isoformat(), period=span.code
        )
    with db.write() as session:
        lock_payment_months(session, span, when)
        period = get_or_create(session, span)
        if period.status == "open":
            raise Refused("period_not_closed", "period", value=span.code)
        # Locked until the end: a receipt voided from another PC at this moment waits, then
        # finds it paid (and is refused), or is voided first and is not paid here.
        query = (
            select(Settlement)
            .where(Settlement.period_id == period.id, Settlement.status == "issued")
            .with_for_update()
        )
        if member_code is not None:
            query = query.where(Settlement.member_id == member_by_code(session, member_code).id)
        if members is not None:
            query = query.where(Settlement.member_id.in_(_member_ids(session, members)))
        settlements = session.scalars(query).all()
        # The payment entry goes on the first open day from the payment's date: never inside
        # the closed period it pays, nor behind a later closed one (the date rule).
        entry_day = max(when, period.end_date + timedelta(days=1))
        if settlements:
            entry_day = locked_rule(session, (entry_day,)).open_day(entry_day)
            guard_date(session, entry_day)
        stamp, who = now(), actor()
        before = {"settlements": [row_dict(s) for s in settlements], "period": period.status}
        for s in settlements:
            s.status = "paid"
            s.paid_on = when
            s.payment_method = clean_method
            s.payment_reference = v.optional_text(reference)
            if s.net:
                session.add(
                    LedgerEntry(
                        member_id=s.member_id,
                        date=entry_day,
                        kind="payment",
                        description=f"Pago de la liquidación {s.series}-{s.number:08d}",
                        amount=-s.net,
                        settlement_id=s.id,
                        recorded_by=who,
                        recorded_at=stamp,
                    )
                )
        remaining = session.scalars(
            select(Settlement.id).where(
                Settlement.period_id == period.id, Settlement.status == "issued"
            )
        ).first()
        if remaining is None:
            period.status = "paid"
        audit(
            session,
            "pay",
            "period",
            span.code,
            before=before,
            after={
                "settlements": [s.id for s in settlements],
                "method": clean_method,
                "date": when.isoformat(),
                "reference": v.optional_text(reference),
                "period_paid": remaining is None,
            },
        )
        return len(settlements)


def _member_ids(session: Session, codes: Sequence[str]) -> list[int]:
    """The ids of the members `codes` name, all of them or a refusal naming the first
    unknown one."""
    wanted = {c.strip().lower(): c for c in codes}
    found: dict[str, int] = {}
    keys = list(wanted)
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(
            (code.lower(), member_id)
            for code, member_id in session.execute(
                select(Member.code, Member.id).where(func.lower(Member.code).in_(chunk))
            )
        )
    for key, typed in wanted.items():
        if key not in found:
            raise NotFound("unknown_member", "member", value=typed)
    return list(found.values())


def stored_totals(db: Database, code: str) -> dict[str, Any] | None:
    """The control totals the close stored on the period (None while it is open)."""
    with db.read() as session:
        period = session.scalars(select(Period).where(Period.code == code)).first()
        if period is None or period.totals is None:
            return None
        totals: dict[str, Any] = json.loads(period.totals)
        return totals


@dataclass(frozen=True, slots=True)
class SettlementRow:
    number: str
    period: str
    gross: Decimal
    net: Decimal
    status: str


def member_settlements(db: Database, member_code: str) -> list[SettlementRow]:
    """A member's settlements, newest first (voided ones included, marked)."""
    with db.read() as session:
        member = member_by_code(session, member_code)
        rows = session.execute(
            select(Settlement, Period)
            .join(Period)
            .where(Settlement.member_id == member.id)
            .order_by(Period.start_date.desc(), Settlement.number.desc())
        ).all()
        return [
            SettlementRow(f"{s.series}-{s.number:08d}", p.code, s.gross, s.net, s.status)
            for s, p in rows
        ]


@requires(Permission.VOID)
def void_receipt(db: Database, number: str, reason: str) -> str:
    """Void a spoiled or lost receipt and issue its replacement: the settlement keeps every
    amount and line under the next number of the series; the voided one stays, marked with
    the reason (its number is not reused). Returns the new number. Amounts that are wrong are
    corrected by reopening the period instead."""
    from coop_desktop.services.numbering import reserve_numbers

    text = (reason or "").strip()
    if not text:
        raise ValidationError("reason_missing", "reason")
    series, _, digits = number.strip().upper().partition("-")
    with db.write() as session:
        old = (
            session.scalars(
                select(Settlement)
                .where(Settlement.series == series, Settlement.number == int(digits))
                .with_for_update()  # a payment of it from another PC waits, or went first
            ).first()
            if digits.isdigit()
            else None
        )
        if old is None:
            raise NotFound("unknown_settlement", "number", value=number)
        if old.status == "void":
            raise Refused("settlement_void", "number", value=number)
        if old.status == "paid":
            raise Refused("settlement_paid_void", "number", value=number)
        new_number = reserve_numbers(session, old.series, 1)
        columns = [c.key for c in Settlement.__table__.columns if c.key not in ("id", "number")]
        values = {c: getattr(old, c) for c in columns}
        before = row_dict(old)
        # At most one current settlement per member and period (a unique index): the old one
        # is void before its replacement exists.
        old.status = "void"
        old.void_reason = text
        session.flush()
        new = Settlement(**values, number=new_number)
        new.created_at = now()
        session.add(new)
        session.flush()
        for line in session.scalars(
            select(SettlementLine).where(SettlementLine.settlement_id == old.id)
        ):
            session.add(
                SettlementLine(
                    settlement_id=new.id,
                    position=line.position,
                    kind=line.kind,
                    description=line.description,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    amount=line.amount,
                    unit=line.unit,
                    priced_quantity=line.priced_quantity,
                    deliveries=line.deliveries,
                )
            )
        replacement = f"{new.series}-{new_number:08d}"
        audit(
            session,
            "void",
            "settlement",
            f"{old.series}-{old.number:08d}",
            before=before,
            after={"reason": text, "replaced_by": replacement, "settlement": row_dict(old)},
        )
        return replacement

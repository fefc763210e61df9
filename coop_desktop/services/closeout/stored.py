"""A period as Cierre shows it once closed: each member's current settlement as it was stored
(number, amounts, paid or not), read again after every change — a payment, a reversal, a
void that reissued a receipt, a reopen, another PC's close."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from coop_desktop.domain.periods import PeriodSpan, parse_period
from coop_desktop.domain.settlement import Summary
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Member, Period, Settlement


@dataclass(frozen=True, slots=True)
class PayrollRow:
    """One member's line of a period, previewed (no number, no status) or stored."""

    code: str
    name: str
    litres: Decimal
    kg: Decimal
    summary: Summary  # the figures every document shows, under the same words
    number: str = ""
    status: str = ""  # "issued" or "paid" once stored


@dataclass(frozen=True)
class PeriodState:
    span: PeriodSpan
    status: str  # "open", "closed" or "paid"
    rows: tuple[PayrollRow, ...]

    @property
    def closed(self) -> bool:
        return self.status != "open"


def period_state(db: Database, code: str) -> PeriodState:
    """The period's status and, once closed, its current (not void) settlements by member
    code; an open period has none."""
    span = parse_period(code)
    with db.read() as session:
        period = session.scalars(select(Period).where(Period.code == span.code)).first()
        if period is None or period.status == "open":
            return PeriodState(span, "open", ())
        found = session.execute(
            select(
                Member.code,
                Member.given_names,
                Member.surnames,
                Settlement.litres,
                Settlement.kg,
                Settlement.gross,
                Settlement.credits,
                Settlement.deductions,
                Settlement.carried_in,
                Settlement.carried_out,
                Settlement.net,
                Settlement.series,
                Settlement.number,
                Settlement.status,
            )
            .join(Member, Member.id == Settlement.member_id)
            .where(Settlement.period_id == period.id, Settlement.status != "void")
            .order_by(Member.code)
        ).all()
        rows = tuple(
            PayrollRow(
                code,
                f"{given} {surnames}",
                litres,
                kg,
                Summary.of_stored(gross, credits, applied, carried_in, carried_out, net),
                f"{series}-{number:08d}",
                status,
            )
            for (
                code,
                given,
                surnames,
                litres,
                kg,
                gross,
                credits,
                applied,
                carried_in,
                carried_out,
                net,
                series,
                number,
                status,
            ) in found
        )
        return PeriodState(span, period.status, rows)

"""What-if: price a past period's deliveries with another scheme and compare, member by
member, with what the schemes in force pay, so an assembly decides with numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import text

from coop_desktop.domain.periods import parse_period
from coop_desktop.domain.pricing import schema
from coop_desktop.domain.pricing.engine import Pricer
from coop_desktop.domain.pricing.period import Timeline, price_member
from coop_desktop.numbers import ZERO, ZERO_MONEY
from coop_desktop.services.period_data import load_period
from coop_desktop.services.schemes import load_timeline
from coop_desktop.storage.engine import Database

CENTS = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class MemberComparison:
    code: str
    name: str
    kg: Decimal
    litres: Decimal
    current: Decimal
    simulated: Decimal
    missing_tests: int  # deliveries that could not be priced for lack of a test (paid 0 here)

    @property
    def difference(self) -> Decimal:
        return self.simulated - self.current


@dataclass(frozen=True, slots=True)
class Simulation:
    period: str
    scheme: str
    currency: str
    members: tuple[MemberComparison, ...]

    def total(self, name: str) -> Decimal:
        return sum((getattr(m, name) for m in self.members), ZERO)


def _paid(db: Database, code: str) -> dict[str, Decimal] | None:
    """Milk gross per member code of a closed period's settlements (None while it is open)."""
    with db.engine.connect() as conn:
        status = conn.execute(
            text("SELECT id, status FROM period WHERE code = :c"), {"c": code}
        ).first()
        if status is None or status[1] == "open":
            return None
        rows = conn.execute(
            text(
                "SELECT m.code, s.gross FROM settlement s JOIN member m ON m.id = s.member_id "
                "WHERE s.period_id = :p AND s.status <> 'void'"
            ),
            {"p": status[0]},
        ).all()
    return {code_: Decimal(gross) * CENTS for code_, gross in rows}


def simulate(db: Database, scheme_text: str, period_code: str) -> Simulation:
    """Price a period with a proposed scheme. "Current" is what was paid (the settlements'
    milk gross) for a closed period, and what the schemes in force pay for an open one."""
    scheme = schema.loads(scheme_text)[0]
    span = parse_period(period_code)
    proposed = Timeline([(date.min, Pricer(scheme))])
    with db.engine.connect() as conn:
        data = load_period(conn, span)
    with db.read() as session:
        current = load_timeline(session)
    paid = _paid(db, span.code)
    rows = []
    for member_id in sorted(data.deliveries, key=lambda i: data.members[i].code):
        member = data.members[member_id]
        deliveries = data.deliveries[member_id]
        quality = data.quality[member_id]
        now_paid = price_member(
            current, quality, deliveries, span, member.flags, collect_missing=True
        )
        what_if = price_member(
            proposed, quality, deliveries, span, member.flags, collect_missing=True
        )
        rows.append(
            MemberComparison(
                member.code,
                member.name,
                now_paid.kg,
                now_paid.litres,
                now_paid.gross if paid is None else paid.get(member.code, ZERO_MONEY),
                what_if.gross,
                len(now_paid.missing) + len(what_if.missing),
            )
        )
    return Simulation(span.code, scheme.name, scheme.currency, tuple(rows))

"""What-if: price a past period's deliveries with another scheme and compare, member by
member, with what the schemes in force pay (an open period) or what was paid (a closed one,
from its stored settlement lines), so an assembly decides with numbers.

Both columns read the period with the one reader and price it with the one pricing function
the close uses (`close_data.read_period`, `milk.price_reading`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection

from coop_desktop.core.numbers import CENT, GRAM, ZERO, ZERO_MONEY
from coop_desktop.domain.periods import parse_period
from coop_desktop.domain.pricing import schema
from coop_desktop.domain.pricing.milk import price_reading
from coop_desktop.domain.pricing.period import Timeline, no_milk
from coop_desktop.domain.pricing.pricer import Pricer
from coop_desktop.services.closeout import inputs as data
from coop_desktop.services.schemes import load_timeline
from coop_desktop.storage.bulk import fetch_raw
from coop_desktop.storage.engine import Database

MILK_KINDS = ("milk", "rejected")


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
    closed: bool = False  # "current" is what was paid

    def total(self, name: str) -> Decimal:
        return sum((getattr(m, name) for m in self.members), ZERO)


def _paid(conn: Connection, code: str) -> dict[int, tuple[Decimal, Decimal, Decimal]] | None:
    """(kg, litres, milk amount) per member of a closed period, from its stored settlements
    and their milk lines (None while the period is open)."""
    found = fetch_raw(conn, "SELECT id, status FROM period WHERE code = ?", (code,))
    if not found or found[0][1] == "open":
        return None
    period_id = found[0][0]
    amounts: dict[int, int] = {}
    for member, amount in fetch_raw(
        conn,
        "SELECT s.member_id, SUM(l.amount) FROM settlement_line l JOIN settlement s ON "
        "s.id = l.settlement_id WHERE s.period_id = ? AND s.status <> 'void' AND "
        "l.kind IN (?, ?) GROUP BY s.member_id",
        (period_id, *MILK_KINDS),
    ):
        amounts[member] = int(amount or 0)
    return {
        member: (kg * GRAM, litres * GRAM, amounts.get(member, 0) * CENT)
        for member, kg, litres in fetch_raw(
            conn,
            "SELECT member_id, kg, litres FROM settlement WHERE period_id = ? AND status <> 'void'",
            (period_id,),
        )
    }


def simulate(db: Database, scheme_text: str, period_code: str) -> Simulation:
    """Price a period with a proposed scheme. "Current" is what was paid (the stored milk
    lines) for a closed period, and what the schemes in force pay for an open one."""
    scheme = schema.loads(scheme_text)[0]
    span = parse_period(period_code)
    proposed = Timeline([(date.min, Pricer(scheme))])
    with db.read() as session:
        conn = session.connection()
        current = load_timeline(session)
        keys = data.pricing_keys(current) | data.pricing_keys(proposed)
        reading = data.read_period(conn, span, keys)
        members = data.members(conn)
        paid = _paid(conn, span.code)
    now = price_reading(reading, current, collect_missing=True) if paid is None else {}
    what_if = price_reading(reading, proposed, collect_missing=True)
    rows = []
    delivered = set(what_if) | {m for m, (kg, _l, _a) in (paid or {}).items() if kg}
    for member_id in sorted(delivered, key=lambda i: members[i].code):
        member = members[member_id]
        simulated = what_if.get(member_id) or no_milk(member_id)
        if paid is not None:
            kg, litres, current_amount = paid.get(member_id, (ZERO, ZERO, ZERO_MONEY))
            missing = simulated.unpriced
        else:
            milk = now.get(member_id) or no_milk(member_id)
            kg, litres, current_amount = milk.kg, milk.litres, milk.gross
            missing = milk.unpriced + simulated.unpriced
        rows.append(
            MemberComparison(
                member.code,
                member.name,
                kg,
                litres,
                current_amount,
                simulated.gross,
                missing,
            )
        )
    return Simulation(span.code, scheme.name, scheme.currency, tuple(rows), paid is not None)

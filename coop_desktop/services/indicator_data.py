"""What the indicators read, with plain SQL aggregates in integer minor units.

Money comes from where the treasurer's numbers live: a closed period's stored settlements
and settlement lines (what was paid), and for an open period the close preview
(`closeout.compute`, the same pricing the close will use), marked provisional. Nothing here
prices milk a second way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from coop_desktop.core.numbers import CENT, GRAM, ZERO, D, from_minor, quantize
from coop_desktop.domain.indicator_figures import (
    QUALITY_KEYS,
    QualityClass,
    SampleSums,
)
from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.periods import PeriodSpan, parse_period, period_of
from coop_desktop.domain.practices import NO_PRACTICES, Held
from coop_desktop.services.closeout.closing import CloseResult, compute
from coop_desktop.services.closeout.inputs import date_param, practices
from coop_desktop.storage.bulk import fetch_raw

PRICED_UNIT = D("0.00001")  # a milk line's quantity in its pricing unit


@dataclass(frozen=True, slots=True)
class PlannedPeriod:
    span: PeriodSpan
    period_id: int | None  # the stored period, when it is closed

    @property
    def open(self) -> bool:
        return self.period_id is None


@dataclass(frozen=True, slots=True)
class Money:
    """One member's milk and pay in one period."""

    litres: Decimal
    kg: Decimal
    gross: Decimal
    net: Decimal
    milk_quantity: Decimal  # accepted milk priced by its quality, in the pricing unit
    milk_amount: Decimal
    untested_litres: Decimal = ZERO  # accepted milk of an open period without its tests
    untested_kg: Decimal = ZERO

    def part(self, share: Decimal, rest: Money | None = None) -> Money:
        """`share` of this money, each figure rounded half up to its places; with `rest`
        (what the other parts took) the remainder instead, so the parts add up."""
        if rest is not None:
            return Money(
                *(
                    getattr(self, f) - getattr(rest, f)
                    for f in (
                        "litres",
                        "kg",
                        "gross",
                        "net",
                        "milk_quantity",
                        "milk_amount",
                        "untested_litres",
                        "untested_kg",
                    )
                )
            )
        return Money(
            quantize(self.litres * share, GRAM),
            quantize(self.kg * share, GRAM),
            quantize(self.gross * share, CENT),
            quantize(self.net * share, CENT),
            quantize(self.milk_quantity * share, PRICED_UNIT),
            quantize(self.milk_amount * share, CENT),
            quantize(self.untested_litres * share, GRAM),
            quantize(self.untested_kg * share, GRAM),
        )

    def plus(self, other: Money) -> Money:
        return Money(
            self.litres + other.litres,
            self.kg + other.kg,
            self.gross + other.gross,
            self.net + other.net,
            self.milk_quantity + other.milk_quantity,
            self.milk_amount + other.milk_amount,
            self.untested_litres + other.untested_litres,
            self.untested_kg + other.untested_kg,
        )


NO_MONEY = Money(ZERO, ZERO, ZERO, ZERO, ZERO, ZERO)


@dataclass
class PeriodMoney:
    planned: PlannedPeriod
    members: dict[int, Money] = field(default_factory=dict)
    missing_tests: int = 0
    has_milk: bool = False  # any delivery (accepted or rejected) in the period


@dataclass(frozen=True, slots=True)
class MemberRow:
    id: int
    code: str
    gender: str | None
    district: str | None
    community: str | None
    centre: str | None
    held: Held  # the practices held, day by day


def plan(session: Session, start: date, end: date, cycle: str) -> list[PlannedPeriod]:
    """The whole periods that cover [start, end]: the stored closed ones, and the open
    periods of the association's cycle for the days they leave."""
    conn = session.connection()
    closed = [
        PlannedPeriod(parse_period(code), pid)
        for pid, code in fetch_raw(
            conn,
            "SELECT id, code FROM period WHERE status != 'open' AND start_date <= ? "
            "AND end_date >= ? ORDER BY start_date",
            (date_param(conn, end), date_param(conn, start)),
        )
    ]
    result = list(closed)
    span = period_of(start, cycle)
    while span.start <= end:
        if not any(c.span.start <= span.end and c.span.end >= span.start for c in closed):
            result.append(PlannedPeriod(span, None))
        span = period_of(span.end + timedelta(days=1), cycle)
    return sorted(result, key=lambda p: p.span.start)


def members(conn: Connection) -> dict[int, MemberRow]:
    held = practices(conn)
    return {
        row[0]: MemberRow(
            row[0], row[1], row[2], row[3], row[4], row[5], held.get(row[0], NO_PRACTICES)
        )
        for row in fetch_raw(
            conn,
            "SELECT m.id, m.code, m.gender, m.district, m.community, c.name "
            "FROM member m LEFT JOIN centre c ON c.id = m.centre_id",
            (),
        )
    }


def placeholders(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def _closed_money(conn: Connection, periods: Sequence[PlannedPeriod]) -> dict[int, PeriodMoney]:
    """Stored settlements (not voided) and their accepted milk lines, per member and period."""
    by_id = {p.period_id: PeriodMoney(p) for p in periods if p.period_id is not None}
    if not by_id:
        return {}
    ids = list(by_id)
    marks = placeholders(ids)
    # Milk lines paid at a price (a line left at 0 for a missing test says nothing of the
    # milk's quality): their quantity in the pricing unit and their amount.
    lines: dict[tuple[int, int], tuple[int, int]] = {
        (member, period): (int(quantity or 0), int(amount or 0))
        for member, period, quantity, amount in fetch_raw(
            conn,
            "SELECT s.member_id, s.period_id, "
            "SUM(COALESCE(l.priced_quantity, l.quantity * 100)), SUM(l.amount) "
            "FROM settlement_line l JOIN settlement s ON s.id = l.settlement_id "
            f"WHERE l.kind = 'milk' AND l.unit_price <> 0 AND s.status != 'void' "
            f"AND s.period_id IN ({marks}) GROUP BY s.member_id, s.period_id",
            ids,
        )
    }
    for member, period, litres, kg, gross, net in fetch_raw(
        conn,
        "SELECT member_id, period_id, litres, kg, gross, net FROM settlement "
        f"WHERE status != 'void' AND period_id IN ({marks})",
        ids,
    ):
        quantity, amount = lines.get((member, period), (0, 0))
        by_id[period].members[member] = Money(
            from_minor(int(litres), 3),
            from_minor(int(kg), 3),
            from_minor(int(gross), 2),
            from_minor(int(net), 2),
            D(quantity) * PRICED_UNIT,
            from_minor(amount, 2),
        )
    for period, found in fetch_raw(
        conn,
        "SELECT p.id, EXISTS (SELECT 1 FROM delivery d WHERE d.date >= p.start_date AND "
        f"d.date <= p.end_date) FROM period p WHERE p.id IN ({marks})",
        ids,
    ):
        by_id[period].has_milk = bool(found)
    return {pid: money for pid, money in by_id.items() if pid is not None}


def _open_money(result: CloseResult, planned: PlannedPeriod) -> PeriodMoney:
    """The preview's money; milk it could not price for lack of the tests its scheme needs
    is set apart (untested), never read as milk priced at S/ 0.00."""
    money = PeriodMoney(
        planned,
        missing_tests=len({code for code, _d, _m in result.missing}),
        has_milk=any(m.milk.deliveries for m in result.members),
    )
    for m in result.members:
        accepted = [ln for ln in m.milk.lines if not ln.rejected]
        money.members[m.member_id] = Money(
            m.milk.litres,
            m.milk.kg,
            m.calc.gross,
            m.calc.net,
            sum((ln.quantity for ln in accepted), ZERO) - m.milk.untested_quantity,
            sum((ln.amount for ln in accepted), ZERO),
            m.milk.untested_litres,
            m.milk.untested_kg,
        )
    return money


def period_money(
    session: Session,
    periods: Sequence[PlannedPeriod],
    known: dict[str, CloseResult] | None = None,
) -> list[PeriodMoney]:
    """Each period's money per member, in the order given: stored for a closed period,
    the close preview for an open one (`known` may hold previews already computed)."""
    conn = session.connection()
    closed = _closed_money(conn, periods)
    result = []
    for p in periods:
        if p.period_id is not None:
            result.append(closed.get(p.period_id, PeriodMoney(p)))
            continue
        preview = (known or {}).get(p.span.code)
        if preview is None:
            preview = compute(conn, session, p.span, collect_missing=True)
        result.append(_open_money(preview, p))
    return result


def premium(money: Money, base: Decimal | None) -> Decimal | None:
    """Accepted milk's value above the scheme's base price (the base value rounded half up
    to the céntimo once per member and period)."""
    if base is None:
        return None
    return money.milk_amount - quantize(money.milk_quantity * base, CENT)


def delivery_days(conn: Connection, start: date, end: date) -> dict[int, int]:
    """Per member who delivered (accepted or rejected milk), the days with accepted milk: a
    day of rejected milk alone is no delivery day. The days with any delivery are counted
    member by member on the (member, date) index alone (`IN (SELECT id FROM member)`: SQLite
    walks that index instead of sorting a year); the few days of rejected milk alone are
    then taken away."""
    args = (date_param(conn, start), date_param(conn, end))
    rejected_only = dict(
        fetch_raw(
            conn,
            "SELECT r.member_id, COUNT(DISTINCT r.date) FROM delivery r WHERE r.rejected "
            "AND r.date >= ? AND r.date <= ? AND NOT EXISTS (SELECT 1 FROM delivery a WHERE "
            "a.member_id = r.member_id AND a.date = r.date AND NOT a.rejected) "
            "GROUP BY r.member_id",
            args,
        )
    )
    return {
        member: int(days) - int(rejected_only.get(member, 0))
        for member, days in fetch_raw(
            conn,
            "SELECT member_id, COUNT(DISTINCT date) FROM delivery "
            "WHERE member_id IN (SELECT id FROM member) AND date >= ? AND date <= ? "
            "GROUP BY member_id",
            args,
        )
    }


def _minor(value: Decimal, key: str) -> Decimal:
    return value.scaleb(MEASURES[key].scale)


def _ceil(value: Decimal) -> int:
    return int(-((-value) // 1))


def _floor(value: Decimal) -> int:
    return int(value // 1)


def _reference_case(key: str) -> str:
    """SQL that is 1 for a sample within the NTP reference of `key` (bounds in minor units)."""
    m = MEASURES[key]
    tests = [f"{key} IS NOT NULL"]
    if m.ref_low is not None:
        tests.append(f"{key} >= {_ceil(_minor(m.ref_low, key))}")
    if m.ref_high is not None:
        tests.append(f"{key} <= {_floor(_minor(m.ref_high, key))}")
    return f"SUM(CASE WHEN {' AND '.join(tests)} THEN 1 ELSE 0 END)"


def _class_case(c: QualityClass) -> str:
    """SQL that is 1 for a sample in the class [low, high): integer minor units x satisfy
    x >= low ⇔ x >= ceil(low) and x < high ⇔ x < ceil(high)."""
    tests = [f"{c.measure} IS NOT NULL"]
    if c.low is not None:
        tests.append(f"{c.measure} >= {_ceil(_minor(c.low, c.measure))}")
    if c.high is not None:
        tests.append(f"{c.measure} < {_ceil(_minor(c.high, c.measure))}")
    return f"SUM(CASE WHEN {' AND '.join(tests)} THEN 1 ELSE 0 END)"


@dataclass(frozen=True, slots=True)
class MemberSamples:
    samples: int
    quality: dict[str, SampleSums]
    classes: tuple[int, ...]


def samples(
    conn: Connection,
    start: date,
    end: date,
    classes: Sequence[QualityClass] = (),
    keys: Iterable[str] = QUALITY_KEYS,
    member: int | None = None,
) -> dict[int, MemberSamples]:
    """Per member (or for `member` alone): samples in the range, and per measure SUM (minor
    units), COUNT and how many were within the reference; and how many fell in each of the
    scheme's classes."""
    wanted = list(keys)
    columns = ["COUNT(*)"]
    for key in wanted:
        columns += [f"SUM({key})", f"COUNT({key})", _reference_case(key)]
    columns += [_class_case(c) for c in classes]
    result = {}
    for row in fetch_raw(
        conn,
        f"SELECT member_id, {', '.join(columns)} FROM quality_test "
        "WHERE sample_date >= ? AND sample_date <= ?"
        + ("" if member is None else " AND member_id = ?")
        + " GROUP BY member_id",
        (date_param(conn, start), date_param(conn, end)) + (() if member is None else (member,)),
    ):
        quality = {
            key: SampleSums(int(row[2 + 3 * i] or 0), int(row[3 + 3 * i]), int(row[4 + 3 * i]))
            for i, key in enumerate(wanted)
        }
        first = 2 + 3 * len(wanted)
        result[row[0]] = MemberSamples(
            int(row[1]), quality, tuple(int(v) for v in row[first : first + len(classes)])
        )
    return result

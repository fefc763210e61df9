"""Everything a close needs for one period, read with plain SQL into domain values.

`read_period` is the one reader of deliveries and samples for pricing: the close and its
preview, statements, the dashboard, `coop check` and the what-if all price what it reads."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from coop_desktop.core.numbers import CENT, ONE, D, from_minor
from coop_desktop.domain.measures import MEASURES, NUMERIC_KEYS
from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.domain.practices import NO_PRACTICES, Held, spans
from coop_desktop.domain.pricing.basis import MemberQuality, Sample
from coop_desktop.domain.pricing.period import Timeline
from coop_desktop.domain.pricing.reading import COLUMNS, PeriodReading, as_date
from coop_desktop.domain.settlement import NOT_SETTLED, Item, instalments, per_litre_charge
from coop_desktop.language import formatting as fmt
from coop_desktop.storage.bulk import fetch_raw, is_sqlite, iterate_raw

if TYPE_CHECKING:  # imported by the closeout's worker process, which has no SQLAlchemy
    import sqlite3

    from sqlalchemy import Connection

_NUMERIC = NUMERIC_KEYS
_SCALE = {k: ONE.scaleb(-MEASURES[k].scale) for k in _NUMERIC}
SAMPLE_LOOKBACK_DAYS = 400


@dataclass(frozen=True, slots=True)
class MemberInfoRow:
    id: int
    code: str
    name: str
    dni: str | None
    flags: Held  # the practices held, day by day (certification flags of pricing)


@dataclass(frozen=True, slots=True)
class ChargeRow:
    id: int
    kind: str
    name: str
    amount: Decimal
    per: str


@dataclass(frozen=True, slots=True)
class LoanRow:
    id: int
    member_id: int
    description: str
    principal: Decimal
    instalments: int
    done: int


def date_param(conn: Connection | sqlite3.Connection, day: date) -> object:
    """A date as each engine's driver takes it in a raw query (ISO text on SQLite)."""
    return day.isoformat() if is_sqlite(conn) else day


to_date = as_date


def pricing_keys(timeline: Timeline) -> frozenset[str]:
    """The measures the schemes of a timeline read (to price or to reject)."""
    return frozenset(
        k
        for p in timeline.pricers()
        for k in (*p.needed, *(r.measure for r in p.scheme.rejections))
    )


def read_period(
    conn: Connection | sqlite3.Connection,
    span: PeriodSpan,
    keys: Iterable[str] | None = None,
    share: int = 0,
    shares: int = 1,
    flags: dict[int, Held] | None = None,
    stream: bool = False,
    only: Collection[int] | None = None,
) -> PeriodReading:
    """The period's deliveries (every column pricing may read), the samples of the members
    who delivered (`keys`: only these measures) and the members' flags; with `shares` > 1,
    only the members whose id leaves remainder `share`. With `stream`, the deliveries are
    an iterator read once by the fast pricing (the samples are then read for every member
    of the share first). With `only`, just those members' deliveries (a few statements of a
    big period read a few thousand rows, not a million)."""
    if stream:
        quality = samples(conn, span, None, keys, share, shares)
        rows: Iterable[tuple[Any, ...]] = delivery_rows(conn, span, share, shares, True)
    else:
        rows = delivery_rows(conn, span, share, shares, only=only)
        quality = samples(conn, span, {r[1] for r in rows}, keys)
    if flags is None:
        flags = {m: info.flags for m, info in members(conn).items()}
    return PeriodReading(span, rows, quality, flags, to_date)


ONLY_MAX = 500  # members named in one query (SQLite allows 32,766 parameters; kept small)


def delivery_rows(
    conn: Connection | sqlite3.Connection,
    span: PeriodSpan,
    share: int = 0,
    shares: int = 1,
    stream: bool = False,
    only: Collection[int] | None = None,
) -> Iterable[tuple[Any, ...]]:
    """The period's deliveries as tuples (a list, or with `stream` an iterator to consume
    while `conn` is open); with `shares` > 1, those of the members whose id leaves remainder
    `share` (the closeout prices each share in its own process); with `only` (up to
    `ONLY_MAX` members), those members' alone."""
    split = " AND member_id % ? = ?" if shares > 1 else ""
    chosen: tuple[int, ...] = ()
    if only is not None and len(only) <= ONLY_MAX:
        chosen = tuple(sorted(only)) or (0,)
        split += f" AND member_id IN ({', '.join('?' * len(chosen))})"
    sql = f"SELECT {COLUMNS} FROM delivery WHERE date >= ? AND date <= ?{split}"
    params = (
        (date_param(conn, span.start), date_param(conn, span.end))
        + ((shares, share) if shares > 1 else ())
        + chosen
    )
    return iterate_raw(conn, sql, params) if stream else fetch_raw(conn, sql, params)


def members(conn: Connection | sqlite3.Connection) -> dict[int, MemberInfoRow]:
    held = practices(conn)
    return {
        row[0]: MemberInfoRow(
            row[0], row[1], f"{row[2]} {row[3]}", row[4], held.get(row[0], NO_PRACTICES)
        )
        for row in fetch_raw(conn, "SELECT id, code, given_names, surnames, dni FROM member", ())
    }


def practices(conn: Connection | sqlite3.Connection, member: int | None = None) -> dict[int, Held]:
    """The practices each member held, day by day, from the dated facts (in the order they
    were recorded); `member`: that member's alone."""
    where = " WHERE f.member_id = ?" if member is not None else ""
    facts: dict[int, list[tuple[str, str, date]]] = defaultdict(list)
    for member_id, code, kind, day in fetch_raw(
        conn,
        "SELECT f.member_id, p.code, f.kind, f.day FROM member_practice f "
        f"JOIN practice p ON p.id = f.practice_id{where} ORDER BY f.member_id, f.id",
        () if member is None else (member,),
    ):
        facts[member_id].append((code, kind, to_date(day)))
    return {m: Held(spans(found)) for m, found in facts.items()}


def samples(
    conn: Connection | sqlite3.Connection,
    span: PeriodSpan,
    wanted: set[int] | None,
    keys: Iterable[str] | None = None,
    share: int = 0,
    shares: int = 1,
) -> dict[int, MemberQuality]:
    """Members' quality samples up to the period's end (and a year before, for `latest` and
    `rolling`); `wanted` None: every member (of the share); `keys` limits the measures read
    to those the schemes use."""
    numeric = [k for k in _NUMERIC if keys is None or k in keys]
    flags = [k for k in ("alcohol", "antibiotics") if keys is None or k in keys]
    columns = ", ".join(["member_id", "sample_date", "delivery_id", *numeric, *flags])
    scales = [_SCALE[k] for k in numeric]
    found: dict[int, list[Sample]] = defaultdict(list)
    start = span.start - timedelta(days=SAMPLE_LOOKBACK_DAYS)
    n = len(numeric)
    split = " AND member_id % ? = ?" if shares > 1 else ""
    for row in fetch_raw(
        conn,
        f"SELECT {columns} FROM quality_test WHERE sample_date >= ? AND sample_date <= ?{split}",
        (date_param(conn, start), date_param(conn, span.end))
        + ((shares, share) if shares > 1 else ()),
    ):
        if wanted is not None and row[0] not in wanted:
            continue
        measures: dict[str, Decimal | bool] = {
            key: D(raw) * scale
            for key, raw, scale in zip(numeric, row[3 : 3 + n], scales, strict=True)
            if raw is not None
        }
        for key, raw in zip(flags, row[3 + n :], strict=True):
            if raw is not None:
                measures[key] = bool(raw)
        found[row[0]].append(Sample(to_date(row[1]), measures, row[2]))
    return {m: MemberQuality(found.get(m, [])) for m in (found if wanted is None else wanted)}


def ledger_items(
    conn: Connection, span: PeriodSpan
) -> tuple[dict[int, list[Item]], dict[int, list[Item]]]:
    """(credits, deductions) per member from the ledger entries dated in the period.

    Left out: milk and payments; what this period's own close wrote (a preview or a check of
    a period closed before, or reopened); and an entry reversed inside the period together
    with its reversal. A reversal of an entry of an earlier period counts, with its sign."""
    credits: dict[int, list[Item]] = defaultdict(list)
    debits: dict[int, list[Item]] = defaultdict(list)
    rows = fetch_raw(
        conn,
        "SELECT e.id, e.member_id, e.kind, e.description, e.amount, e.reverses_id FROM "
        "ledger_entry e WHERE e.date >= ? AND e.date <= ? AND (e.settlement_id IS NULL OR "
        "e.settlement_id NOT IN (SELECT s.id FROM settlement s JOIN period p ON "
        "p.id = s.period_id WHERE p.code = ?)) ORDER BY e.date, e.id",
        (date_param(conn, span.start), date_param(conn, span.end), span.code),
    )
    inside = {r[0] for r in rows}
    cancelled = {r[5] for r in rows if r[5] in inside}
    for entry_id, member, kind, description, amount, reverses in rows:
        if kind in NOT_SETTLED or entry_id in cancelled or reverses in cancelled:
            continue
        value = from_minor(amount, 2)
        if value > 0:
            credits[member].append(Item(kind, description, value, entry_id))
        elif value < 0:
            debits[member].append(Item(kind, description, -value, entry_id))
    return credits, debits


def charges(conn: Connection, span: PeriodSpan) -> list[ChargeRow]:
    rows = fetch_raw(
        conn,
        "SELECT id, kind, name, amount, per FROM charge WHERE start_date <= ? "
        "AND (end_date IS NULL OR end_date >= ?) ORDER BY id",
        (date_param(conn, span.end), date_param(conn, span.start)),
    )
    return [ChargeRow(r[0], r[1], r[2], from_minor(r[3], 4), r[4]) for r in rows]


def loans(conn: Connection, span: PeriodSpan) -> dict[int, list[LoanRow]]:
    done = dict(
        fetch_raw(
            conn,
            "SELECT loan_id, COUNT(*) FROM ledger_entry e WHERE loan_id IS NOT NULL AND "
            "date < ? AND NOT EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reverses_id = e.id) "
            "GROUP BY loan_id",
            (date_param(conn, span.start),),
        )
    )
    result: dict[int, list[LoanRow]] = defaultdict(list)
    for r in fetch_raw(
        conn,
        "SELECT id, member_id, description, principal, instalments FROM "
        "loan WHERE start_date <= ? ORDER BY id",
        (date_param(conn, span.end),),
    ):
        loan = LoanRow(r[0], r[1], r[2], from_minor(r[3], 2), r[4], int(done.get(r[0], 0)))
        if loan.done < loan.instalments:
            result[loan.member_id].append(loan)
    return result


def generated_items(
    member: int, litres: Decimal, charge_rows: list[ChargeRow], loan_rows: dict[int, list[LoanRow]]
) -> list[Item]:
    """The deductions a close adds by itself: recurring charges and loan instalments."""
    items = []
    for c in charge_rows:
        amount = per_litre_charge(c.amount, litres) if c.per == "litre" else c.amount.quantize(CENT)
        if amount > 0:
            label = (
                f"{c.name} ({fmt.unit_price(c.amount)} × {fmt.quantity(litres, 'L')})"
                if (c.per == "litre")
                else c.name
            )
            items.append(Item(c.kind, label, amount, charge_id=c.id))
    for loan in loan_rows.get(member, []):
        amount = instalments(loan.principal, loan.instalments)[loan.done]
        items.append(
            Item(
                "loan",
                f"{loan.description}: cuota {loan.done + 1} de {loan.instalments}",
                amount,
                loan_id=loan.id,
            )
        )
    return items

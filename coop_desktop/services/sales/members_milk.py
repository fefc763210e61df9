"""The members' milk of a range of days, for the margin: what the closes paid for it (the
accepted milk lines of the current settlements), or the close preview for a period still
open (then the margin is provisional).

A period wholly inside the range counts its lines whole (one SUM over a closed period's
stored lines). A period the range cuts shares each milk line among the deliveries it pays, by
quantity (to the céntimo, adding up to the line: `domain/sales/allocation.py`), and counts the
parts of the deliveries inside the range; that period's deliveries are read in one query.

Accepted milk an open period cannot price yet, for lack of the tests its scheme needs, is
not milk priced at S/ 0.00: it is left out of the members' milk and reported apart
(`untested_l`, "sin análisis"), as the indicators do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from coop_desktop.core.numbers import ZERO, ZERO_MONEY, ZERO_QUANTITY, D, from_minor
from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.domain.pricing.period import Timeline
from coop_desktop.domain.pricing.reading import as_date
from coop_desktop.domain.sales.allocation import split_amount
from coop_desktop.services.association import load_association
from coop_desktop.services.closeout.inputs import date_param
from coop_desktop.storage.bulk import fetch_raw

Lines = list[tuple[Decimal, tuple[int, ...]]]  # (amount, the deliveries it pays)


@dataclass(frozen=True, slots=True)
class MembersMilk:
    amount: Decimal
    provisional: bool  # an open period's preview counts
    untested_l: Decimal  # accepted milk of open periods not priced yet: left out of `amount`


def milk_cost(session: Session, start: date, end: date) -> MembersMilk:
    """The members' milk of [start, end] (see the module's note)."""
    from coop_desktop.services.closeout.closing import compute
    from coop_desktop.services.indicator_data import plan
    from coop_desktop.services.schemes import scheme_definitions

    conn = session.connection()
    cycle = load_association(session).cycle
    total, provisional, untested = ZERO_MONEY, False, ZERO_QUANTITY
    timeline: Timeline | None = None
    for p in plan(session, start, end, cycle):
        whole = start <= p.span.start and p.span.end <= end
        if p.period_id is not None:
            if whole:
                total += _closed_whole(conn, p.period_id)
            else:
                total += _share(
                    _closed_lines(conn, p.period_id), _deliveries(conn, p.span), start, end
                )
            continue
        preview = compute(conn, session, p.span, collect_missing=True)
        if not any(m.milk.deliveries for m in preview.members):
            continue
        provisional = True
        priced: Lines = []
        unpriced: set[int] = set()
        for m in preview.members:
            for ln in m.milk.lines:
                if ln.rejected:
                    continue
                if ln.unit_price == 0:
                    unpriced.update(ln.ids)
                else:
                    priced.append((ln.amount, ln.ids))
        if whole:
            total += sum((a for a, _ in priced), ZERO_MONEY)
            untested += sum((m.milk.untested_litres for m in preview.members), ZERO)
            continue
        inside = _deliveries(conn, p.span)
        total += _share(priced, inside, start, end)
        if unpriced:
            if timeline is None:
                timeline = Timeline.from_definitions(scheme_definitions(session))
            untested += _litres(timeline, inside, unpriced, start, end)
    return MembersMilk(total, provisional, untested)


Deliveries = dict[int, tuple[date, Decimal, str]]  # id → (date, quantity, unit)


def _deliveries(conn: Connection, span: PeriodSpan) -> Deliveries:
    """The period's deliveries, in one query over its days."""
    return {
        int(did): (as_date(day), from_minor(int(qty), 3), unit)
        for did, day, qty, unit in fetch_raw(
            conn,
            "SELECT id, date, quantity, unit FROM delivery WHERE date >= ? AND date <= ?",
            (date_param(conn, span.start), date_param(conn, span.end)),
        )
    }


def _share(lines: Lines, info: Deliveries, start: date, end: date) -> Decimal:
    """The part of milk lines paying deliveries dated in [start, end]."""
    total = ZERO_MONEY
    for amount, group in lines:
        kept = [i for i in group if i in info]
        weights = [info[i][1] for i in kept]
        whole = sum(weights, ZERO)
        if not weights or whole == 0:
            continue
        parts = split_amount(amount, [amount * w / whole for w in weights])
        total += sum(
            (p for i, p in zip(kept, parts, strict=True) if start <= info[i][0] <= end),
            ZERO_MONEY,
        )
    return total


def _litres(timeline: Timeline, info: Deliveries, ids: set[int], start: date, end: date) -> Decimal:
    """Litres of the deliveries `ids` dated in [start, end], as their scheme reads them."""
    litres = ZERO_QUANTITY
    for i in ids:
        found = info.get(i)
        if found is None or not start <= found[0] <= end:
            continue
        day, quantity, unit = found
        litres += quantity if unit == "L" else timeline.at(day).quantities(quantity, unit)[2]
    return litres


def _closed_whole(conn: Connection, period_id: int) -> Decimal:
    rows = fetch_raw(
        conn,
        "SELECT SUM(l.amount) FROM settlement_line l JOIN settlement s ON s.id = l.settlement_id "
        "WHERE l.kind = 'milk' AND s.status != 'void' AND s.period_id = ?",
        (period_id,),
    )
    return D(int(rows[0][0] or 0)).scaleb(-2)


def _closed_lines(conn: Connection, period_id: int) -> Lines:
    rows = fetch_raw(
        conn,
        "SELECT l.amount, l.deliveries FROM settlement_line l JOIN settlement s "
        "ON s.id = l.settlement_id WHERE l.kind = 'milk' AND s.status != 'void' "
        "AND s.period_id = ?",
        (period_id,),
    )
    return [
        (D(int(a)).scaleb(-2), tuple(int(x) for x in (ids or "").split(",") if x))
        for a, ids in rows
        if int(a)
    ]

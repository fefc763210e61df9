"""What the milk of a range of days sold for: the amounts of the current receptions of its
dispatches (not annulled), on the buyer's measure; a dispatch not yet received is priced by
the buyer's terms on the association's measure (and the margin is provisional). Read with
plain SQL: a year of dispatches is thousands of rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from coop_desktop.core.errors import CoopError
from coop_desktop.core.numbers import ZERO, D, from_minor
from coop_desktop.domain.pricing.reading import as_date
from coop_desktop.domain.sales.buyer_price import price_sale
from coop_desktop.services.closeout.inputs import date_param
from coop_desktop.services.sales.buyers import timelines
from coop_desktop.storage.bulk import fetch_raw
from coop_desktop.storage.types import DENSITY, PERCENT

# the dispatch's measures a buyer's scheme may read, with their stored places
MEASURE_PLACES = {
    "fat": PERCENT,
    "snf": PERCENT,
    "st": PERCENT,
    "protein": PERCENT,
    "density": DENSITY,
    "acidity": 3,
}


@dataclass(frozen=True, slots=True)
class Sales:
    amount: Decimal
    litres: Decimal
    kg: Decimal
    pending: int  # dispatches not yet received (priced on our measure)


def sales_of(session: Session, start: date, end: date) -> Sales:
    conn = session.connection()
    span = (date_param(conn, start), date_param(conn, end))
    live = (
        "d.date >= ? AND d.date <= ? AND d.id NOT IN (SELECT entity_id FROM sales_void "
        "WHERE entity = 'dispatch')"
    )
    current: dict[int, tuple[int, int, bool, int]] = {}
    for dispatch_id, litres, kg, rejected, amount in fetch_raw(
        conn,
        "SELECT r.dispatch_id, r.litres, r.kg, r.rejected, r.amount FROM dispatch_reception r "
        f"JOIN dispatch d ON d.id = r.dispatch_id WHERE {live} AND r.id NOT IN "
        "(SELECT entity_id FROM sales_void WHERE entity = 'reception') ORDER BY r.id",
        span,
    ):
        current[int(dispatch_id)] = (int(litres), int(kg), bool(rejected), int(amount))
    amount, litres, kg = 0, 0, 0
    for got_litres, got_kg, rejected, paid in current.values():
        if not rejected:
            amount, litres, kg = amount + paid, litres + got_litres, kg + got_kg
    total = Sales(D(amount).scaleb(-2), from_minor(litres, 3), from_minor(kg, 3), 0)
    return _pending(session, total, current, span, live)


def _pending(
    session: Session,
    total: Sales,
    received: dict[int, tuple[int, int, bool, int]],
    span: tuple[object, object],
    live: str,
) -> Sales:
    """The dispatches without a current reception, priced on the association's measure (a
    dispatch its buyer's terms cannot price yet counts nothing: the margin is provisional)."""
    columns = ", ".join(f"d.{k}" for k in MEASURE_PLACES)
    terms = timelines(session)
    amount, litres, kg, pending = total.amount, total.litres, total.kg, 0
    for did, day, buyer_id, code, quantity, unit, *values in fetch_raw(
        session.connection(),
        f"SELECT d.id, d.date, d.buyer_id, b.code, d.quantity, d.unit, {columns} FROM "
        f"dispatch d JOIN buyer b ON b.id = d.buyer_id WHERE {live}",
        span,
    ):
        if int(did) in received:
            continue
        pending += 1
        measures: dict[str, Decimal | bool] = {
            k: D(int(raw)).scaleb(-places)
            for (k, places), raw in zip(MEASURE_PLACES.items(), values, strict=True)
            if raw is not None
        }
        density = measures.get("density")
        try:
            line = terms[int(buyer_id)].at(as_date(day), code)
            sale = price_sale(
                line,
                from_minor(int(quantity), 3),
                unit,
                measures,
                density if isinstance(density, Decimal) else None,
            )
        except (CoopError, KeyError):
            continue  # no terms or quality for it yet: counted as nothing, provisional
        if not sale.rejected:
            amount, litres, kg = amount + sale.amount, litres + sale.litres, kg + sale.kg
    return Sales(amount, litres + ZERO, kg + ZERO, pending)

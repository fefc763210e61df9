"""Dispatches of milk to buyers, each with a guide from its own gapless series, and the
buyer's reception: what the buyer measured (or its rejection), priced on receipt."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import NotFound, Refused, ValidationError
from coop_desktop.core.numbers import D
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.sales.buyer_price import price_sale, quantities
from coop_desktop.language import formatting as fmt
from coop_desktop.services.authz import require_collect_date, requires
from coop_desktop.services.closeout.date_rule import guard_date
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.services.numbering import reserve_numbers
from coop_desktop.services.sales.buyers import buyer_by_code, timeline
from coop_desktop.services.sales.dispatch_list import (
    DISPATCH_MEASURES,
    RECEPTION_MEASURES,
    DispatchInfo,
    centre_for,
    find_dispatch,
    guide_label,
    info,
    measures_of,
)
from coop_desktop.services.sales.voids import reverse_entry_rows, void_row, voided
from coop_desktop.storage.engine import Database
from coop_desktop.storage.sales_models import Buyer, BuyerEntry, Dispatch, Reception

GUIDE_SERIES = "G001"
MAX_DISPATCH = D(100_000)  # litres or kg in one dispatch; more is a typo
Measures = Mapping[str, object]  # as typed (text) or already read; validated here


def _clean_measures(measures: Measures, allowed: tuple[str, ...]) -> dict[str, Decimal | bool]:
    clean: dict[str, Decimal | bool] = {}
    for key, value in measures.items():
        if key not in allowed:
            raise ValidationError("bad_choice", "measure", value=key, valid=", ".join(allowed))
        clean[key] = v.measure(key, value)
    return clean


def _quantity(value: object) -> Decimal:
    number = v.decimal(value, "quantity", 3)
    if number <= 0:
        raise ValidationError("not_positive", "quantity", value=value)
    if number > MAX_DISPATCH:
        raise ValidationError("dispatch_too_large", "quantity", value=value, maximum=MAX_DISPATCH)
    return number


@requires(Permission.DISPATCH)
def add_dispatch(
    db: Database,
    buyer_code: str,
    quantity: object,
    unit: str,
    day: date | str,
    shift: str,
    *,
    centre: str | None = None,
    measures: Measures | None = None,
    temperature: object = None,
    alcohol_positive: bool | None = None,
) -> DispatchInfo:
    """Record milk leaving a centre for a buyer; it takes the next guide number."""
    qty = _quantity(quantity)
    clean_unit = v.choice(unit, ("L", "kg"), "unit")
    clean_day = v.not_future(v.iso_date(day), clock.today())
    clean_shift = v.choice(shift, ("am", "pm"), "shift")
    clean = _clean_measures(measures or {}, DISPATCH_MEASURES)
    temp = v.measure("temperature", temperature) if temperature not in (None, "") else None
    density = clean.get("density")
    assert density is None or isinstance(density, Decimal)
    litres, kg = quantities(qty, clean_unit, density)
    require_collect_date(db, clean_day)
    with db.write() as session:
        guard_date(session, clean_day)
        buyer = buyer_by_code(session, buyer_code)
        where = centre_for(session, centre)
        d = Dispatch(
            guide_series=GUIDE_SERIES,
            guide_number=reserve_numbers(session, GUIDE_SERIES, 1),
            date=clean_day,
            shift=clean_shift,
            centre_id=None if where is None else where.id,
            buyer_id=buyer.id,
            quantity=qty,
            unit=clean_unit,
            litres=litres,
            kg=kg,
            temperature=temp,
            alcohol_positive=alcohol_positive,
            recorded_by=actor(),
            recorded_at=now(),
            **clean,
        )
        session.add(d)
        session.flush()
        audit(session, "create", "dispatch", d.id, after=row_dict(d))
        return info(session, d)


def current_reception(session: Session, dispatch_id: int) -> Reception | None:
    rows = session.scalars(
        select(Reception).where(Reception.dispatch_id == dispatch_id).order_by(Reception.id)
    ).all()
    gone = voided(session, "reception", [r.id for r in rows])
    live = [r for r in rows if r.id not in gone]
    return live[-1] if live else None


@requires(Permission.SALES)
def receive_dispatch(
    db: Database,
    dispatch_id: int,
    quantity: object,
    unit: str,
    *,
    measures: Measures | None = None,
    reject: bool = False,
    reason: str | None = None,
    day: date | str | None = None,
) -> DispatchInfo:
    """The buyer's reception of a dispatch: its quantity and quality (priced on them by the
    buyer's terms in force on the dispatch's date), or its rejection with the reason (paid
    nothing). The sale enters the buyer's account dated the reception."""
    qty = _quantity(quantity)
    clean_unit = v.choice(unit, ("L", "kg"), "unit")
    clean = _clean_measures(measures or {}, RECEPTION_MEASURES)
    why = v.optional_text(reason)
    if reject and not why:
        raise ValidationError("reason_required", "reason")
    with db.write() as session:
        d = find_dispatch(session, dispatch_id)
        if voided(session, "dispatch", [d.id]):
            raise Refused("dispatch_void", "dispatch", value=guide_label(d))
        if current_reception(session, d.id) is not None:
            raise Refused("dispatch_received", "dispatch", value=str(d.id), guide=guide_label(d))
        when = v.iso_date(day) if day is not None else d.date
        if when < d.date:
            raise ValidationError(
                "reception_before_dispatch",
                "date",
                value=fmt.day(when),
                dispatched=fmt.day(d.date),
            )
        guard_date(session, when)
        buyer = session.get(Buyer, d.buyer_id)
        assert buyer is not None
        quality = {**measures_of(d, DISPATCH_MEASURES), **clean}
        density = quality.get("density")
        assert density is None or isinstance(density, Decimal)
        if reject:
            litres, kg = quantities(qty, clean_unit, density)
            unit_price, amount, rejected = D("0.0000"), D("0.00"), True
        else:
            terms = timeline(session, buyer.id).at(d.date, buyer.code)
            sale = price_sale(terms, qty, clean_unit, quality, density)
            litres, kg, unit_price, amount = sale.litres, sale.kg, sale.unit_price, sale.amount
            rejected, why = sale.rejected, sale.reason if sale.rejected else why
        r = Reception(
            dispatch_id=d.id,
            date=when,
            quantity=qty,
            unit=clean_unit,
            litres=litres,
            kg=kg,
            rejected=rejected,
            reason=why if rejected else None,
            unit_price=unit_price,
            amount=amount,
            recorded_by=actor(),
            recorded_at=now(),
            **clean,
        )
        session.add(r)
        session.flush()
        audit(session, "create", "dispatch_reception", r.id, after=row_dict(r))
        entry = BuyerEntry(
            buyer_id=buyer.id,
            date=when,
            kind="sale",
            amount=amount,
            reception_id=r.id,
            description=(
                f"Guía {guide_label(d)}: {fmt.quantity(qty, clean_unit)}"
                + (f" rechazada ({why})" if rejected else f" × {fmt.unit_price(unit_price)}")
            )[:200],
            recorded_by=actor(),
            recorded_at=now(),
        )
        session.add(entry)
        session.flush()
        audit(session, "create", "buyer_entry", entry.id, after=row_dict(entry))
        return info(session, d)


@requires(Permission.SALES)
def void_reception(db: Database, dispatch_id: int, reason: str) -> DispatchInfo:
    """Annul a dispatch's reception (a wrong quantity typed): its sale is reversed in the
    buyer's account and a new reception can be recorded."""
    why = v.required_text(reason, "reason", 200)
    with db.write() as session:
        d = find_dispatch(session, dispatch_id)
        r = current_reception(session, d.id)
        if r is None:
            raise NotFound("unknown_dispatch", "dispatch", value=f"{d.id} (sin recepción)")
        _void_reception(session, r, why)
        return info(session, d)


def _void_reception(session: Session, r: Reception, why: str) -> None:
    void_row(session, "reception", r.id, r.date, why)
    sales = session.scalars(select(BuyerEntry).where(BuyerEntry.reception_id == r.id)).all()
    reverse_entry_rows(session, sales, why)


@requires(Permission.SALES)
def void_dispatch(db: Database, dispatch_id: int, reason: str) -> DispatchInfo:
    """Annul a dispatch recorded by mistake: it stays, marked ANULADO, with its guide number
    (the series keeps no gap); its reception and sale, if any, are annulled too."""
    why = v.required_text(reason, "reason", 200)
    with db.write() as session:
        d = find_dispatch(session, dispatch_id)
        r = current_reception(session, d.id)
        if r is not None:
            _void_reception(session, r, why)
        void_row(session, "dispatch", d.id, d.date, why)
        return info(session, d)

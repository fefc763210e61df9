"""The association's own plant: milk in at a transfer price (a buyer of kind «propia»),
production batches, and the yield (litres of milk per kg of product) per product and month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from coop_desktop.core import clock
from coop_desktop.core.errors import NotFound, Refused, ValidationError
from coop_desktop.core.numbers import CENT, ZERO, ZERO_MONEY, quantize
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.date_rule import guard_date
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.services.sales.dispatch_list import list_dispatches
from coop_desktop.services.sales.voids import void_row, voided
from coop_desktop.storage.engine import Database
from coop_desktop.storage.sales_models import PlantBatch, PlantProduct

YIELD_STEP = CENT


@dataclass(frozen=True, slots=True)
class PlantRow:
    month: str  # YYYY-MM
    product: str
    batches: int
    milk_l: Decimal
    kg_out: Decimal
    yield_l_per_kg: Decimal | None


@dataclass(frozen=True, slots=True)
class BatchInfo:
    id: int
    day: date
    product: str
    milk_l: Decimal
    kg_out: Decimal
    yield_l_per_kg: Decimal | None
    void: bool


@dataclass(frozen=True, slots=True)
class PlantReport:
    start: date
    end: date
    rows: tuple[PlantRow, ...]
    transfer_l: Decimal  # milk dispatched to the own plant (its measure when received)
    transfer_amount: Decimal  # at the transfer price


def product_names(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(PlantProduct.name).order_by(PlantProduct.name)).all())


@requires(Permission.SALES)
def add_product(db: Database, name: str) -> str:
    clean = v.required_text(name, "product", 100)
    with db.write() as session:
        same = select(PlantProduct).where(func.lower(PlantProduct.name) == clean.lower())
        if session.scalars(same).first() is not None:
            raise Refused("plant_product_exists", "product", value=clean)
        row = PlantProduct(name=clean)
        session.add(row)
        session.flush()
        audit(session, "create", "plant_product", row.id, after=row_dict(row))
    return clean


@requires(Permission.SALES)
def add_batch(
    db: Database, day: date | str, milk: object, unit: str, product: str, kg_out: object
) -> BatchInfo:
    clean_day = v.not_future(v.iso_date(day), clock.today())
    v.choice(unit, ("L",), "unit")
    litres = v.decimal(milk, "milk", 3)
    out = v.decimal(kg_out, "out", 3)
    for value, raw, name in ((litres, milk, "milk"), (out, kg_out, "out")):
        if value <= 0:
            raise ValidationError("not_positive", name, value=raw)
    with db.write() as session:
        guard_date(session, clean_day)
        found = session.scalars(
            select(PlantProduct).where(func.lower(PlantProduct.name) == product.strip().lower())
        ).first()
        if found is None:
            raise NotFound("unknown_product_name", "product", value=product)
        row = PlantBatch(
            date=clean_day,
            product_id=found.id,
            milk_litres=litres,
            kg_out=out,
            recorded_by=actor(),
            recorded_at=now(),
        )
        session.add(row)
        session.flush()
        audit(session, "create", "plant_batch", row.id, after=row_dict(row))
        return BatchInfo(row.id, clean_day, found.name, litres, out, _yield(litres, out), False)


@requires(Permission.SALES)
def void_batch(db: Database, batch_id: int, reason: str) -> BatchInfo:
    """Annul a production batch recorded by mistake: an annulment entry dated like it
    (refused inside a closed period), audited; the plant's report leaves it out."""
    why = v.required_text(reason, "reason", 200)
    with db.write() as session:
        b = session.get(PlantBatch, batch_id)
        if b is None:
            raise NotFound("unknown_batch", "batch", value=str(batch_id))
        void_row(session, "batch", b.id, b.date, why)
        product = session.get(PlantProduct, b.product_id)
        name = product.name if product is not None else str(b.product_id)
        return BatchInfo(
            b.id, b.date, name, b.milk_litres, b.kg_out, _yield(b.milk_litres, b.kg_out), True
        )


def list_batches(db: Database, start: date, end: date) -> list[BatchInfo]:
    """The batches of [start, end], annulled ones marked."""
    with db.read() as session:
        names = {p.id: p.name for p in session.scalars(select(PlantProduct)).all()}
        rows = session.scalars(
            select(PlantBatch)
            .where(PlantBatch.date >= start, PlantBatch.date <= end)
            .order_by(PlantBatch.date, PlantBatch.id)
        ).all()
        gone = voided(session, "batch", [b.id for b in rows])
        return [
            BatchInfo(
                b.id,
                b.date,
                names.get(b.product_id, ""),
                b.milk_litres,
                b.kg_out,
                _yield(b.milk_litres, b.kg_out),
                b.id in gone,
            )
            for b in rows
        ]


def _yield(litres: Decimal, kg: Decimal) -> Decimal | None:
    return None if kg == 0 else quantize(litres / kg, YIELD_STEP)


def plant_report(db: Database, start: date, end: date) -> PlantReport:
    with db.read() as session:
        names = {p.id: p.name for p in session.scalars(select(PlantProduct)).all()}
        batches = session.scalars(
            select(PlantBatch).where(PlantBatch.date >= start, PlantBatch.date <= end)
        ).all()
        gone = voided(session, "batch", [b.id for b in batches])
    sums: dict[tuple[str, str], list[Decimal]] = {}
    for b in batches:
        if b.id in gone:
            continue
        acc = sums.setdefault((f"{b.date:%Y-%m}", names[b.product_id]), [ZERO, ZERO, ZERO])
        acc[0] += 1
        acc[1] += b.milk_litres
        acc[2] += b.kg_out
    rows = tuple(
        PlantRow(month, product, int(n), litres, kg, _yield(litres, kg))
        for (month, product), (n, litres, kg) in sorted(sums.items())
    )
    transfer_l, transfer_amount = ZERO, ZERO_MONEY
    for d in list_dispatches(db, start, end):
        if d.void or d.buyer_kind != "propia":
            continue
        if d.reception is not None and not d.reception.rejected:
            transfer_l += d.reception.litres
            transfer_amount += d.reception.amount
    return PlantReport(start, end, rows, transfer_l, transfer_amount)

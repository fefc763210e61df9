"""Dispatches as they are read back: each with its guide, its buyer and its current
reception (the latest one not annulled), for the lists, the guide, the statement and the
balance's day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from coop_desktop.core.errors import NotFound, ValidationError
from coop_desktop.services.sales.buyers import buyer_by_code
from coop_desktop.services.sales.voids import voided
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Centre
from coop_desktop.storage.sales_models import Buyer, Dispatch, Reception, SalesVoid

DISPATCH_MEASURES = ("fat", "snf", "st", "protein", "density", "acidity")
RECEPTION_MEASURES = (*DISPATCH_MEASURES, "ufc", "scc", "alcohol")


@dataclass(frozen=True, slots=True)
class ReceptionInfo:
    id: int
    day: date
    quantity: Decimal
    unit: str
    litres: Decimal
    kg: Decimal
    rejected: bool
    reason: str | None
    unit_price: Decimal
    amount: Decimal
    measures: dict[str, Decimal | bool] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DispatchInfo:
    id: int
    guide: str
    day: date
    shift: str
    centre: str | None
    buyer: str
    buyer_name: str
    buyer_kind: str
    quantity: Decimal
    unit: str
    litres: Decimal
    kg: Decimal
    temperature: Decimal | None
    alcohol_positive: bool | None
    measures: dict[str, Decimal | bool]
    void: bool
    reception: ReceptionInfo | None

    @property
    def status(self) -> str:
        if self.void:
            return "void"
        if self.reception is None:
            return "pending"
        return "rejected" if self.reception.rejected else "received"


def guide_label(d: Dispatch) -> str:
    return f"{d.guide_series}-{d.guide_number:08d}"


def measures_of(row: object, keys: tuple[str, ...]) -> dict[str, Decimal | bool]:
    found: dict[str, Decimal | bool] = {}
    for key in keys:
        value = getattr(row, key, None)
        if value is not None:
            found[key] = value
    return found


def centre_for(session: Session, code: str | None) -> Centre | None:
    """The centre named, or the only one when there is one; None when there are none."""
    from coop_desktop.services.centres import _centre

    if code:
        return _centre(session, code)
    centres = session.scalars(select(Centre)).all()
    if len(centres) > 1:
        raise ValidationError("centre_required", "centre", count=len(centres))
    return centres[0] if centres else None


def find_dispatch(session: Session, dispatch_id: int) -> Dispatch:
    d = session.get(Dispatch, dispatch_id)
    if d is None:
        raise NotFound("unknown_dispatch", "dispatch", value=str(dispatch_id))
    return d


def info(session: Session, d: Dispatch) -> DispatchInfo:
    return infos(session, [d])[0]


def infos(session: Session, rows: list[Dispatch]) -> list[DispatchInfo]:
    ids = [d.id for d in rows]
    buyers = {b.id: b for b in session.scalars(select(Buyer)).all()}
    centres = {c.id: c.code for c in session.scalars(select(Centre)).all()}
    gone = voided(session, "dispatch", ids)
    receptions: dict[int, Reception] = {}
    if ids:
        found = session.scalars(
            select(Reception).where(Reception.dispatch_id.in_(ids)).order_by(Reception.id)
        ).all()
        dead = voided(session, "reception", [r.id for r in found])
        for row in found:
            if row.id not in dead:
                receptions[row.dispatch_id] = row
    out = []
    for d in rows:
        b = buyers[d.buyer_id]
        r = receptions.get(d.id)
        out.append(
            DispatchInfo(
                d.id,
                guide_label(d),
                d.date,
                d.shift,
                None if d.centre_id is None else centres.get(d.centre_id),
                b.code,
                b.name,
                b.kind,
                d.quantity,
                d.unit,
                d.litres,
                d.kg,
                d.temperature,
                d.alcohol_positive,
                measures_of(d, DISPATCH_MEASURES),
                d.id in gone,
                None
                if r is None
                else ReceptionInfo(
                    r.id,
                    r.date,
                    r.quantity,
                    r.unit,
                    r.litres,
                    r.kg,
                    r.rejected,
                    r.reason,
                    r.unit_price,
                    r.amount,
                    measures_of(r, RECEPTION_MEASURES),
                ),
            )
        )
    return out


def list_dispatches(
    db: Database,
    start: date | None = None,
    end: date | None = None,
    buyer: str | None = None,
    centre: str | None = None,
) -> list[DispatchInfo]:
    with db.read() as session:
        query = select(Dispatch).order_by(Dispatch.date, Dispatch.shift, Dispatch.guide_number)
        conds = []
        if start is not None:
            conds.append(Dispatch.date >= start)
        if end is not None:
            conds.append(Dispatch.date <= end)
        if buyer:
            conds.append(Dispatch.buyer_id == buyer_by_code(session, buyer).id)
        if centre:
            found = centre_for(session, centre)
            conds.append(Dispatch.centre_id == (None if found is None else found.id))
        if conds:
            query = query.where(and_(*conds))
        return infos(session, list(session.scalars(query).all()))


def pending_dispatches(db: Database) -> list[DispatchInfo]:
    """Dispatches (not annulled) still waiting for the buyer's reception, whatever their date."""
    with db.read() as session:
        gone = select(SalesVoid.entity_id).where(SalesVoid.entity == "dispatch")
        live = select(Reception.dispatch_id).where(
            Reception.id.not_in(select(SalesVoid.entity_id).where(SalesVoid.entity == "reception"))
        )
        query = (
            select(Dispatch)
            .where(Dispatch.id.not_in(gone), Dispatch.id.not_in(live))
            .order_by(Dispatch.date, Dispatch.shift, Dispatch.guide_number)
        )
        return infos(session, list(session.scalars(query).all()))


def dispatch_info(db: Database, dispatch_id: int) -> DispatchInfo:
    with db.read() as session:
        return info(session, find_dispatch(session, dispatch_id))

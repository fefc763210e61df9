"""Deliveries: the twice-daily collection, one row per member and shift."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import NotFound, Refused, ValidationError
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission, Role
from coop_desktop.services.association import load_association
from coop_desktop.services.authz import require_collect_date, requires
from coop_desktop.services.closeout.date_rule import guard_date, guard_removal
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.services.dto import DeliveryInfo
from coop_desktop.services.member_rows import member_by_code
from coop_desktop.services.numbering import reserve_numbers
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Delivery, Member


def _info(d: Delivery, m: Member) -> DeliveryInfo:
    return DeliveryInfo(
        d.id,
        d.member_id,
        m.code,
        f"{m.given_names} {m.surnames}",
        d.date,
        d.shift,
        d.centre_id,
        d.quantity,
        d.unit,
        d.temperature,
        d.density,
        d.alcohol_positive,
        d.cooled,
        d.rejected,
        d.reject_reason,
        d.recorded_by,
        d.recorded_at,
        ticket_label(d),
    )


def ticket_label(d: Delivery) -> str | None:
    """The number printed on the delivery's ticket, e.g. T001-00000042."""
    if d.ticket_number is None:
        return None
    return f"{d.ticket_series}-{d.ticket_number:08d}"


@dataclass(frozen=True, slots=True)
class CleanDelivery:
    """A delivery's typed fields after validation: what the rules accept, nothing else."""

    quantity: Decimal
    unit: str
    day: date
    shift: str
    rejected: bool
    reject_reason: str | None
    temperature: Decimal | None
    density: Decimal | None


def clean_delivery(
    quantity: object,
    unit: str,
    day: date | str,
    shift: str,
    *,
    reject_reason: str | None = None,
    rejected: bool | None = None,
    temperature: object = None,
    density: object = None,
    today: date | None = None,
) -> CleanDelivery:
    """Validate a delivery's fields by the rules every delivery obeys (typed or imported);
    the first problem raises, naming its field. A rejected delivery needs its reason.
    An import applies the same field rules (`v.quantity`, `v.choice`, `v.not_future`,
    `quick_test`, `rejection`) cell by cell."""
    clean_qty = v.quantity(quantity)
    clean_unit = v.choice(unit, v.UNITS, "unit")
    clean_day = v.not_future(v.iso_date(day), today or clock.today())
    clean_shift = v.choice(shift, v.SHIFTS, "shift")
    is_rejected, reason = rejection(reject_reason, rejected)
    temp = quick_test("temperature", temperature)
    dens = quick_test("density", density)
    return CleanDelivery(
        clean_qty, clean_unit, clean_day, clean_shift, is_rejected, reason, temp, dens
    )


def rejection(reject_reason: str | None, rejected: bool | None) -> tuple[bool, str | None]:
    """Whether the delivery is rejected, and why: a reason alone rejects it; a rejection
    needs its reason."""
    reason = v.optional_text(reject_reason)
    is_rejected = bool(reason) if rejected is None else rejected
    if is_rejected and not reason:
        raise ValidationError("reason_required", "reject_reason")
    return is_rejected, reason if is_rejected else None


def quick_test(key: str, value: object) -> Decimal | None:
    """A quick test measured at the collection (temperature, density), within its range."""
    if value in (None, ""):
        return None
    clean = v.measure(key, value)
    assert isinstance(clean, Decimal)
    return clean


def refuse_inactive(member: Member) -> None:
    if member.status != "active":
        raise Refused("member_not_active", "member", value=member.code, status=member.status)


@requires(Permission.COLLECT)
def add_delivery(
    db: Database,
    member_code: str,
    quantity: object,
    unit: str,
    day: date | str,
    shift: str,
    *,
    reject_reason: str | None = None,
    rejected: bool | None = None,
    temperature: object = None,
    density: object = None,
    alcohol_positive: bool | None = None,
    cooled: bool = False,
    centre_id: int | None = None,
    today: date | None = None,
) -> DeliveryInfo:
    """Record one delivery. A rejected delivery needs its reason."""
    c = clean_delivery(
        quantity,
        unit,
        day,
        shift,
        reject_reason=reject_reason,
        rejected=rejected,
        temperature=temperature,
        density=density,
        today=today,
    )
    require_collect_date(db, c.day)
    with db.write() as session:
        guard_date(session, c.day)
        member = member_by_code(session, member_code)
        refuse_inactive(member)
        series = load_association(session).ticket_series
        d = Delivery(
            ticket_series=series,
            ticket_number=reserve_numbers(session, series, 1),
            member_id=member.id,
            date=c.day,
            shift=c.shift,
            centre_id=centre_id,
            quantity=c.quantity,
            unit=c.unit,
            temperature=c.temperature,
            density=c.density,
            alcohol_positive=alcohol_positive,
            cooled=cooled,
            rejected=c.rejected,
            reject_reason=c.reject_reason,
            recorded_by=actor(),
            recorded_at=now(),
        )
        session.add(d)
        session.flush()
        audit(session, "create", "delivery", d.id, after=row_dict(d))
        return _info(d, member)


# DeliveryInfo read straight from rows (no ORM objects): a day or a page of a large list
# comes back several times faster.
INFO_COLUMNS = (
    Delivery.id,
    Delivery.member_id,
    Member.code,
    (Member.given_names + " " + Member.surnames).label("member_name"),
    Delivery.date,
    Delivery.shift,
    Delivery.centre_id,
    Delivery.quantity,
    Delivery.unit,
    Delivery.temperature,
    Delivery.density,
    Delivery.alcohol_positive,
    Delivery.cooled,
    Delivery.rejected,
    Delivery.reject_reason,
    Delivery.recorded_by,
    Delivery.recorded_at,
    Delivery.ticket_series,
    Delivery.ticket_number,
)


def _infos(session: Session, query: Any) -> list[DeliveryInfo]:
    found = []
    for row in session.execute(query):
        values: list[Any] = list(row)
        number, series = values.pop(), values.pop()  # the last two columns: the ticket's
        values.append(None if number is None else f"{series}-{number:08d}")
        found.append(DeliveryInfo(*values))
    return found


def _collector_may_change(db: Database, delivery_id: int) -> None:
    """A collector changes only deliveries dated in the open period."""
    if db.principal is not None and db.principal.role is Role.COLLECTOR:
        require_collect_date(db, get_delivery(db, delivery_id).date)


def get_delivery(db: Database, delivery_id: int) -> DeliveryInfo:
    with db.read() as session:
        return _info(*_load(session, delivery_id))


def _load(session: Session, delivery_id: int) -> tuple[Delivery, Member]:
    row = session.execute(
        select(Delivery, Member).join(Member).where(Delivery.id == delivery_id)
    ).first()
    if row is None:
        raise NotFound("unknown_delivery", "delivery", value=delivery_id)
    return row[0], row[1]


def list_deliveries(
    db: Database, day: date | None = None, member_code: str | None = None, limit: int | None = None
) -> list[DeliveryInfo]:
    query = (
        select(*INFO_COLUMNS)
        .join(Member, Member.id == Delivery.member_id)
        .order_by(Delivery.date, Delivery.shift, Member.code, Delivery.id)
    )
    with db.read() as session:
        if day is not None:
            query = query.where(Delivery.date == day)
        if member_code is not None:
            query = query.where(Delivery.member_id == member_by_code(session, member_code).id)
        if limit:
            query = query.limit(limit)
        return _infos(session, query)


@requires(Permission.COLLECT)
def delete_delivery(db: Database, delivery_id: int, reason: str | None = None) -> DeliveryInfo:
    """Delete a delivery (the undo of a save, Supr in Acopio, `coop deliveries delete`):
    refused inside a closed period and while a quality test names it; a collector deletes
    only in the open period. Audited with its values and the reason given. A delivery
    stranded behind a closed period may be deleted (or moved: `redate`)."""
    _collector_may_change(db, delivery_id)
    why = v.optional_text(reason)
    with db.write() as session:
        d, m = _load(session, delivery_id)
        guard_removal(session, d.date)
        from coop_desktop.storage.models import QualityTest

        tested = session.scalars(
            select(QualityTest.id).where(QualityTest.delivery_id == d.id)
        ).first()
        if tested is not None:
            raise Refused("delivery_has_test", "delivery", value=d.id, test=tested)
        info = _info(d, m)
        audit(
            session,
            "delete",
            "delivery",
            d.id,
            before=row_dict(d),
            after={"reason": why} if why else None,
        )
        session.delete(d)
        return info


def shift_exists(db: Database, member_code: str, day: date, shift: str) -> bool:
    """True when the member already delivered in that shift (to ask before a duplicate)."""
    with db.read() as session:
        member = member_by_code(session, member_code)
        found = session.scalars(
            select(Delivery.id).where(
                Delivery.member_id == member.id, Delivery.date == day, Delivery.shift == shift
            )
        ).first()
        return found is not None


def page_deliveries(
    db: Database, before_id: int | None = None, limit: int = 500, member_code: str | None = None
) -> list[DeliveryInfo]:
    """Deliveries newest first (by entry), a page at a time: keyset paging on the primary key,
    so the thousandth page costs what the first one does."""
    query = (
        select(*INFO_COLUMNS)
        .join(Member, Member.id == Delivery.member_id)
        .order_by(Delivery.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        query = query.where(Delivery.id < before_id)
    with db.read() as session:
        if member_code:
            query = query.where(Delivery.member_id == member_by_code(session, member_code).id)
        return _infos(session, query)


def count_deliveries(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Delivery)) or 0)


@dataclass(frozen=True, slots=True)
class DeliveryFilter:
    """What the list of every delivery shows: up to a date (the jump), from a date, one
    member, one shift, accepted or rejected only. Empty fields do not filter."""

    until: date | None = None
    since: date | None = None
    member_code: str | None = None
    shift: str | None = None
    state: str | None = None  # "accepted" or "rejected"


Position = tuple[date, str, int]  # (date, shift, id) of the last row shown


def _filtered(session: Session, query: Any, f: DeliveryFilter) -> Any:
    if f.until is not None:
        query = query.where(Delivery.date <= f.until)
    if f.since is not None:
        query = query.where(Delivery.date >= f.since)
    if f.member_code:
        query = query.where(Delivery.member_id == member_by_code(session, f.member_code).id)
    if f.shift:
        query = query.where(Delivery.shift == v.choice(f.shift, v.SHIFTS, "shift"))
    if f.state:
        state = v.choice(f.state, ("accepted", "rejected"), "status")
        query = query.where(Delivery.rejected.is_(state == "rejected"))
    return query


def browse_deliveries(
    db: Database, f: DeliveryFilter, after: Position | None = None, limit: int = 500
) -> list[DeliveryInfo]:
    """Deliveries newest first by date, shift and entry, a page at a time after `after`:
    keyset paging on the (date, shift) index, so jumping to any date of a million rows
    costs what the first page does."""
    query = (
        select(*INFO_COLUMNS)
        .join(Member, Member.id == Delivery.member_id)
        .order_by(Delivery.date.desc(), Delivery.shift.desc(), Delivery.id.desc())
        .limit(limit)
    )
    if after is not None:
        query = query.where(tuple_(Delivery.date, Delivery.shift, Delivery.id) < tuple_(*after))
    with db.read() as session:
        return _infos(session, _filtered(session, query, f))


def count_filtered(db: Database, f: DeliveryFilter) -> int:
    with db.read() as session:
        query = _filtered(session, select(func.count()).select_from(Delivery), f)
        return int(session.scalar(query) or 0)


@requires(Permission.COLLECT)
def update_delivery(
    db: Database,
    delivery_id: int,
    quantity: object,
    reject_reason: str | None = None,
    temperature: object = None,
) -> DeliveryInfo:
    """Correct a delivery of an open period (quantity, rejection, temperature); audited with
    the values before and after. Deliveries of a closed period are corrected by adjustments."""
    clean_qty = v.quantity(quantity)
    reason = v.optional_text(reject_reason)
    temp = v.measure("temperature", temperature) if temperature not in (None, "") else None
    assert temp is None or isinstance(temp, Decimal)
    _collector_may_change(db, delivery_id)
    with db.write() as session:
        d, m = _load(session, delivery_id)
        guard_date(session, d.date)
        before = row_dict(d)
        d.quantity = clean_qty
        d.rejected = reason is not None
        d.reject_reason = reason
        d.temperature = temp
        session.flush()
        audit(session, "update", "delivery", d.id, before=before, after=row_dict(d))
        return _info(d, m)

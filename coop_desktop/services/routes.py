"""Route mode: a collection centre's members in route order, with their last deliveries, so
the treasurer only types quantities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from coop_desktop.services.dto import MemberInfo
from coop_desktop.services.members import info
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Centre, Delivery, Member

LOOKBACK_DAYS = 10


@dataclass(frozen=True, slots=True)
class CentreInfo:
    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class RouteStop:
    member: MemberInfo
    last: tuple[Decimal, ...]  # the last three quantities, newest first
    this_shift: Decimal | None  # already delivered in the chosen shift


def centres(db: Database) -> list[CentreInfo]:
    with db.read() as session:
        return [
            CentreInfo(c.id, c.code, c.name)
            for c in session.scalars(select(Centre).order_by(Centre.code))
        ]


def route(db: Database, centre_id: int, day: date, shift: str) -> list[RouteStop]:
    """Active members of the centre in route order (then code)."""
    with db.read() as session:
        members = session.scalars(
            select(Member)
            .where(Member.centre_id == centre_id, Member.status == "active")
            .order_by(Member.route_order, Member.code)
        ).all()
        ids = [m.id for m in members]
        recent: dict[int, list[Delivery]] = {i: [] for i in ids}
        if ids:
            for d in session.scalars(
                select(Delivery)
                .where(
                    Delivery.member_id.in_(ids),
                    Delivery.date >= day - timedelta(days=LOOKBACK_DAYS),
                    Delivery.date <= day,
                )
                .order_by(Delivery.date.desc(), Delivery.shift.desc(), Delivery.id.desc())
            ):
                recent[d.member_id].append(d)
        stops = []
        for m in members:
            mine = recent[m.id]
            now = next((d.quantity for d in mine if d.date == day and d.shift == shift), None)
            earlier = [d.quantity for d in mine if not (d.date == day and d.shift == shift)]
            stops.append(RouteStop(info(m), tuple(earlier[:3]), now))
        return stops

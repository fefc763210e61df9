"""Route mode: a collection centre's members in route order, with their last deliveries, so
the treasurer only types quantities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from coop_desktop.services.dto import MemberInfo
from coop_desktop.services.members import infos
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
    rejected: bool = False  # that delivery was rejected


def centres(db: Database) -> list[CentreInfo]:
    with db.read() as session:
        return [
            CentreInfo(c.id, c.code, c.name)
            for c in session.scalars(select(Centre).order_by(Centre.code))
        ]


def route(
    db: Database, centre_id: int, day: date, shift: str, *, history: bool = True
) -> list[RouteStop]:
    """Active members of the centre in route order (then code), with what each delivered
    in this shift and (with `history`) its last three quantities before it. Without the
    history this is two indexed reads, quick on a million deliveries: a screen shows the
    route at once and fills the history from `recent_quantities` in the background."""
    members_on_route = select(Member.id).where(Member.centre_id == centre_id).scalar_subquery()
    with db.read() as session:
        members = infos(
            session,
            Member.centre_id == centre_id,
            Member.status == "active",
            order=(Member.route_order, Member.code),
        )
        this_shift: dict[int, tuple[Decimal, bool]] = {}
        if members:
            for member_id, quantity, rejected in session.execute(
                select(Delivery.member_id, Delivery.quantity, Delivery.rejected)
                .where(
                    Delivery.member_id.in_(members_on_route),
                    Delivery.date == day,
                    Delivery.shift == shift,
                )
                .order_by(Delivery.id)
            ):
                this_shift.setdefault(member_id, (quantity, bool(rejected)))
    recent = recent_quantities(db, centre_id, day, shift) if history and members else {}
    return [
        RouteStop(m, recent.get(m.id, ()), *this_shift.get(m.id, (None, False))) for m in members
    ]


def recent_quantities(
    db: Database, centre_id: int, day: date, shift: str
) -> dict[int, tuple[Decimal, ...]]:
    """Each route member's last three quantities before this shift (newest first), from the
    last LOOKBACK_DAYS days: read by member (the member-and-date index)."""
    members_on_route = select(Member.id).where(Member.centre_id == centre_id).scalar_subquery()
    recent: dict[int, list[Decimal]] = {}
    with db.read() as session:
        rows = session.execute(
            select(Delivery.member_id, Delivery.date, Delivery.shift, Delivery.quantity)
            .where(
                Delivery.member_id.in_(members_on_route),
                Delivery.date >= day - timedelta(days=LOOKBACK_DAYS),
                Delivery.date <= day,
            )
            .order_by(
                Delivery.member_id, Delivery.date.desc(), Delivery.shift.desc(), Delivery.id.desc()
            )
        )
        for member_id, on, its_shift, quantity in rows:
            if on == day and its_shift == shift:
                continue
            mine = recent.setdefault(member_id, [])
            if len(mine) < 3:
                mine.append(quantity)
    return {member_id: tuple(q) for member_id, q in recent.items()}

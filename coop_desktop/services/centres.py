"""Collection centres and their routes: create and rename a centre, and put members along its
route in the order the collector visits them (Acopio → Por ruta lists them in that order)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from coop_desktop.core.errors import NotFound, ValidationError
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission
from coop_desktop.services.authz import requires
from coop_desktop.services.context import audit, row_dict
from coop_desktop.services.dto import MemberInfo
from coop_desktop.services.member_rows import member_by_code
from coop_desktop.services.members import info
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Centre, Member


@dataclass(frozen=True, slots=True)
class CentreSummary:
    id: int
    code: str
    name: str
    district: str | None
    community: str | None
    members: int  # members on its route


def _clean_code(code: str) -> str:
    return v.required_text(code, "code", 20).upper()


def _centre(session: Session, code: str) -> Centre:
    found = session.scalars(
        select(Centre).where(func.upper(Centre.code) == code.strip().upper())
    ).first()
    if found is None:
        raise NotFound("unknown_centre", "centre", value=code)
    return found


@requires(Permission.MEMBERS)
def add_centre(
    db: Database,
    code: str,
    name: str,
    district: str | None = None,
    community: str | None = None,
) -> CentreSummary:
    """A new collection centre (code such as C01, and the name people use)."""
    clean = _clean_code(code)
    title = v.required_text(name, "name", 200)
    with db.write() as session:
        if session.scalars(select(Centre.id).where(func.upper(Centre.code) == clean)).first():
            raise ValidationError("duplicate_centre", "code", value=clean)
        centre = Centre(
            code=clean,
            name=title,
            district=v.optional_text(district),
            community=v.optional_text(community),
        )
        session.add(centre)
        session.flush()
        audit(session, "create", "centre", centre.id, after=row_dict(centre))
        return CentreSummary(centre.id, clean, title, centre.district, centre.community, 0)


@requires(Permission.MEMBERS)
def rename_centre(db: Database, code: str, name: str) -> CentreSummary:
    title = v.required_text(name, "name", 200)
    with db.write() as session:
        centre = _centre(session, code)
        before = row_dict(centre)
        centre.name = title
        session.flush()
        audit(session, "update", "centre", centre.id, before=before, after=row_dict(centre))
        count = session.scalar(select(func.count()).where(Member.centre_id == centre.id)) or 0
        return CentreSummary(
            centre.id, centre.code, title, centre.district, centre.community, int(count)
        )


def list_centres(db: Database) -> list[CentreSummary]:
    """Every centre by code, with how many members its route has."""
    with db.read() as session:
        counts = dict(
            session.execute(
                select(Member.centre_id, func.count())
                .where(Member.centre_id.is_not(None))
                .group_by(Member.centre_id)
            ).all()
        )
        return [
            CentreSummary(c.id, c.code, c.name, c.district, c.community, int(counts.get(c.id, 0)))
            for c in session.scalars(select(Centre).order_by(Centre.code))
        ]


def route_members(db: Database, code: str) -> list[MemberInfo]:
    """The members on a centre's route, in route order (then code)."""
    with db.read() as session:
        centre = _centre(session, code)
        return [
            info(m)
            for m in session.scalars(
                select(Member)
                .where(Member.centre_id == centre.id)
                .order_by(Member.route_order, Member.code)
            )
        ]


@requires(Permission.MEMBERS)
def set_route(db: Database, code: str, member_codes: Sequence[str]) -> list[MemberInfo]:
    """Make the centre's route exactly `member_codes`, in that order (1, 2, 3…). A member
    on another centre's route moves to this one; members left out leave this route."""
    with db.write() as session:
        centre = _centre(session, code)
        members = [member_by_code(session, c) for c in member_codes]
        seen: set[int] = set()
        for m in members:
            if m.id in seen:
                raise ValidationError("member_twice_on_route", "member", value=m.code)
            seen.add(m.id)
        before = [
            (m.code, m.route_order)
            for m in session.scalars(
                select(Member).where(Member.centre_id == centre.id).order_by(Member.route_order)
            )
        ]
        session.execute(
            update(Member)
            .where(Member.centre_id == centre.id, Member.id.not_in(seen or {0}))
            .values(centre_id=None, route_order=None)
        )
        for order, m in enumerate(members, start=1):
            m.centre_id = centre.id
            m.route_order = order
        session.flush()
        audit(
            session,
            "route",
            "centre",
            centre.id,
            before={"route": before},
            after={"route": [m.code for m in members]},
        )
        return [info(m) for m in members]

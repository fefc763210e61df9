"""Members: create, edit, retire (never delete one with history), list and search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from coop_desktop.core.errors import NotFound, ValidationError
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.text import fold, member_search_key
from coop_desktop.services.association import load_association
from coop_desktop.services.authz import requires
from coop_desktop.services.context import audit, now, row_dict
from coop_desktop.services.dto import MemberDraft, MemberInfo
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Member

if TYPE_CHECKING:
    from coop_desktop.services.practices import Fact

# MemberInfo's fields are Member's columns of the same names: read as plain rows (no ORM
# objects), a list of 16,000 members comes back in a fraction of the time.
INFO_COLUMNS = tuple(getattr(Member, f.name) for f in fields(MemberInfo))


def infos(
    session: Session, *where: Any, order: tuple[Any, ...] = (Member.code,)
) -> list[MemberInfo]:
    """Members matching `where`, as DTOs read straight from rows."""
    query = select(*INFO_COLUMNS).where(*where).order_by(*order)
    return [MemberInfo(*row) for row in session.execute(query)]


def info(m: Member) -> MemberInfo:
    return MemberInfo(
        m.id,
        m.code,
        m.given_names,
        m.surnames,
        m.dni,
        m.gender,
        m.community,
        m.district,
        m.province,
        m.department,
        m.phone,
        m.payment_method,
        m.account,
        m.joined_on,
        m.status,
        m.herd_size,
        m.centre_id,
        m.route_order,
        m.bank,
        m.wallet,
    )


def clean_draft(draft: MemberDraft) -> MemberDraft:
    """Validate every field of a draft; the first problem raises, naming its field."""
    gender = v.choice(draft.gender, v.GENDERS, "gender") if draft.gender else None
    if draft.herd_size is not None and draft.herd_size < 0:
        raise ValidationError("negative", "herd_size", value=draft.herd_size)
    return replace(
        draft,
        code=v.required_text(draft.code, "code", 20),
        given_names=v.required_text(draft.given_names, "given_names", 120),
        surnames=v.required_text(draft.surnames, "surnames", 120),
        dni=v.dni(draft.dni),
        gender=gender,
        phone=v.phone(draft.phone),
        payment_method=v.choice(draft.payment_method, v.PAYMENT_METHODS, "payment_method"),
        community=v.optional_text(draft.community),
        district=v.optional_text(draft.district),
        province=v.optional_text(draft.province),
        department=v.optional_text(draft.department),
        address=v.optional_text(draft.address),
        account=v.optional_text(draft.account),
        bank=v.optional_text(draft.bank),
        wallet=v.phone(draft.wallet, "wallet"),
    )


def _check_unique(session: Session, draft: MemberDraft, member_id: int | None) -> None:
    same_code = session.scalars(
        select(Member).where(func.lower(Member.code) == draft.code.lower())
    ).first()
    if same_code is not None and same_code.id != member_id:
        raise ValidationError("duplicate_code", "code", value=draft.code)
    if draft.dni:
        same_dni = session.scalars(select(Member).where(Member.dni == draft.dni)).first()
        if same_dni is not None and same_dni.id != member_id:
            raise ValidationError("duplicate_dni", "dni", value=draft.dni, other=same_dni.code)


def existing_identities(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    """Every member's code (by its lower-case form) and DNI, for checking many drafts at
    once by the rule of `_check_unique`: codes compare without case, DNIs exactly."""
    codes: dict[str, str] = {}
    dnis: dict[str, str] = {}
    for code, dni in session.execute(select(Member.code, Member.dni)):
        codes[code.lower()] = code
        if dni:
            dnis[dni] = code
    return codes, dnis


def _apply(m: Member, d: MemberDraft) -> None:
    for name in MemberDraft.__dataclass_fields__:
        setattr(m, name, getattr(d, name))
    m.search_key = member_search_key(d.code, d.given_names, d.surnames, d.dni, d.community)


@requires(Permission.MEMBERS)
def add_member(db: Database, draft: MemberDraft, practices: Sequence[Fact] = ()) -> MemberInfo:
    """A new active member, with the practices the form recorded (in one unit of work)."""
    from coop_desktop.services.practices import record_facts

    clean = clean_draft(draft)
    with db.write() as session:
        _check_unique(session, clean, None)
        m = insert_member(session, clean, load_association(session).department)
        record_facts(session, m, practices)
        return info(m)


def insert_member(
    session: Session, clean: MemberDraft, department: str | None, status: str = "active"
) -> Member:
    """Write a validated, unique draft as a new member (active, unless an imported row says
    otherwise), audited (typed or imported)."""
    m = Member(created_at=now(), status=status)
    _apply(m, clean)
    if m.department is None:
        m.department = department
    session.add(m)
    session.flush()
    audit(session, "create", "member", m.id, after=row_dict(m))
    return m


@requires(Permission.MEMBERS)
def update_member(
    db: Database, member_id: int, draft: MemberDraft, practices: Sequence[Fact] = ()
) -> MemberInfo:
    """Save the member's fields and append the practice facts the form recorded (adopted or
    left on a day), in one unit of work."""
    from coop_desktop.services.practices import record_facts

    clean = clean_draft(draft)
    with db.write() as session:
        m = session.get(Member, member_id)
        if m is None:
            raise NotFound("unknown_member", value=member_id)
        _check_unique(session, clean, member_id)
        before = row_dict(m)
        _apply(m, clean)
        session.flush()
        audit(session, "update", "member", m.id, before=before, after=row_dict(m))
        record_facts(session, m, practices)
        return info(m)


@requires(Permission.MEMBERS)
def set_status(db: Database, member_id: int, status: str) -> MemberInfo:
    """Suspend, retire or reactivate: members with history are never deleted."""
    clean = v.choice(status, v.MEMBER_STATUSES, "status")
    with db.write() as session:
        m = session.get(Member, member_id)
        if m is None:
            raise NotFound("unknown_member", value=member_id)
        before = row_dict(m)
        m.status = clean
        session.flush()
        audit(session, "status", "member", m.id, before=before, after=row_dict(m))
        return info(m)


def list_members(
    db: Database,
    search: str = "",
    status: str | None = None,
    district: str | None = None,
    limit: int | None = None,
) -> list[MemberInfo]:
    """Members by code; `search` matches code, names, DNI or community, ignoring accents."""
    query = select(*INFO_COLUMNS).order_by(Member.code)
    for word in fold(search).split():
        query = query.where(Member.search_key.contains(word, autoescape=True))
    if status:
        query = query.where(Member.status == status)
    if district:
        query = query.where(or_(Member.district == district))
    if limit:
        query = query.limit(limit)
    with db.read() as session:
        return [MemberInfo(*row) for row in session.execute(query)]

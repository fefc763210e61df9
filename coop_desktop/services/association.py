"""The association: created once per database, read by every screen and document."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.core.errors import NotFound, Refused, ValidationError
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission
from coop_desktop.services.authz import requires
from coop_desktop.services.context import audit, now, row_dict
from coop_desktop.services.dto import AssociationInfo
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Association


def _info(a: Association) -> AssociationInfo:
    return AssociationInfo(
        a.id,
        a.name,
        a.ruc,
        a.address,
        a.district,
        a.province,
        a.department,
        a.language,
        a.currency,
        a.cycle,
        a.receipt_series,
        a.settlement_series,
        a.ticket_series,
        a.logo is not None,
    )


@requires(Permission.SETTINGS)
def create_association(
    db: Database,
    name: str,
    ruc: str | None = None,
    *,
    address: str | None = None,
    district: str | None = None,
    province: str | None = None,
    department: str | None = "Puno",
    cycle: str = "month",
    language: str = "es",
    receipt_series: str = "R001",
    settlement_series: str = "L001",
    logo: bytes | None = None,
) -> AssociationInfo:
    clean_name = v.required_text(name, "name")
    clean_ruc = v.ruc(ruc)
    clean_cycle = v.choice(cycle, v.CYCLES, "cycle")
    for field, series in (
        ("receipt_series", receipt_series),
        ("settlement_series", settlement_series),
    ):
        if not re.fullmatch(r"[A-Z][A-Z0-9]{3}", series or ""):
            raise ValidationError("bad_series", field, value=series)
    with db.write() as session:
        existing = session.scalars(select(Association)).first()
        if existing is not None:
            raise Refused("association_exists", value=existing.name)
        a = Association(
            name=clean_name,
            ruc=clean_ruc,
            address=v.optional_text(address),
            district=v.optional_text(district),
            province=v.optional_text(province),
            department=v.optional_text(department),
            language=language,
            currency="PEN",
            cycle=clean_cycle,
            receipt_series=receipt_series,
            settlement_series=settlement_series,
            ticket_series="T001",
            logo=logo,
            created_at=now(),
        )
        session.add(a)
        session.flush()
        audit(session, "create", "association", a.id, after=row_dict(a))
        return _info(a)


def load_association(session: Session) -> Association:
    a = session.scalars(select(Association)).first()
    if a is None:
        raise NotFound("no_association")
    return a


def get_association(db: Database) -> AssociationInfo | None:
    with db.read() as session:
        a = session.scalars(select(Association)).first()
        return None if a is None else _info(a)


@requires(Permission.SETTINGS)
def set_ruc(db: Database, ruc: str) -> AssociationInfo:
    """Record (or correct) the association's RUC on an existing database: from then on its
    receipts are liquidaciones de compra. A RUC that fails its check digit is refused."""
    clean = v.ruc(ruc)
    if clean is None:
        raise ValidationError("required", "ruc")
    with db.write() as session:
        a = load_association(session)
        before = row_dict(a)
        a.ruc = clean
        session.flush()
        audit(session, "update", "association", a.id, before=before, after=row_dict(a))
        return _info(a)

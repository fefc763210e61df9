"""Price schemes in the database: import (validated), list, export, and the timeline of the
versions in force by date."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import NotFound, Refused
from coop_desktop.core.resources import resource_path
from coop_desktop.domain.pricing import schema
from coop_desktop.domain.pricing.model import Scheme
from coop_desktop.domain.pricing.period import Timeline
from coop_desktop.domain.roles import Permission
from coop_desktop.language import formatting as fmt
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.date_rule import load_rule
from coop_desktop.services.closeout.locks import lock_months, lock_terms
from coop_desktop.services.context import actor, audit, now
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import PriceScheme, PriceSchemeVersion


@dataclass(frozen=True, slots=True)
class SchemeVersionInfo:
    id: int
    name: str
    title: str
    effective_from: date
    currency: str
    unit: str


def _canonical(data: dict[str, object]) -> str:
    """The stored text: the file's data as JSON with numbers kept exactly as written."""

    def default(value: object) -> str:
        if isinstance(value, Decimal):
            return str(value)
        raise TypeError(type(value).__name__)

    return json.dumps(data, ensure_ascii=False, indent=2, default=default) + "\n"


@requires(Permission.SCHEMES)
def import_scheme(db: Database, text: str, effective: date | None = None) -> SchemeVersionInfo:
    """Validate a scheme file and add it as a version in force from `effective` (default
    today). Every problem is reported at once, and nothing is stored when there is one."""
    parsed, data = schema.loads(text)
    day = effective or clock.today()
    with db.write() as session:
        # The locks in their order (locks.py): the month it takes effect in, then the terms a
        # close and a reopen hold exclusively; then the rule, seeing any close committed.
        lock_months(session, (day,))
        lock_terms(session)
        refuse_in_closed_period(session, day)
        clash = session.execute(
            select(PriceScheme.name)
            .join(PriceSchemeVersion)
            .where(PriceSchemeVersion.effective_from == day)
        ).first()
        if clash is not None:
            raise Refused("scheme_version_exists", "effective", value=fmt.day(day), other=clash[0])
        scheme = session.scalars(select(PriceScheme).where(PriceScheme.name == parsed.name)).first()
        if scheme is None:
            scheme = PriceScheme(name=parsed.name, description=parsed.title)
            session.add(scheme)
            session.flush()
        version = PriceSchemeVersion(
            scheme_id=scheme.id,
            effective_from=day,
            definition=_canonical(data),
            created_by=actor(),
            created_at=now(),
        )
        session.add(version)
        session.flush()
        audit(
            session,
            "create",
            "price_scheme_version",
            version.id,
            after={
                "name": parsed.name,
                "scheme_id": scheme.id,
                "effective_from": day.isoformat(),
                "definition": data and _canonical(data),
            },
        )
        return SchemeVersionInfo(
            version.id, parsed.name, parsed.title, day, parsed.currency, parsed.unit
        )


def refuse_in_closed_period(session: Session, day: date) -> None:
    """A version in force from `day` would change what a closed period ending on or after
    `day` pays (the version in force on a date is the latest one taking effect by then):
    refused, naming the period (a database trigger refuses it too)."""
    rule = load_rule(session)
    last = rule.last
    if last is not None and day <= last.end:
        raise Refused(
            "scheme_in_closed_period",
            "effective",
            value=day.strftime("%d/%m/%Y"),
            period=last.code,
            after=(last.end + timedelta(days=1)).strftime("%d/%m/%Y"),
        )


def list_schemes(db: Database) -> list[SchemeVersionInfo]:
    with db.read() as session:
        rows = session.execute(
            select(PriceScheme, PriceSchemeVersion)
            .join(PriceSchemeVersion)
            .order_by(PriceSchemeVersion.effective_from)
        ).all()
        result = []
        for scheme, version in rows:
            parsed = schema.loads(version.definition)[0]
            result.append(
                SchemeVersionInfo(
                    version.id,
                    scheme.name,
                    parsed.title,
                    version.effective_from,
                    parsed.currency,
                    parsed.unit,
                )
            )
        return result


def export_scheme(db: Database, name: str, effective: date | None = None) -> str:
    """The definition of a scheme's latest version (or the one in force from `effective`)."""
    with db.read() as session:
        query = (
            select(PriceSchemeVersion)
            .join(PriceScheme)
            .where(PriceScheme.name == name)
            .order_by(PriceSchemeVersion.effective_from.desc())
        )
        if effective is not None:
            query = query.where(PriceSchemeVersion.effective_from == effective)
        version = session.scalars(query).first()
        if version is None:
            raise NotFound("unknown_scheme", "scheme", value=name)
        return version.definition


def scheme_definitions(session: Session) -> list[tuple[date, str]]:
    """Every stored version as (effective date, scheme JSON)."""
    rows = session.execute(
        select(PriceSchemeVersion.effective_from, PriceSchemeVersion.definition)
    ).all()
    return [(day, text) for day, text in rows]


def load_timeline(session: Session) -> Timeline:
    return Timeline.from_definitions(scheme_definitions(session))


def scheme_in_force(db: Database, day: date) -> Scheme:
    with db.read() as session:
        return load_timeline(session).at(day).scheme


def version_definition(db: Database, version_id: int) -> str:
    """The stored definition of one scheme version (as imported)."""
    with db.read() as session:
        version = session.get(PriceSchemeVersion, version_id)
        if version is None:
            raise NotFound("unknown_scheme", "scheme", value=str(version_id))
        return version.definition


def preset_names() -> list[str]:
    """The bundled presets (resources/schemes), to start a scheme from."""
    return sorted(p.stem for p in resource_path("schemes").glob("*.json"))


def preset_text(name: str) -> str:
    if name not in preset_names():
        raise NotFound("unknown_scheme", "scheme", value=name)
    return resource_path(f"schemes/{name}.json").read_text("utf-8")

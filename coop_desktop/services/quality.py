"""Quality tests: lab results per delivery or per member sample date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import NotFound, ValidationError
from coop_desktop.domain import validation as v
from coop_desktop.domain.measures import MEASURES, total_solids
from coop_desktop.domain.roles import Permission
from coop_desktop.services.authz import require_collect_date, requires
from coop_desktop.services.closeout.date_rule import guard_date
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.services.dto import QualityTestInfo
from coop_desktop.services.member_rows import member_by_code
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Delivery, QualityTest


def clean_measures(raw: dict[str, object]) -> dict[str, Decimal | bool]:
    if not raw:
        raise ValidationError("no_measures", "measure")
    return {key: v.measure(key, value) for key, value in raw.items()}


def with_total_solids(
    clean: dict[str, Decimal | bool], needed: bool
) -> tuple[dict[str, Decimal | bool], bool]:
    """The measures with total solids derived from fat + SNF when the scheme in force needs
    ST and the reading gives fat and SNF but no ST (and whether it was derived: the test
    records it). The sum is checked like a typed ST."""
    derived = total_solids(clean) if needed else None
    if derived is None:
        return clean, False
    return {**clean, "st": v.measure("st", derived)}, True


def scheme_needs(session: Session, day: date, key: str) -> bool:
    """Does the scheme in force on `day` price (or reject by) the measure `key`?"""
    from coop_desktop.core.errors import Refused
    from coop_desktop.services.schemes import load_timeline

    try:
        pricer = load_timeline(session).at(day)
    except Refused:  # no scheme in force that day
        return False
    return key in pricer.needed or any(r.measure == key for r in pricer.scheme.rejections)


@requires(Permission.COLLECT)
def add_test(
    db: Database,
    member_code: str,
    sample_date: date | str,
    measures: dict[str, object],
    *,
    delivery_id: int | None = None,
    lab: str | None = None,
    today: date | None = None,
) -> QualityTestInfo:
    clean = clean_measures(measures)
    day = v.not_future(v.iso_date(sample_date), today or clock.today())
    require_collect_date(db, day)
    with db.write() as session:
        guard_date(session, day)
        clean, derived = with_total_solids(clean, scheme_needs(session, day, "st"))
        member = member_by_code(session, member_code)
        if delivery_id is not None:
            delivery = session.get(Delivery, delivery_id)
            if delivery is None:
                raise NotFound("unknown_delivery", "delivery", value=delivery_id)
            if delivery.member_id != member.id:
                raise ValidationError(
                    "delivery_member_mismatch", "delivery", value=delivery_id, other=member.code
                )
        t = QualityTest(
            member_id=member.id,
            sample_date=day,
            delivery_id=delivery_id,
            lab=v.optional_text(lab),
            st_derived=derived,
            recorded_by=actor(),
            recorded_at=now(),
        )
        for key, value in clean.items():
            setattr(t, key, value)
        session.add(t)
        session.flush()
        audit(session, "create", "quality_test", t.id, after=row_dict(t))
        return QualityTestInfo(
            t.id,
            member.id,
            member.code,
            day,
            delivery_id,
            {k: getattr(t, k) for k in MEASURES if getattr(t, k) is not None},
            t.lab,
        )


def list_tests(db: Database, day: date) -> list[QualityTestInfo]:
    """The quality tests of a sample date, by member code."""
    from sqlalchemy import select

    from coop_desktop.storage.models import Member

    with db.read() as session:
        rows = session.execute(
            select(QualityTest, Member)
            .join(Member)
            .where(QualityTest.sample_date == day)
            .order_by(Member.code, QualityTest.id)
        ).all()
        return [
            QualityTestInfo(
                t.id,
                m.id,
                m.code,
                t.sample_date,
                t.delivery_id,
                {k: getattr(t, k) for k in MEASURES if getattr(t, k) is not None},
                t.lab,
            )
            for t, m in rows
        ]


def member_tests(db: Database, member_code: str, limit: int = 60) -> list[QualityTestInfo]:
    """A member's latest quality tests, newest first (the quality trend)."""
    from sqlalchemy import select

    with db.read() as session:
        member = member_by_code(session, member_code)
        tests = session.scalars(
            select(QualityTest)
            .where(QualityTest.member_id == member.id)
            .order_by(QualityTest.sample_date.desc(), QualityTest.id.desc())
            .limit(limit)
        ).all()
        return [
            QualityTestInfo(
                t.id,
                member.id,
                member.code,
                t.sample_date,
                t.delivery_id,
                {k: getattr(t, k) for k in MEASURES if getattr(t, k) is not None},
                t.lab,
            )
            for t in tests
        ]

"""Tank readings: the stock in a centre's cooling tank (or cans) at opening and closing of a
day, and their annulment (a reading typed wrong stays, marked ANULADO, left out of the
balance)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from coop_desktop.core import clock
from coop_desktop.core.errors import NotFound, ValidationError
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission
from coop_desktop.services.authz import require_collect_date, requires
from coop_desktop.services.closeout.date_rule import guard_date
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.services.sales.voids import void_row, voided
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Centre
from coop_desktop.storage.sales_models import TankReading

MOMENTS = ("opening", "closing")


@dataclass(frozen=True, slots=True)
class TankInfo:
    id: int
    centre: str
    day: date
    moment: str  # opening | closing
    litres: Decimal
    void: bool


@requires(Permission.DISPATCH)
def record_tank(
    db: Database, centre: str, litres: object, day: date | str, moment: str
) -> tuple[int, Decimal]:
    """The stock in a centre's tank at opening or closing of a day (a later reading of the
    same moment supersedes an earlier one; both stay)."""
    from coop_desktop.services.centres import _centre

    amount = v.decimal(litres, "litres", 3)
    if amount < 0:
        raise ValidationError("negative", "litres", value=litres)
    when = v.choice(moment, MOMENTS, "when")
    clean_day = v.not_future(v.iso_date(day), clock.today())
    require_collect_date(db, clean_day)
    with db.write() as session:
        guard_date(session, clean_day)
        found = _centre(session, centre)
        row = TankReading(
            centre_id=found.id,
            date=clean_day,
            moment=when,
            litres=amount,
            recorded_by=actor(),
            recorded_at=now(),
        )
        session.add(row)
        session.flush()
        audit(session, "create", "tank_reading", row.id, after=row_dict(row))
        return row.id, amount


@requires(Permission.DISPATCH)
def void_tank(db: Database, reading_id: int, reason: str) -> TankInfo:
    """Annul a tank reading typed wrong: an annulment entry dated like it (refused inside a
    closed period), audited; the balance leaves it out (an earlier reading of the same
    moment, if any, counts again)."""
    why = v.required_text(reason, "reason", 200)
    with db.write() as session:
        row = session.get(TankReading, reading_id)
        if row is None:
            raise NotFound("unknown_tank_reading", "reading", value=str(reading_id))
        void_row(session, "tank", row.id, row.date, why)
        centre = session.get(Centre, row.centre_id)
        code = centre.code if centre is not None else str(row.centre_id)
        return TankInfo(row.id, code, row.date, row.moment, row.litres, True)


def list_tanks(db: Database, start: date, end: date, centre: str | None = None) -> list[TankInfo]:
    """The readings of [start, end] (or of one centre), annulled ones marked."""
    with db.read() as session:
        codes = {c.id: c.code for c in session.scalars(select(Centre)).all()}
        query = select(TankReading).where(TankReading.date >= start, TankReading.date <= end)
        if centre:
            from coop_desktop.services.centres import _centre

            query = query.where(TankReading.centre_id == _centre(session, centre).id)
        rows = session.scalars(
            query.order_by(TankReading.date, TankReading.centre_id, TankReading.id)
        ).all()
        gone = voided(session, "tank", [r.id for r in rows])
        return [
            TankInfo(r.id, codes.get(r.centre_id, ""), r.date, r.moment, r.litres, r.id in gone)
            for r in rows
        ]

"""The daily milk balance per centre (and its totals), tank readings, and the threshold that
turns a day amber (an association setting, 1.0 % unless set)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import ValidationError
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.sales.balance import (
    DEFAULT_THRESHOLD,
    BalanceRow,
    DayFlows,
    balance,
    carried,
)
from coop_desktop.services.association import load_association
from coop_desktop.services.authz import require_collect_date, requires
from coop_desktop.services.closeout.date_rule import guard_date
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.services.sales import balance_data
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Centre, Setting
from coop_desktop.storage.sales_models import TankReading

THRESHOLD_SETTING = "sales.shrinkage_threshold_pct"
NO_CENTRE = "—"


@dataclass(frozen=True, slots=True)
class BalanceReport:
    start: date
    end: date
    by: str  # day | centre
    threshold: Decimal
    rows: tuple[BalanceRow, ...]
    total: BalanceRow

    @property
    def amber_days(self) -> int:
        return sum(1 for r in self.rows if r.amber and r.day is not None)


def check_range(start: date, end: date) -> None:
    if end < start:
        raise ValidationError(
            "sales_range_reversed", "to", value=end.isoformat(), start=start.isoformat()
        )


def stored_threshold(session: Session) -> Decimal:
    row = session.get(Setting, THRESHOLD_SETTING)
    return Decimal(row.value) if row is not None else DEFAULT_THRESHOLD


def threshold(db: Database) -> Decimal:
    with db.read() as session:
        return stored_threshold(session)


@requires(Permission.SALES)
def set_threshold(db: Database, value: object) -> Decimal:
    pct = v.decimal(value, "threshold", 2)
    if pct <= 0 or pct > 100:
        raise ValidationError("out_of_range", "threshold", value=value, minimum=0.01, maximum=100)
    with db.write() as session:
        row = session.get(Setting, THRESHOLD_SETTING)
        before = None if row is None else {"value": row.value}
        if row is None:
            session.add(Setting(key=THRESHOLD_SETTING, value=format(pct, "f")))
        else:
            row.value = format(pct, "f")
        audit(session, "update", "setting", THRESHOLD_SETTING, before, {"value": str(pct)})
    return pct


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
    when = v.choice(moment, ("opening", "closing"), "when")
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


def centre_flows(
    session: Session, start: date, end: date, centre: str | None = None
) -> dict[str, list[DayFlows]]:
    """Each centre's days with any movement, in date order, with the stock carried: a
    day's opening is its opening reading, else the previous day's closing reading; its
    closing is its closing reading, else the next day's opening reading; else empty."""
    from coop_desktop.services.centres import _centre

    check_range(start, end)
    codes = {c.id: c.code for c in session.scalars(select(Centre)).all()}
    centre_id = _centre(session, centre).id if centre else None
    cycle = load_association(session).cycle
    reading = balance_data.read(session.connection(), start, end, cycle, centre_id)
    by_centre: dict[int | None, dict[date, balance_data.Flow]] = defaultdict(dict)
    for (cid, day), flow in reading.flows.items():
        by_centre[cid][day] = flow
    result: dict[str, list[DayFlows]] = {}
    for cid, days in by_centre.items():
        code = NO_CENTRE if cid is None else codes.get(cid, str(cid))
        rows = []
        for day in sorted(days):
            f = days[day]
            before = days.get(day - timedelta(days=1))
            after = days.get(day + timedelta(days=1))
            opening = f.opening
            if opening is None:
                opening = before.closing if before is not None else None
                if opening is None and day == start:
                    opening = reading.last_closing.get(cid)
            closing = f.closing
            if closing is None and after is not None:
                closing = after.opening
            rows.append(
                DayFlows(
                    day,
                    code,
                    opening_l=opening if opening is not None else Decimal("0.000"),
                    accepted_l=f.accepted_l,
                    dispatched_l=f.dispatched_l,
                    local_sales_l=f.local_l,
                    closing_l=closing if closing is not None else Decimal("0.000"),
                    received_sent_l=f.sent_l,
                    received_l=f.received_l,
                    fat_in_kg=f.fat_in,
                    fat_out_kg=f.fat_out,
                    solids_in_kg=f.solids_in,
                    solids_out_kg=f.solids_out,
                )
            )
        result[code] = rows
    return dict(sorted(result.items()))


def balance_report(
    db: Database, start: date, end: date, *, centre: str | None = None, by: str = "day"
) -> BalanceReport:
    grouping = v.choice(by, ("day", "centre"), "by")
    with db.read() as session:
        limit = stored_threshold(session)
        flows = centre_flows(session, start, end, centre)
    return report_from(flows, start, end, grouping, limit)


def report_from(
    flows: dict[str, list[DayFlows]], start: date, end: date, by: str, limit: Decimal
) -> BalanceReport:
    per_centre = {code: carried(days) for code, days in flows.items() if days}
    if by == "day":
        rows = sorted(
            (balance(f, limit) for days in flows.values() for f in days),
            key=lambda r: (r.day, r.centre),
        )
    else:
        rows = [balance(f, limit, total=True) for f in per_centre.values()]
    summed = DayFlows(start, "")
    for f in per_centre.values():
        summed = summed + f
    total = balance(summed, limit, total=True)
    return BalanceReport(start, end, by, limit, tuple(rows), total)

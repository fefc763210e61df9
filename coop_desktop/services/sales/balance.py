"""The daily milk balance per centre (and its totals), tank readings, and the threshold that
turns a day amber (an association setting, 1.0 % unless set)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.numbers import ZERO, D
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.sales.balance import (
    DEFAULT_THRESHOLD,
    ZERO_L,
    BalanceRow,
    DayFlows,
    balance,
    carried,
    stock_kg,
)
from coop_desktop.services.association import load_association
from coop_desktop.services.authz import requires
from coop_desktop.services.context import audit
from coop_desktop.services.dto import DeliveryInfo
from coop_desktop.services.sales import balance_data
from coop_desktop.services.sales.dispatch_list import DispatchInfo, list_dispatches
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Centre, Delivery, Member, Setting

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
    return D(row.value) if row is not None else DEFAULT_THRESHOLD


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


def centre_flows(
    session: Session,
    start: date,
    end: date,
    centre: str | None = None,
    *,
    litres_only: bool = False,
) -> dict[str, list[DayFlows]]:
    """Each centre's days with any movement, in date order, with the stock carried: a
    day's opening is its opening reading, else the previous day's closing reading; its
    closing is its closing reading, else the next day's opening reading; else empty. The
    stock's fat and total solids are valued at the day's intake (else the last earlier day's
    of the range with tested intake). `litres_only`: the margin's and the indicators' reading,
    whose open days' fat and solids stay at zero."""
    from coop_desktop.services.centres import _centre

    check_range(start, end)
    codes = {c.id: c.code for c in session.scalars(select(Centre)).all()}
    centre_id = _centre(session, centre).id if centre else None
    cycle = load_association(session).cycle
    reading = balance_data.read(
        session.connection(), start, end, cycle, centre_id, litres_only=litres_only
    )
    by_centre: dict[int | None, dict[date, balance_data.Flow]] = defaultdict(dict)
    for (cid, day), flow in reading.flows.items():
        by_centre[cid][day] = flow
    result: dict[str, list[DayFlows]] = {}
    for cid, days in by_centre.items():
        code = NO_CENTRE if cid is None else codes.get(cid, str(cid))
        rows = []
        fat_share = solids_share = (ZERO, ZERO)  # (kg of the component, kg of milk)
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
            if f.fat_base:
                fat_share = (f.fat_in, f.fat_base)
            if f.solids_base:
                solids_share = (f.solids_in, f.solids_base)
            opening_l = opening if opening is not None else ZERO_L
            closing_l = closing if closing is not None else ZERO_L
            rows.append(
                DayFlows(
                    day,
                    code,
                    opening_l=opening_l,
                    accepted_l=f.accepted_l,
                    dispatched_l=f.dispatched_l,
                    local_sales_l=f.local_l,
                    closing_l=closing_l,
                    received_sent_l=f.sent_l,
                    received_l=f.received_l,
                    fat_in_kg=f.fat_in,
                    fat_out_kg=f.fat_out,
                    solids_in_kg=f.solids_in,
                    solids_out_kg=f.solids_out,
                    opening_fat_kg=stock_kg(opening_l, *fat_share),
                    closing_fat_kg=stock_kg(closing_l, *fat_share),
                    opening_solids_kg=stock_kg(opening_l, *solids_share),
                    closing_solids_kg=stock_kg(closing_l, *solids_share),
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


def centre_day(
    db: Database, day: date, centre: str
) -> tuple[list[DeliveryInfo], list[DispatchInfo]]:
    """One centre's day as its balance counts it: the deliveries (by the delivery's own centre,
    else its member's; `NO_CENTRE`: neither has one) and the dispatches that left it."""
    from coop_desktop.services.centres import _centre
    from coop_desktop.services.deliveries import INFO_COLUMNS, _infos

    with db.read() as session:
        where = func.coalesce(Delivery.centre_id, Member.centre_id)
        centre_id = None if centre == NO_CENTRE else _centre(session, centre).id
        query = (
            select(*INFO_COLUMNS)
            .join(Member, Member.id == Delivery.member_id)
            .where(
                Delivery.date == day, where.is_(None) if centre_id is None else where == centre_id
            )
            .order_by(Delivery.shift, Member.code, Delivery.id)
        )
        deliveries = _infos(session, query)
    shipped = list_dispatches(db, day, day, centre=None if centre_id is None else centre)
    if centre_id is None:
        shipped = [d for d in shipped if d.centre is None]
    return deliveries, shipped

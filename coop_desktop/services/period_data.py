"""Read a period's deliveries, members and quality samples as plain domain values, one
`DeliveryIn` per delivery (the what-if and the statements price deliveries one by one; the
closeout reads the same rows as tuples, in `close_data`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection

from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.domain.pricing.basis import MemberQuality
from coop_desktop.domain.pricing.period import DeliveryIn
from coop_desktop.services import close_data
from coop_desktop.services.close_data import MemberInfoRow, to_date
from coop_desktop.storage.bulk import fetch_raw

_MILLI = Decimal("0.001")


@dataclass(frozen=True, slots=True)
class PeriodData:
    span: PeriodSpan
    members: dict[int, MemberInfoRow]
    deliveries: dict[int, list[DeliveryIn]]
    quality: dict[int, MemberQuality]


def load_period(conn: Connection, span: PeriodSpan) -> PeriodData:
    start, end = close_data.date_param(conn, span.start), close_data.date_param(conn, span.end)
    deliveries: dict[int, list[DeliveryIn]] = defaultdict(list)
    for row in fetch_raw(
        conn,
        (
            "SELECT id, member_id, date, shift, quantity, unit, rejected, reject_reason, cooled, "
            "temperature, density, alcohol_positive FROM delivery "
            "WHERE date >= ? AND date <= ? ORDER BY member_id, date, shift, id"
        ),
        (start, end),
    ):
        own: dict[str, Decimal | bool] = {}
        if row[9] is not None:
            own["temperature"] = Decimal(row[9]).scaleb(-1)
        if row[10] is not None:
            own["density"] = Decimal(row[10]).scaleb(-4)
        if row[11] is not None:
            own["alcohol"] = bool(row[11])
        deliveries[row[1]].append(
            DeliveryIn(
                row[0],
                row[1],
                to_date(row[2]),
                row[3],
                Decimal(row[4]) * _MILLI,
                row[5],
                bool(row[6]),
                row[7],
                bool(row[8]),
                own,
            )
        )
    wanted = set(deliveries)
    members = {i: m for i, m in close_data.members(conn).items() if i in wanted}
    return PeriodData(span, members, dict(deliveries), close_data.samples(conn, span, wanted))

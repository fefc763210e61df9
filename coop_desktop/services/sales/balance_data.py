"""What the daily milk balance reads, per centre and day, with plain SQL aggregates.

Accepted deliveries are summed per centre, day, unit and density (litres exact; kg turned
into litres by the density, else 1.030, per group). Their fat and total solids come from the
delivery's own test, else the member's samples of the period (their mean), and kg of milk
from litres by the measured density (the delivery's, its test's, the sample's) else 1.030:
summed in integer units by the database and rounded to the gram once per centre and day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, text

from coop_desktop.domain.periods import period_of
from coop_desktop.domain.pricing.reading import as_date
from coop_desktop.domain.sales.balance import ZERO_L, component_kg, litres_from_kg
from coop_desktop.services.closeout.inputs import date_param
from coop_desktop.storage.bulk import fetch_raw, is_sqlite

MILLI = Decimal("0.001")
KG_UNITS = Decimal("1e-7")  # millilitres × density in 1/10000
COMPONENT_UNITS = Decimal("1e-11")  # those × a percentage in hundredths
TEMP = "sales_member_quality"


@dataclass
class Flow:
    """Mutable sums of one centre-day while reading."""

    accepted_l: Decimal = ZERO_L
    dispatched_l: Decimal = ZERO_L
    local_l: Decimal = ZERO_L
    sent_l: Decimal = ZERO_L
    received_l: Decimal = ZERO_L
    fat_in: Decimal = ZERO_L
    fat_out: Decimal = ZERO_L
    solids_in: Decimal = ZERO_L
    solids_out: Decimal = ZERO_L
    opening: Decimal | None = None
    closing: Decimal | None = None


@dataclass
class Reading:
    flows: dict[tuple[int | None, date], Flow] = field(default_factory=lambda: defaultdict(Flow))
    last_closing: dict[int | None, Decimal] = field(default_factory=dict)  # before start


def _member_quality(conn: Connection, start: date, end: date, cycle: str) -> list[tuple[Any, ...]]:
    """Each member's mean fat, total solids and density per period of the cycle."""
    first, last = period_of(start, cycle).start, period_of(end, cycle).end
    sums: dict[tuple[int, date, date], list[list[int]]] = {}
    for member, day, fat, st, density in fetch_raw(
        conn,
        "SELECT member_id, sample_date, fat, st, density FROM quality_test "
        "WHERE sample_date >= ? AND sample_date <= ?",
        (date_param(conn, first), date_param(conn, last)),
    ):
        span = period_of(as_date(day), cycle)
        acc = sums.setdefault((member, span.start, span.end), [[0, 0], [0, 0], [0, 0]])
        for i, value in enumerate((fat, st, density)):
            if value is not None:
                acc[i][0] += int(value)
                acc[i][1] += 1
    rows = []
    for (member, s, e), acc in sums.items():
        means = [None if n == 0 else (total * 2 + n) // (2 * n) for total, n in acc]
        rows.append((member, s, e, *means))
    return rows


def _fill_temp(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
    conn.execute(
        text(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {TEMP} (member_id INTEGER, start_date DATE, "
            "end_date DATE, fat BIGINT, st BIGINT, density BIGINT)"
        )
    )
    conn.execute(text(f"DELETE FROM {TEMP}"))
    conn.execute(
        text(f"CREATE INDEX IF NOT EXISTS {TEMP}_member ON {TEMP} (member_id, start_date)")
    )
    sqlite = is_sqlite(conn)
    if rows:
        conn.execute(
            text(f"INSERT INTO {TEMP} VALUES (:m, :s, :e, :f, :t, :d)"),
            [
                {
                    "m": m,
                    "s": s.isoformat() if sqlite else s,
                    "e": e.isoformat() if sqlite else e,
                    "f": f,
                    "t": t,
                    "d": d,
                }
                for m, s, e, f, t, d in rows
            ],
        )


DELIVERIES = f"""
SELECT COALESCE(d.centre_id, m.centre_id), d.date, d.unit, d.density, SUM(d.quantity),
  SUM(CASE WHEN COALESCE(t.fat, q.fat) IS NOT NULL THEN {{kg}} * COALESCE(t.fat, q.fat) END),
  SUM(CASE WHEN COALESCE(t.st, q.st) IS NOT NULL THEN {{kg}} * COALESCE(t.st, q.st) END)
FROM delivery d JOIN member m ON m.id = d.member_id
LEFT JOIN (SELECT delivery_id, MAX(fat) AS fat, MAX(st) AS st, MAX(density) AS density
           FROM quality_test WHERE delivery_id IS NOT NULL AND sample_date >= ?
           AND sample_date <= ? GROUP BY delivery_id) t ON t.delivery_id = d.id
LEFT JOIN {TEMP} q ON q.member_id = d.member_id AND d.date >= q.start_date
  AND d.date <= q.end_date
WHERE d.rejected = ? AND d.date >= ? AND d.date <= ? {{centre}}
GROUP BY COALESCE(d.centre_id, m.centre_id), d.date, d.unit, d.density
"""
KG_EXPR = (
    "(CASE WHEN d.unit = 'L' THEN d.quantity * COALESCE(d.density, t.density, q.density, "
    "10300) ELSE d.quantity * 10000 END)"
)


def read(
    conn: Connection, start: date, end: date, cycle: str, centre_id: int | None = None
) -> Reading:
    reading = Reading()
    flows = reading.flows
    _fill_temp(conn, _member_quality(conn, start, end, cycle))
    centre_sql = "AND COALESCE(d.centre_id, m.centre_id) = ?" if centre_id is not None else ""
    s, e = date_param(conn, start), date_param(conn, end)
    params: list[object] = [
        date_param(conn, start - timedelta(days=31)),
        date_param(conn, end + timedelta(days=31)),
        False,
        s,
        e,
    ]
    if centre_id is not None:
        params.append(centre_id)
    sql = DELIVERIES.format(kg=KG_EXPR, centre=centre_sql)
    for centre, day, unit, density, quantity, fat, st in fetch_raw(conn, sql, params):
        f = flows[(centre, as_date(day))]
        q = Decimal(int(quantity)) * MILLI
        if unit == "L":
            f.accepted_l += q
        else:
            dens = None if density is None else Decimal(int(density)) / 10000
            f.accepted_l += litres_from_kg(q, dens)
        if fat is not None:
            f.fat_in += Decimal(int(fat)) * COMPONENT_UNITS
        if st is not None:
            f.solids_in += Decimal(int(st)) * COMPONENT_UNITS
    conn.execute(text(f"DROP TABLE IF EXISTS {TEMP}"))
    _dispatches(conn, reading, s, e, centre_id)
    _tanks(conn, reading, start, end, centre_id)
    return reading


def _dispatches(
    conn: Connection, reading: Reading, s: object, e: object, centre_id: int | None
) -> None:
    """Dispatches not annulled; with their current (not annulled) reception, if any."""
    where = "AND d.centre_id = ?" if centre_id is not None else ""
    params: list[object] = [s, e] + ([centre_id] if centre_id is not None else [])
    received: dict[int, tuple[int, bool]] = {}
    for dispatch_id, litres, rejected in fetch_raw(
        conn,
        "SELECT r.dispatch_id, r.litres, r.rejected FROM dispatch_reception r "
        "JOIN dispatch d ON d.id = r.dispatch_id WHERE d.date >= ? AND d.date <= ? "
        f"{where} AND r.id NOT IN (SELECT entity_id FROM sales_void WHERE "
        "entity = 'reception') ORDER BY r.id",
        params,
    ):
        received[dispatch_id] = (int(litres), bool(rejected))
    for did, centre, day, litres, kg, fat, st, snf, kind in fetch_raw(
        conn,
        "SELECT d.id, d.centre_id, d.date, d.litres, d.kg, d.fat, d.st, d.snf, b.kind "
        "FROM dispatch d JOIN buyer b ON b.id = d.buyer_id "
        f"WHERE d.date >= ? AND d.date <= ? {where} AND d.id NOT IN "
        "(SELECT entity_id FROM sales_void WHERE entity = 'dispatch')",
        params,
    ):
        f = reading.flows[(centre, as_date(day))]
        out = Decimal(int(litres)) * MILLI
        if kind == "local":
            f.local_l += out
        else:
            f.dispatched_l += out
        mass = Decimal(int(kg)) * MILLI
        if fat is not None:
            f.fat_out += component_kg(mass, Decimal(int(fat)) / 100)
        solids = (
            st if st is not None else (fat + snf if fat is not None and snf is not None else None)
        )
        if solids is not None:
            f.solids_out += component_kg(mass, Decimal(int(solids)) / 100)
        got = received.get(did)
        if got is not None and not got[1]:
            f.sent_l += out
            f.received_l += Decimal(got[0]) * MILLI


def _tanks(
    conn: Connection, reading: Reading, start: date, end: date, centre_id: int | None
) -> None:
    """The latest reading of each centre, day and moment; and each centre's last closing
    before `start` (the stock carried into the first day)."""
    where = "AND centre_id = ?" if centre_id is not None else ""
    extra: list[object] = [centre_id] if centre_id is not None else []
    rows = fetch_raw(
        conn,
        "SELECT id, centre_id, date, moment, litres FROM tank_reading WHERE date >= ? "
        f"AND date <= ? {where} AND id NOT IN (SELECT entity_id FROM sales_void WHERE "
        "entity = 'tank') ORDER BY id",
        [date_param(conn, start - timedelta(days=1)), date_param(conn, end), *extra],
    )
    for _id, centre, day, moment, litres in rows:
        d = as_date(day)
        value = Decimal(int(litres)) * MILLI
        if d < start:
            if moment == "closing":
                reading.last_closing[centre] = value
            continue
        f = reading.flows[(centre, d)]
        if moment == "opening":
            f.opening = value
        else:
            f.closing = value

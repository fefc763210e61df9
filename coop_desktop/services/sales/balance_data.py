"""What the daily milk balance reads, per centre and day, with plain SQL aggregates: the
intake (accepted litres, kg of fat and total solids: `intake.py`), the dispatches and local
sales with the buyers' receptions, and the tank readings.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Connection

from coop_desktop.core.numbers import D, from_minor
from coop_desktop.domain.pricing.reading import as_date
from coop_desktop.domain.sales.balance import ZERO_L, component_kg
from coop_desktop.services.closeout.inputs import date_param
from coop_desktop.services.sales import intake
from coop_desktop.storage.bulk import fetch_raw

KG_UNITS = from_minor(1, 7)  # millilitres × density in 1/10000
COMPONENT_UNITS = from_minor(1, 11)  # those × a percentage in hundredths


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
    fat_base: Decimal = ZERO_L  # kg of the intake whose fat is known
    solids_base: Decimal = ZERO_L
    opening: Decimal | None = None
    closing: Decimal | None = None


@dataclass
class Reading:
    flows: dict[tuple[int | None, date], Flow] = field(default_factory=lambda: defaultdict(Flow))
    last_closing: dict[int | None, Decimal] = field(default_factory=dict)  # before start


def read(
    conn: Connection,
    start: date,
    end: date,
    cycle: str,
    centre_id: int | None = None,
    *,
    litres_only: bool = False,
) -> Reading:
    reading = Reading()
    found = intake.read(conn, start, end, cycle, centre_id, litres_only=litres_only)
    for key, it in found.items():
        f = reading.flows[key]
        f.accepted_l = from_minor(it.accepted_ml, 3)
        f.fat_in = D(it.fat) * COMPONENT_UNITS
        f.solids_in = D(it.solids) * COMPONENT_UNITS
        f.fat_base = D(it.fat_base) * KG_UNITS
        f.solids_base = D(it.solids_base) * KG_UNITS
    s, e = date_param(conn, start), date_param(conn, end)
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
        out = from_minor(int(litres), 3)
        if kind == "local":
            f.local_l += out
        else:
            f.dispatched_l += out
        mass = from_minor(int(kg), 3)
        if fat is not None:
            f.fat_out += component_kg(mass, D(int(fat)) / 100)
        solids = (
            st if st is not None else (fat + snf if fat is not None and snf is not None else None)
        )
        if solids is not None:
            f.solids_out += component_kg(mass, D(int(solids)) / 100)
        got = received.get(did)
        if got is not None and not got[1]:
            f.sent_l += out
            f.received_l += from_minor(got[0], 3)


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
        value = from_minor(int(litres), 3)
        if d < start:
            if moment == "closing":
                reading.last_closing[centre] = value
            continue
        f = reading.flows[(centre, d)]
        if moment == "opening":
            f.opening = value
        else:
            f.closing = value

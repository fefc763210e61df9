"""The milk that came into each centre on each day: the accepted litres, and the kg of fat and
of total solids in them (with the kg of milk each is known for, to value the tank's stock).

A delivery's fat and total solids are its own test's, else its member's samples of the
period (their mean, half up in the measure's minor units); its kg are its litres by the
measured density (the delivery's, its test's, the samples') else 1.030. Everything is summed
in integers (millilitres × density in 1/10000 × % in 1/100: a centre-day stays far below the
64-bit limit) and rounded once, per centre and day, by the balance.

Read from the deliveries and tests (`direct`), or for a closed period from what its close
stored (`store`, table `sales_intake_day`): a closed period's deliveries and tests never
change (the service and the database refuse), so what its close read is what they are. A
member who changes centre afterwards leaves the closed days where they were; the open days
follow the member. A reopened period's stored intake is set aside (only a closed period's is
read) and its next close stores it anew. `coop check` compares, day by day, each stored period
with its deliveries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, text

from coop_desktop.core.numbers import GRAM, D, from_minor
from coop_desktop.domain.periods import period_of
from coop_desktop.domain.pricing.reading import as_date
from coop_desktop.domain.sales.balance import litres_from_kg
from coop_desktop.services.closeout.inputs import date_param
from coop_desktop.storage.bulk import fetch_raw, insert_rows

DEFAULT_DENSITY = 10300  # 1.030 kg per L, in 1/10000
PER_KG = 10000  # a kg-unit delivery's grams × this = its kg in 1e-7 kg, like ml × density
Key = tuple[int | None, date]  # (centre id, day); None: a delivery of a member without centre
Means = tuple[int | None, int | None, int | None]  # a member's fat, total solids, density
NO_MEANS: Means = (None, None, None)


@dataclass
class Intake:
    """One centre-day's accepted milk, in integer units (see the module's note)."""

    accepted_ml: int = 0
    fat: int = 0  # kg of fat in 1e-11 kg
    solids: int = 0
    fat_base: int = 0  # kg of the milk whose fat is known, in 1e-7 kg
    solids_base: int = 0

    def values(self) -> tuple[int, ...]:
        return tuple(getattr(self, f.name) for f in fields(Intake))


COLUMNS = tuple(f.name for f in fields(Intake))


@dataclass(frozen=True, slots=True)
class Part:
    """Days [first, last] of a range inside one period: its members' samples are those of
    [span_start, span_end]; `stored` is the closed period whose close stored their intake."""

    first: date
    last: date
    span_start: date
    span_end: date
    stored: int | None = None


def parts(conn: Connection, start: date, end: date, cycle: str) -> list[Part]:
    """The range cut by period: the closed periods as they were closed, the open days by the
    association's cycle."""
    closed = [
        (int(pid), as_date(s), as_date(e), bool(int(n)))
        for pid, s, e, n in fetch_raw(
            conn,
            "SELECT p.id, p.start_date, p.end_date, (SELECT COUNT(*) FROM sales_intake_period "
            "i WHERE i.period_id = p.id) FROM period p WHERE p.status <> 'open' AND "
            "p.start_date <= ? AND p.end_date >= ? ORDER BY p.start_date",
            (date_param(conn, end), date_param(conn, start)),
        )
    ]
    result: list[Part] = []
    day = start
    while day <= end:
        holding = next((c for c in closed if c[1] <= day <= c[2]), None)
        if holding is not None:
            pid, s, e, stored = holding
            result.append(Part(day, min(e, end), s, e, pid if stored else None))
            day = e + timedelta(days=1)
            continue
        span = period_of(day, cycle)
        later = [c[1] for c in closed if c[1] > day]
        last = min([span.end, end, *(s - timedelta(days=1) for s in later)])
        result.append(Part(day, last, span.start, span.end))
        day = last + timedelta(days=1)
    return result


def read(
    conn: Connection,
    start: date,
    end: date,
    cycle: str,
    centre_id: int | None = None,
    *,
    litres_only: bool = False,
) -> dict[Key, Intake]:
    """Every centre-day of [start, end] with accepted milk (or one centre's); `litres_only`
    (the margin, the indicators) leaves the open days' fat and solids at zero."""
    cut = parts(conn, start, end, cycle)
    found = _stored(conn, [p.stored for p in cut if p.stored is not None], start, end, centre_id)
    for p in cut:
        if p.stored is None and litres_only:
            found.update(_accepted(conn, p.first, p.last, centre_id))
        elif p.stored is None:
            found.update(direct(conn, p.span_start, p.span_end, p.first, p.last, centre_id))
    return found


def _stored(
    conn: Connection, periods: list[int], start: date, end: date, centre_id: int | None
) -> dict[Key, Intake]:
    if not periods:
        return {}
    where = " AND centre_id = ?" if centre_id is not None else ""
    rows = fetch_raw(
        conn,
        f"SELECT centre_id, date, {', '.join(COLUMNS)} FROM sales_intake_day WHERE period_id "
        f"IN ({', '.join('?' * len(periods))}) AND date >= ? AND date <= ?{where}",
        [*periods, date_param(conn, start), date_param(conn, end)]
        + ([centre_id] if centre_id is not None else []),
    )
    return {(r[0], as_date(r[1])): Intake(*(int(x) for x in r[2:])) for r in rows}


def member_means(conn: Connection, first: date, last: date) -> dict[int, Means]:
    """Each member's mean fat, total solids and density over the samples of [first, last]."""
    result = {}
    for member, *sums in fetch_raw(
        conn,
        "SELECT member_id, SUM(fat), COUNT(fat), SUM(st), COUNT(st), SUM(density), "
        "COUNT(density) FROM quality_test WHERE sample_date >= ? AND sample_date <= ? "
        "GROUP BY member_id",
        (date_param(conn, first), date_param(conn, last)),
    ):
        means = []
        for total, n in zip(sums[::2], sums[1::2], strict=True):
            count = int(n)
            means.append(None if count == 0 else (int(total) * 2 + count) // (2 * count))
        result[int(member)] = (means[0], means[1], means[2])
    return result


CENTRE = "COALESCE(d.centre_id, m.centre_id)"


def _where(
    conn: Connection, first: date, last: date, centre_id: int | None
) -> tuple[str, list[Any]]:
    params: list[Any] = [False, date_param(conn, first), date_param(conn, last)]
    if centre_id is None:
        return "", params
    return f" AND {CENTRE} = ?", [*params, centre_id]


def _accepted(
    conn: Connection, first: date, last: date, centre_id: int | None
) -> dict[Key, Intake]:
    """The accepted litres alone of days [first, last], per centre and day."""
    where, params = _where(conn, first, last, centre_id)
    volumes = {
        ((centre, as_date(day)), unit, None if density is None else int(density)): int(quantity)
        for centre, day, unit, density, quantity in fetch_raw(
            conn,
            f"SELECT {CENTRE}, d.date, d.unit, d.density, SUM(d.quantity) FROM delivery d "
            "JOIN member m ON m.id = d.member_id WHERE d.rejected = ? AND d.date >= ? AND "
            f"d.date <= ?{where} GROUP BY {CENTRE}, d.date, d.unit, d.density",
            params,
        )
    }
    found: dict[Key, Intake] = defaultdict(Intake)
    _litres(found, volumes)
    return dict(found)


def _litres(found: dict[Key, Intake], volumes: dict[tuple[Key, str, int | None], int]) -> None:
    """Litres from the quantities summed per centre-day, unit and density: kg turned into
    litres by the density, else 1.030, half up to the millilitre per group."""
    for (key, unit, dens), q in volumes.items():
        if unit == "L":
            found[key].accepted_ml += q
        else:
            density = None if dens is None else D(dens) / PER_KG
            litres = litres_from_kg(from_minor(q, 3), density)
            found[key].accepted_ml += int(litres / GRAM)


MEANS = "sales_intake_means"  # a temporary table: each member's means over the period
KG = (  # the delivery's kg in 1e-7 kg: ml × density (its own, else its samples', else 1.030)
    "(CASE WHEN d.unit = 'L' THEN d.quantity * COALESCE(d.density, q.density, "
    f"{DEFAULT_DENSITY}) ELSE d.quantity * {PER_KG} END)"
)


def _fill_means(conn: Connection, means: dict[int, Means]) -> None:
    conn.execute(
        text(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {MEANS} (member_id INTEGER PRIMARY KEY, "
            "fat BIGINT, st BIGINT, density BIGINT)"
        )
    )
    conn.execute(text(f"DELETE FROM {MEANS}"))
    if means:
        conn.execute(
            text(f"INSERT INTO {MEANS} VALUES (:m, :f, :s, :d)"),
            [{"m": m, "f": f, "s": st, "d": d} for m, (f, st, d) in means.items()],
        )


def direct(
    conn: Connection,
    span_start: date,
    span_end: date,
    first: date,
    last: date,
    centre_id: int | None = None,
) -> dict[Key, Intake]:
    """Days [first, last] read from the deliveries, members' means over the period
    [span_start, span_end] (joined from a temporary table and summed by the database per
    centre, day, unit and density); the few deliveries with their own test are then taken
    out and put back with it."""
    means = member_means(conn, span_start, span_end)
    _fill_means(conn, means)
    where, params = _where(conn, first, last, centre_id)
    found: dict[Key, Intake] = defaultdict(Intake)
    volumes: dict[tuple[Key, str, int | None], int] = {}
    try:
        rows = fetch_raw(
            conn,
            f"SELECT {CENTRE}, d.date, d.unit, d.density, SUM(d.quantity), "
            f"SUM(CASE WHEN q.fat IS NOT NULL THEN {KG} * q.fat END), "
            f"SUM(CASE WHEN q.fat IS NOT NULL THEN {KG} END), "
            f"SUM(CASE WHEN q.st IS NOT NULL THEN {KG} * q.st END), "
            f"SUM(CASE WHEN q.st IS NOT NULL THEN {KG} END) "
            f"FROM delivery d JOIN member m ON m.id = d.member_id LEFT JOIN {MEANS} q ON "
            "q.member_id = d.member_id WHERE d.rejected = ? AND d.date >= ? AND "
            f"d.date <= ?{where} GROUP BY {CENTRE}, d.date, d.unit, d.density",
            params,
        )
    finally:
        conn.execute(text(f"DROP TABLE IF EXISTS {MEANS}"))
    for centre, day, unit, density, quantity, fat, fat_kg, st, st_kg in rows:
        key = (centre, as_date(day))
        volumes[(key, unit, None if density is None else int(density))] = int(quantity)
        it = found[key]
        it.fat += int(fat or 0)
        it.fat_base += int(fat_kg or 0)
        it.solids += int(st or 0)
        it.solids_base += int(st_kg or 0)
    for centre, day, member, unit, density, quantity, fat, st, tested in fetch_raw(
        conn,
        f"SELECT {CENTRE}, d.date, d.member_id, d.unit, d.density, d.quantity, MAX(t.fat), "
        "MAX(t.st), MAX(t.density) FROM delivery d JOIN member m ON m.id = d.member_id "
        "JOIN quality_test t ON t.delivery_id = d.id WHERE d.rejected = ? AND d.date >= ? "
        f"AND d.date <= ?{where} GROUP BY d.id, d.centre_id, m.centre_id, d.date, "
        "d.member_id, d.unit, d.density, d.quantity",
        params,
    ):
        it = found[(centre, as_date(day))]
        q, dens = int(quantity), None if density is None else int(density)
        m_fat, m_st, m_density = means.get(member, NO_MEANS)
        _add(it, _kg(q, unit, dens, m_density), m_fat, m_st, -1)
        own_density = _int(tested) if tested is not None else m_density
        own_fat = _int(fat) if fat is not None else m_fat
        own_st = _int(st) if st is not None else m_st
        _add(it, _kg(q, unit, dens, own_density), own_fat, own_st, 1)
    _litres(found, volumes)
    return dict(found)


def _int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def _kg(quantity: int, unit: str, density: int | None, fallback: int | None) -> int:
    """kg in 1e-7 kg: millilitres × density (the delivery's, else `fallback`, else 1.030)."""
    if unit != "L":
        return quantity * PER_KG
    if density is not None:
        return quantity * density
    return quantity * (fallback if fallback is not None else DEFAULT_DENSITY)


def _add(it: Intake, kg: int, fat: int | None, st: int | None, sign: int) -> None:
    if fat is not None:
        it.fat += sign * kg * fat
        it.fat_base += sign * kg
    if st is not None:
        it.solids += sign * kg * st
        it.solids_base += sign * kg


def store(conn: Connection, period_id: int, start: date, end: date, stamp: datetime) -> int:
    """Store a period's intake as its close reads it (replacing an earlier close's); returns
    how many centre-days."""
    for table in ("sales_intake_day", "sales_intake_period"):
        conn.execute(text(f"DELETE FROM {table} WHERE period_id = :p"), {"p": period_id})
    found = direct(conn, start, end, start, end)
    rows = [(period_id, centre, day, *it.values()) for (centre, day), it in found.items()]
    insert_rows(conn, "sales_intake_day", ("period_id", "centre_id", "date", *COLUMNS), rows)
    insert_rows(conn, "sales_intake_period", ("period_id", "stored_at"), [(period_id, stamp)])
    return len(rows)


def stored_differences(conn: Connection) -> list[str]:
    """Each closed period's stored intake against its deliveries, day by day (summed over
    the centres: a member may have changed centre since)."""
    problems = []
    for pid, code, s, e in fetch_raw(
        conn,
        "SELECT p.id, p.code, p.start_date, p.end_date FROM period p JOIN sales_intake_period "
        "i ON i.period_id = p.id WHERE p.status <> 'open' ORDER BY p.start_date",
        (),
    ):
        first, last = as_date(s), as_date(e)
        stored = _by_day(_stored(conn, [int(pid)], first, last, None))
        now = _by_day(direct(conn, first, last, first, last))
        for day in sorted(set(stored) | set(now)):
            if stored.get(day) != now.get(day):
                problems.append(
                    f"periodo {code}: el acopio guardado del {day:%d/%m/%Y} no es el de sus "
                    "entregas"
                )
    return problems


def _by_day(found: dict[Key, Intake]) -> dict[date, tuple[int, ...]]:
    days: dict[date, list[int]] = {}
    for (_centre, day), it in found.items():
        acc = days.setdefault(day, [0] * len(COLUMNS))
        for i, value in enumerate(it.values()):
            acc[i] += value
    return {d: tuple(v) for d, v in days.items() if any(v)}

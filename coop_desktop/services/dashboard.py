"""What the Inicio screen shows: today's litres by shift, the open period, average quality
against the references, daily series for the charts, and the alerts a treasurer acts on.

Sums and averages are computed from integer minor units (SUM and COUNT in SQL, the division
in Decimal): no float on the way, not even for a dashboard.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Connection, select

from coop_desktop.core import clock
from coop_desktop.core.errors import Refused
from coop_desktop.core.numbers import GRAM, ONE, ZERO, D, from_minor
from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.periods import PeriodSpan, period_of
from coop_desktop.domain.pricing.period import Timeline
from coop_desktop.language import formatting as fmt
from coop_desktop.services.association import load_association
from coop_desktop.services.backups import LAST_BACKUP
from coop_desktop.services.closeout.inputs import date_param, to_date
from coop_desktop.services.schemes import load_timeline
from coop_desktop.storage.bulk import fetch_raw
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Setting

DEFAULT_DENSITY = D("1.032")
QUALITY_KEYS = ("fat", "st", "ufc", "scc")
BACKUP_MAX_AGE_DAYS = 7


@dataclass(frozen=True, slots=True)
class DayPoint:
    day: date
    litres: Decimal
    fat: Decimal | None
    st: Decimal | None
    ufc: Decimal | None


@dataclass(frozen=True, slots=True)
class Alert:
    kind: str  # no_scheme | close_period | missing_tests | backup (the screen words it)
    value: str  # the period code, the number of members, the last backup's date or ""
    target: str  # what fixes it: the closeout or quality screen, or a backup


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Quantities never mix units: `by_shift_units` and `period_units` are as delivered (L
    and kg apart); `by_shift`, `period_litres` and the series are litres with the kilograms
    converted by the density of the scheme in force that day (the screen says so)."""

    today: date
    by_shift: dict[str, Decimal]  # accepted litres today, "am" and "pm" (kg converted)
    deliveries_today: int
    period: PeriodSpan
    period_litres: Decimal  # kg converted
    quality: dict[str, Decimal]  # the open period's average per measure
    series: tuple[DayPoint, ...]  # the last 60 days, every day (zero litres when none)
    alerts: tuple[Alert, ...]
    by_shift_units: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    period_units: dict[str, Decimal] = field(default_factory=dict)


def _quantities(conn: Connection, start: date, end: date) -> dict[tuple[date, str, str], Decimal]:
    """Accepted quantity per (day, shift, unit), as delivered."""
    out: dict[tuple[date, str, str], Decimal] = defaultdict(Decimal)
    for day, shift, unit, total in fetch_raw(
        conn,
        "SELECT date, shift, unit, SUM(quantity) FROM delivery WHERE date >= ? AND date <= ? "
        "AND NOT rejected GROUP BY date, shift, unit",
        (date_param(conn, start), date_param(conn, end)),
    ):
        out[(to_date(day), shift, unit)] += from_minor(int(total), 3)
    return out


def _litres(
    quantities: dict[tuple[date, str, str], Decimal], timeline: Timeline
) -> dict[tuple[date, str], Decimal]:
    """Litres per (day, shift): kg converted with the density of the scheme in force."""
    out: dict[tuple[date, str], Decimal] = defaultdict(Decimal)
    for (day, shift, unit), value in quantities.items():
        if unit != "L":
            try:
                density = timeline.at(day).scheme.density
            except Refused:  # no scheme yet on that day: the usual density of milk
                density = DEFAULT_DENSITY
            value = (value / density).quantize(GRAM)
        out[(day, shift)] += value
    return out


def _quality(
    conn: Connection, start: date, end: date, by_day: bool
) -> dict[date | None, dict[str, Decimal]]:
    """Average of the samples per measure (per day, or over the range under key None)."""
    sums = ", ".join(f"SUM({k}), COUNT({k})" for k in QUALITY_KEYS)
    column, group = ("sample_date", " GROUP BY sample_date") if by_day else ("NULL", "")
    result: dict[date | None, dict[str, Decimal]] = {}
    for row in fetch_raw(
        conn,
        f"SELECT {column}, {sums} FROM quality_test WHERE sample_date >= ? AND sample_date <= ?"
        f"{group}",
        (date_param(conn, start), date_param(conn, end)),
    ):
        averages = {}
        for i, key in enumerate(QUALITY_KEYS):
            total, count = row[1 + 2 * i], row[2 + 2 * i]
            if count:
                scale = MEASURES[key].scale
                step = ONE.scaleb(-scale)
                averages[key] = (D(int(total)).scaleb(-scale) / count).quantize(step)
        result[to_date(row[0]) if by_day else None] = averages
    return result


def _alerts(conn: Connection, db: Database, today: date, cycle: str) -> list[Alert]:
    from coop_desktop.services.closeout.period_status import oldest_open

    alerts = []
    current = period_of(today, cycle)
    with db.read() as session:  # the period that must close next, as the status bar says
        oldest = oldest_open(session)
    if oldest is not None and oldest.end < current.start:
        alerts.append(Alert("close_period", oldest.code, "closeout"))
    lacking = fetch_raw(
        conn,
        "SELECT COUNT(DISTINCT d.member_id) FROM delivery d WHERE d.date >= ? AND d.date <= ? "
        "AND NOT d.rejected AND NOT EXISTS (SELECT 1 FROM quality_test q WHERE "
        "q.member_id = d.member_id AND q.sample_date >= ? AND q.sample_date <= ?)",
        (date_param(conn, current.start), date_param(conn, current.end)) * 2,
    )[0][0]
    if lacking:
        alerts.append(Alert("missing_tests", str(lacking), "quality"))
    if db.location.path is not None:
        seen = conn.execute(select(Setting.value).where(Setting.key == LAST_BACKUP)).first()
        last = datetime.fromisoformat(seen[0]) if seen else None
        if last is None or (today - last.date()).days > BACKUP_MAX_AGE_DAYS:
            when = fmt.day(last) if last else ""
            alerts.append(Alert("backup", when, "backup"))
    return alerts


def dashboard(db: Database, today: date | None = None, days: int = 60) -> Dashboard:
    day = today or clock.today()
    with db.read() as session:
        conn = session.connection()
        association = load_association(session)
        span = period_of(day, association.cycle)
        timeline = load_timeline(session)
        try:
            timeline.at(day)
            no_scheme = False
        except Refused:  # a new association: no scheme yet (kg use the usual density)
            no_scheme = True
        first = day - timedelta(days=days - 1)
        quantities = _quantities(conn, min(first, span.start), day)
        litres = _litres(quantities, timeline)
        daily_quality = _quality(conn, first, day, by_day=True)
        period_quality = _quality(conn, span.start, span.end, by_day=False).get(None, {})
        today_count = fetch_raw(
            conn, "SELECT COUNT(*) FROM delivery WHERE date = ?", (date_param(conn, day),)
        )[0][0]
        alerts = _alerts(conn, db, day, association.cycle)
        if no_scheme:
            alerts.insert(0, Alert("no_scheme", "", "prices"))
    series = []
    for i in range(days):
        d = first + timedelta(days=i)
        q = daily_quality.get(d, {})
        total = litres.get((d, "am"), ZERO) + litres.get((d, "pm"), ZERO)
        series.append(DayPoint(d, total, q.get("fat"), q.get("st"), q.get("ufc")))
    period_litres = sum((v for (d, _s), v in litres.items() if span.start <= d <= span.end), ZERO)
    by_shift_units: dict[str, dict[str, Decimal]] = {"am": {}, "pm": {}}
    period_units: dict[str, Decimal] = {}
    for (d, shift, unit), value in sorted(quantities.items()):
        if d == day:
            by_shift_units[shift][unit] = by_shift_units[shift].get(unit, GRAM * 0) + value
        if span.start <= d <= span.end:
            period_units[unit] = period_units.get(unit, GRAM * 0) + value
    return Dashboard(
        day,
        {s: litres.get((day, s), ZERO) for s in ("am", "pm")},
        int(today_count),
        span,
        period_litres,
        period_quality,
        tuple(series),
        tuple(alerts),
        by_shift_units,
        period_units,
    )

"""Read a period's deliveries and quality samples as plain domain values, without ORM objects
per row (the closeout and the what-if read hundreds of thousands of rows)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, text

from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.domain.pricing.basis import MemberQuality, Sample
from coop_desktop.domain.pricing.period import DeliveryIn

_NUMERIC = [k for k, m in MEASURES.items() if not m.boolean]
_SCALES = {k: Decimal(1).scaleb(-MEASURES[k].scale) for k in _NUMERIC}
_MILLI = Decimal("0.001")


@dataclass(frozen=True, slots=True)
class MemberRow:
    id: int
    code: str
    name: str
    flags: frozenset[str]


@dataclass(frozen=True, slots=True)
class PeriodData:
    span: PeriodSpan
    members: dict[int, MemberRow]
    deliveries: dict[int, list[DeliveryIn]]
    quality: dict[int, MemberQuality]


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def load_period(conn: Connection, span: PeriodSpan) -> PeriodData:
    params: dict[str, object] = {"start": span.start, "end": span.end}
    if conn.dialect.name == "sqlite":
        params = {"start": span.start.isoformat(), "end": span.end.isoformat()}
    deliveries: dict[int, list[DeliveryIn]] = defaultdict(list)
    for row in conn.execute(
        text(
            "SELECT id, member_id, date, shift, quantity, unit, rejected, reject_reason, cooled, "
            "temperature, density, alcohol_positive FROM delivery "
            "WHERE date >= :start AND date <= :end ORDER BY member_id, date, shift, id"
        ),
        params,
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
                _day(row[2]),
                row[3],
                Decimal(row[4]) * _MILLI,
                row[5],
                bool(row[6]),
                row[7],
                bool(row[8]),
                own,
            )
        )
    ids = sorted(deliveries)
    members: dict[int, MemberRow] = {}
    for row in conn.execute(
        text(
            "SELECT id, code, given_names, surnames, cert_herd_health, cert_organic, "
            "cert_regenerative, cert_good_practice FROM member"
        )
    ):
        if row[0] in deliveries:
            flags = {
                name
                for name, on in zip(
                    ("herd_health", "organic", "regenerative", "good_practice"),
                    row[4:8],
                    strict=True,
                )
                if on
            }
            members[row[0]] = MemberRow(row[0], row[1], f"{row[2]} {row[3]}", frozenset(flags))
    samples: dict[int, list[Sample]] = defaultdict(list)
    columns = ", ".join([*_NUMERIC, "alcohol", "antibiotics"])
    for row in conn.execute(
        text(
            f"SELECT member_id, sample_date, delivery_id, {columns} FROM quality_test "
            "WHERE sample_date <= :end ORDER BY member_id, sample_date, id"
        ),
        {"end": params["end"]},
    ):
        if row[0] not in deliveries:
            continue
        measures: dict[str, Decimal | bool] = {}
        for key, raw in zip(_NUMERIC, row[3 : 3 + len(_NUMERIC)], strict=True):
            if raw is not None:
                measures[key] = Decimal(raw) * _SCALES[key]
        for key, raw in zip(("alcohol", "antibiotics"), row[3 + len(_NUMERIC) :], strict=True):
            if raw is not None:
                measures[key] = bool(raw)
        samples[row[0]].append(Sample(_day(row[1]), measures, row[2]))
    quality = {mid: MemberQuality(samples.get(mid, [])) for mid in ids}
    return PeriodData(span, members, dict(deliveries), quality)

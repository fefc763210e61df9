"""One pricing: the close's fast path equals the reference pricing (each delivery on its
own), to the céntimo and member by member, for generated schemes of every family, rule,
basis, flag and unit, and deliveries carrying every quick test a rejection rule may read."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coop_desktop.domain.periods import parse_period
from coop_desktop.domain.practices import Held, Span
from coop_desktop.domain.pricing import model as m
from coop_desktop.domain.pricing import schema
from coop_desktop.domain.pricing.basis import MemberQuality, Sample
from coop_desktop.domain.pricing.milk import price_reading
from coop_desktop.domain.pricing.period import Timeline
from coop_desktop.domain.pricing.pricer import Pricer
from coop_desktop.domain.pricing.reading import DeliveryRow, PeriodReading

SPAN = parse_period("2026-10")
MEMBERS = (1, 2, 3)
D = Decimal

MISSING = st.sampled_from(["stop", "warn", {"amount": "-0.05"}, None])
BANDS = {
    "ufc": [("0", "100000", "0.03"), ("100000", "300000", "0.01"), ("300000", None, "-0.05")],
    "scc": [(None, "400000", "0.02"), ("400000", None, "-0.02")],
    "temperature": [("0", "8", "0.02"), ("8", None, "0")],
    "tram": [("0", "4", "-0.03"), ("4", None, "0.01")],
}


def _bands(rows: list[tuple[str | None, str | None, str]]) -> list[dict[str, Any]]:
    return [{"low": lo, "high": hi, "amount": amount} for lo, hi, amount in rows]


def _with_missing(component: dict[str, Any], missing: Any) -> dict[str, Any]:
    return component if missing is None else {**component, "if_missing": missing}


@st.composite
def components(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(
            [
                "steps",
                "bands",
                "flag",
                "volume",
                "component",
                "chart",
                "linear",
                "per_volume",
            ]
        )
    )
    if kind == "steps":
        measure = draw(st.sampled_from(["st", "fat", "protein"]))
        reference = {"st": "11.4", "fat": "3.6", "protein": "3.1"}[measure]
        c: dict[str, Any] = {
            "type": "steps",
            "measure": measure,
            "reference": reference,
            "step": draw(st.sampled_from(["0.1", "0.05", "0.2"])),
            "bonus": draw(st.sampled_from(["0.01", "0.004"])),
            "penalty": draw(st.sampled_from(["0", "0.02"])),
        }
        if draw(st.booleans()):
            c["max_bonus"] = "0.05"
        if draw(st.booleans()):
            c["max_penalty"] = "0.04"
        missing = draw(st.sampled_from(["stop", "warn", {"use": reference}, None]))
        return _with_missing(c, missing)
    if kind == "bands":
        measure = draw(st.sampled_from(sorted(BANDS)))
        c = {"type": "bands", "measure": measure, "bands": _bands(BANDS[measure])}
        return _with_missing(c, draw(MISSING))
    if kind == "flag":
        return {
            "type": "flag",
            "flag": draw(st.sampled_from(m.FLAGS)),
            "amount": draw(st.sampled_from(["0.02", "-0.01"])),
        }
    if kind == "volume":
        edge = draw(st.sampled_from(["1", "20", "150"]))
        return {
            "type": "volume",
            "on": draw(st.sampled_from(["period_total", "daily_average"])),
            "tiers": _bands([("0", edge, "0"), (edge, None, "0.02")]),
        }
    if kind == "component":
        c = {
            "type": "component",
            "measure": draw(st.sampled_from(m.COMPONENT_MEASURES)),
            "rate": draw(st.sampled_from(["2.85", "20.00", "9.00"])),
        }
        return _with_missing(c, draw(MISSING))
    if kind == "chart":
        c = {
            "type": "chart",
            "rows": {"measure": "fat", "edges": ["3.0", "3.5", "4.0"]},
            "cols": {"measure": "snf", "edges": ["8.0", "8.5", "9.0"]},
            "rates": [["1.20", "1.25"], ["1.30", "1.35"]],
            "if_outside": draw(st.sampled_from(["stop", "nearest", {"amount": "0.80"}])),
        }
        return _with_missing(c, draw(MISSING))
    if kind == "linear":
        c = {
            "type": "linear",
            "measure": "scc",
            "reference": "350",
            "divisor": "1000",
            "rate": "0.0007",
        }
        if draw(st.booleans()):
            c |= {"min": "-0.10", "max": "0.10"}
        return _with_missing(c, draw(MISSING))
    return {
        "type": "per_volume",
        "amount": draw(st.sampled_from(["-0.04", "0.75"])),
        "per": draw(st.sampled_from(m.UNITS)),
    }


RULES = [
    {"measure": "alcohol", "positive": True, "reason": "Alcohol"},
    {"measure": "antibiotics", "positive": True, "reason": "Antibióticos", "price": "0.10"},
    {"measure": "added_water", "above": "3", "reason": "Agua", "price": "0.30"},
    {"measure": "temperature", "above": "10", "reason": "Caliente"},
    {"measure": "density", "below": "1.0280", "above": "1.0345", "reason": "Densidad"},
    {"measure": "acidity", "below": "0.13", "above": "0.17", "reason": "Acidez"},
]
BASES = [
    {"kind": "delivery"},
    {"kind": "latest", "max_age_days": 3},
    {"kind": "latest", "max_age_days": 15},
    {"kind": "period_average"},
    {"kind": "rolling", "weights": ["0.6", "0.3", "0.1"]},
]


@st.composite
def schemes(draw: st.DrawFn, name: str) -> Pricer:
    data: dict[str, Any] = {
        "name": name,
        "unit": draw(st.sampled_from(m.UNITS)),
        "density": draw(st.sampled_from(["1.032", "1.03", "1.0297", "1"])),
        "basis": draw(st.sampled_from(BASES)),
        "components": [
            {"type": "base", "rate": draw(st.sampled_from(["1.10", "1.20", "0.35"]))},
            *draw(st.lists(components(), min_size=1, max_size=4)),
        ],
        "rejections": draw(st.lists(st.sampled_from(RULES), max_size=3, unique_by=str)),
    }
    if draw(st.booleans()):
        data["clamp"] = {"min": "0.50"}
    return Pricer(schema.parse(data))


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    versions = [(date(2026, 1, 1), draw(schemes("first")))]
    if draw(st.booleans()):
        day = SPAN.start + timedelta(days=draw(st.integers(1, 30)))
        versions.append((day, draw(schemes(draw(st.sampled_from(["first", "second"]))))))
    return Timeline(versions)


class _Digits:
    """Fields decoded from one drawn integer (drawing each field on its own makes data
    generation, not pricing, most of this test's time). Zero decodes to the plainest case,
    so shrinking still simplifies."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def take(self, n: int) -> int:
        self.seed, value = divmod(self.seed, n)
        return value

    def pick(self, options: tuple[Any, ...]) -> Any:
        return options[self.take(len(options))]


def _delivery(i: int, seed: int) -> DeliveryRow:
    f = _Digits(seed)
    member, day, quantity = MEMBERS[f.take(3)], f.take(31), 1 + f.take(40_000)
    unit, rejected = f.pick(("L", "kg")), f.take(10) == 9
    cooled, alcohol = bool(f.take(2)), f.pick((None, None, False, True))
    temperature = None if f.take(2) == 0 else 40 + f.take(111)
    density = None if f.take(2) == 0 else 10270 + f.take(81)
    day_ = SPAN.start + timedelta(days=day)
    reason = "Acidez" if rejected else None
    shift = f.pick(("am", "pm"))
    return DeliveryRow(
        i, member, day_, quantity, unit, rejected, reason, cooled, alcohol, temperature, density,
        shift,
    )  # fmt: skip


MEASURE_VALUES: dict[str, tuple[int, int, int]] = {  # (low, high, scale) as stored
    "fat": (280, 460, 2),
    "protein": (280, 380, 2),
    "st": (1080, 1300, 2),
    "snf": (780, 920, 2),
    "ufc": (50_000, 2_000_000, 0),
    "scc": (50_000, 900_000, 0),
    "tram": (100, 800, 2),
    "temperature": (40, 150, 1),
    "added_water": (0, 600, 2),
    "acidity": (120, 180, 3),
    "density": (10270, 10350, 4),
}


def _sample(seed: int, rows: list[DeliveryRow]) -> tuple[int, Sample]:
    f = _Digits(seed)
    member, day = MEMBERS[f.take(3)], f.take(71) - 40
    measures: dict[str, Decimal | bool] = {}
    for key, (low, high, scale) in MEASURE_VALUES.items():
        if f.take(2):
            measures[key] = Decimal(low + f.take(high - low + 1)).scaleb(-scale)
    for key in ("antibiotics", "alcohol"):
        if f.take(3) == 2:
            measures[key] = bool(f.take(2))
    mine = [r.id for r in rows if r.member_id == member]
    linked = mine[f.take(len(mine))] if mine and f.take(3) == 2 else None
    return member, Sample(SPAN.start + timedelta(days=day), measures, linked)


seeds = st.integers(0, 2**96)
# Practices held for a while: some span the whole period, some start or end inside it (the
# deliveries before and after are priced with what was held on their dates).
span_of = st.builds(
    lambda code, start, length: Span(
        code,
        SPAN.start + timedelta(days=start),
        None if length is None else SPAN.start + timedelta(days=start + length),
    ),
    st.sampled_from(["herd_health", "organic", "regenerative", "good_practice"]),
    st.integers(-40, 40),
    st.one_of(st.none(), st.integers(1, 40)),
)
flags = st.dictionaries(
    st.sampled_from(MEMBERS), st.lists(span_of, max_size=3).map(lambda s: Held(tuple(s)))
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    timelines(),
    st.lists(seeds, min_size=1, max_size=30),
    st.lists(seeds, max_size=10),
    flags,
)
def test_the_close_equals_the_reference_member_by_member(
    timeline: Timeline,
    delivery_seeds: list[int],
    sample_seeds: list[int],
    member_flags: dict[int, Held],
) -> None:
    rows = [_delivery(i, seed) for i, seed in enumerate(delivery_seeds, start=1)]
    found: dict[int, list[Sample]] = {mem: [] for mem in MEMBERS}
    for seed in sample_seeds:
        member, sample = _sample(seed, rows)
        found[member].append(sample)
    reading = PeriodReading(
        SPAN, rows, {mem: MemberQuality(s) for mem, s in found.items()}, member_flags
    )
    fast = price_reading(reading, timeline, collect_missing=True)
    each = price_reading(reading, timeline, collect_missing=True, each=True)
    assert set(fast) == set(each)
    for member, slow in each.items():
        got = fast[member]
        assert (got.kg, got.litres, got.rejected_litres, got.deliveries) == (
            slow.kg,
            slow.litres,
            slow.rejected_litres,
            slow.deliveries,
        )
        assert got.lines == slow.lines  # scheme, unit, price, quantity, amount, delivery ids
        assert got.gross == slow.gross
        assert got.unpriced == slow.unpriced and bool(got.missing) == bool(slow.missing)
        assert (got.untested_litres, got.untested_kg, got.untested_quantity) == (
            slow.untested_litres,
            slow.untested_kg,
            slow.untested_quantity,
        )

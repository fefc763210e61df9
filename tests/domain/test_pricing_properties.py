"""Properties that must hold for any input: breakdowns add up, bands cover exactly once,
bonus-only schemes never pay less for better quality."""

import itertools
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from pricing_helpers import preset, scheme

from coop_desktop.domain.pricing.model import Band

PERU = preset("peru-additive")
COLOMBIA = preset("colombia-quality")
quantities = st.decimals(min_value=Decimal("0.001"), max_value=500, places=3)
st_values = st.decimals(min_value=Decimal("10"), max_value=Decimal("14"), places=2)
ufc_values = st.integers(min_value=0, max_value=3_000_000).map(Decimal)


@given(quantities, st.sampled_from(["L", "kg"]), st_values, ufc_values)
def test_breakdown_adds_up_to_the_amount(
    qty: Decimal, unit: str, st_: Decimal, ufc: Decimal
) -> None:
    r = PERU.price(qty, unit, {"st": st_, "ufc": ufc})
    assert sum(ln.amount for ln in r.lines) == r.amount
    assert abs(r.quantity * r.unit_price - r.amount) <= Decimal("0.005")
    assert r.amount == PERU.amount(qty, unit, {"st": st_, "ufc": ufc})


@given(
    quantities,
    st.decimals(min_value=3, max_value=5, places=2),
    st.decimals(min_value="2.8", max_value="3.8", places=2),
    ufc_values,
    st.integers(min_value=50_000, max_value=900_000).map(Decimal),
    st.sets(st.sampled_from(["cooled", "herd_health", "good_practice"])),
)
def test_colombia_breakdown_adds_up(
    qty: Decimal, fat: Decimal, protein: Decimal, ufc: Decimal, scc: Decimal, flags: set[str]
) -> None:
    r = COLOMBIA.price(
        qty, "L", {"fat": fat, "protein": protein, "ufc": ufc, "scc": scc}, frozenset(flags)
    )
    assert sum(ln.amount for ln in r.lines) == r.amount


edges = st.lists(
    st.integers(min_value=0, max_value=10**6), min_size=2, max_size=8, unique=True
).map(sorted)


@given(edges, st.integers(min_value=-10, max_value=2 * 10**6))
def test_contiguous_bands_cover_every_value_exactly_once(points: list[int], value: int) -> None:
    bands = [Band(Decimal(lo), Decimal(hi), Decimal(0)) for lo, hi in itertools.pairwise(points)]
    bands[-1] = Band(bands[-1].low, None, Decimal(0))
    hits = [b for b in bands if b.contains(Decimal(value))]
    assert len(hits) == (1 if value >= points[0] else 0)


BONUS_ONLY = scheme(
    [
        {"type": "base", "rate": "1.10"},
        {"type": "steps", "measure": "st", "reference": "11.4", "step": "0.1", "bonus": "0.01"},
        {
            "type": "steps",
            "measure": "fat",
            "reference": "3.2",
            "step": "0.05",
            "bonus": "0.004",
            "max_bonus": "0.05",
        },
        {
            "type": "bands",
            "measure": "ufc",
            "bands": [
                {"low": "0", "high": "100000", "amount": "0.03"},
                {"low": "100000", "high": "300000", "amount": "0.01"},
                {"low": "300000", "high": None, "amount": "0"},
            ],
        },
    ]
)


@given(
    st_values,
    st_values,
    st.decimals(min_value=3, max_value=5, places=2),
    st.decimals(min_value=3, max_value=5, places=2),
    ufc_values,
    ufc_values,
    quantities,
)
def test_better_quality_never_pays_less(
    st1: Decimal, st2: Decimal, f1: Decimal, f2: Decimal, u1: Decimal, u2: Decimal, qty: Decimal
) -> None:
    worse = {"st": min(st1, st2), "fat": min(f1, f2), "ufc": max(u1, u2)}
    better = {"st": max(st1, st2), "fat": max(f1, f2), "ufc": min(u1, u2)}
    assert BONUS_ONLY.unit_price(better) >= BONUS_ONLY.unit_price(worse)
    assert BONUS_ONLY.amount(qty, "L", better) >= BONUS_ONLY.amount(qty, "L", worse)

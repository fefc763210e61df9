"""The fast period pricing gives exactly what pricing each delivery on its own gives."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from pricing_helpers import preset, scheme

from coop_desktop.domain.periods import parse_period
from coop_desktop.domain.pricing.basis import MemberQuality, Sample
from coop_desktop.domain.pricing.bulk import Row, price_period
from coop_desktop.domain.pricing.period import DeliveryIn, Timeline, price_member

SPAN = parse_period("2026-10")
MEMBERS = (1, 2, 3)

deliveries = st.lists(
    st.tuples(
        st.sampled_from(MEMBERS),
        st.integers(min_value=0, max_value=30),
        st.integers(min_value=1, max_value=40_000),
        st.sampled_from(["L", "kg"]),
        st.sampled_from([False] * 9 + [True]),
        st.sampled_from([None, None, None, False, True]),
        st.booleans(),
    ),
    min_size=1,
    max_size=60,
)
samples = st.lists(
    st.tuples(
        st.sampled_from(MEMBERS),
        st.integers(min_value=-20, max_value=30),
        st.integers(min_value=1100, max_value=1290),
        st.integers(min_value=50, max_value=2000),
    ),
    min_size=3,
    max_size=12,
)


def _timelines() -> list[Timeline]:
    peru = preset("peru-additive")
    latest = scheme(
        [
            {"type": "base", "rate": "1.10"},
            {
                "type": "bands",
                "measure": "ufc",
                "if_missing": "warn",
                "bands": [
                    {"low": "0", "high": "300000", "amount": "0.05"},
                    {"low": "300000", "high": None, "amount": "0"},
                ],
            },
            {"type": "flag", "flag": "cooled", "amount": "0.02"},
            {
                "type": "volume",
                "on": "period_total",
                "tiers": [
                    {"low": "0", "high": "100", "amount": "0"},
                    {"low": "100", "high": None, "amount": "0.01"},
                ],
            },
        ],
        basis={"kind": "latest", "max_age_days": 15},
        density="1.03",
        rejections=[{"measure": "alcohol", "positive": True, "reason": "Alcohol"}],
    )
    per_litre = scheme([{"type": "base", "rate": "1.50"}], unit="L", name="litre")
    daily_tiers = scheme(  # the daily average: total over the days with accepted milk
        [
            {"type": "base", "rate": "1.20"},
            {
                "type": "volume",
                "on": "daily_average",
                "tiers": [
                    {"low": "0", "high": "20", "amount": "0"},
                    {"low": "20", "high": None, "amount": "0.03"},
                ],
            },
        ],
        basis={"kind": "latest", "max_age_days": 40},
        name="daily",
    )
    return [
        Timeline([(date(2026, 1, 1), peru)]),
        Timeline([(date(2026, 1, 1), peru), (date(2026, 10, 12), latest)]),
        Timeline([(date(2026, 1, 1), per_litre)]),
        Timeline([(date(2026, 1, 1), daily_tiers)]),
    ]


TIMELINES = _timelines()


@settings(max_examples=120, deadline=None)
@given(deliveries, samples, st.sampled_from([0, 1, 2, 3]))
def test_bulk_equals_one_by_one(
    raw: list[tuple],
    raw_samples: list[tuple],  # type: ignore[type-arg]
    which: int,
) -> None:
    timeline = TIMELINES[which]
    quality = {
        m: MemberQuality(
            [
                Sample(
                    SPAN.start + timedelta(days=d),
                    {"st": Decimal(s) / 100, "ufc": Decimal(u * 1000)},
                )
                for mm, d, s, u in raw_samples
                if mm == m
            ]
        )
        for m in MEMBERS
    }
    rows = []
    for i, (member, day, qty, unit, rejected, alcohol, cooled) in enumerate(raw, start=1):
        rows.append(
            Row(
                i,
                member,
                SPAN.start + timedelta(days=day),
                qty,
                unit,
                rejected,
                "Acidez" if rejected else None,
                cooled,
                alcohol,
            )
        )
    fast = price_period(
        rows,
        timeline,
        quality,
        {},
        SPAN,
        lambda d: d,  # type: ignore[arg-type, return-value]
        collect_missing=True,
    )
    for member in MEMBERS:
        mine = [r for r in rows if r.member_id == member]
        if not mine:
            assert member not in fast
            continue
        ins = [
            DeliveryIn(
                r.id,
                member,
                r.day,
                "am",
                Decimal(r.quantity) / 1000,
                r.unit,  # type: ignore[arg-type]
                r.rejected,
                r.reason,
                r.cooled,
                {} if r.alcohol is None else {"alcohol": r.alcohol},
            )
            for r in mine
        ]
        slow = price_member(timeline, quality[member], ins, SPAN, collect_missing=True)
        got = fast[member]
        assert (got.kg, got.litres, got.rejected_litres) == (
            slow.kg,
            slow.litres,
            slow.rejected_litres,
        )
        assert got.lines == slow.lines
        assert got.gross == slow.gross
        assert bool(got.missing) == bool(slow.missing)

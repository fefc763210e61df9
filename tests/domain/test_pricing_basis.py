"""Quality basis, the scheme in force by date, and the settlement's milk lines."""

from datetime import date
from decimal import Decimal

import pytest
from pricing_helpers import preset, q, scheme

from coop_desktop.core.errors import Refused
from coop_desktop.domain.periods import parse_period
from coop_desktop.domain.pricing.basis import MemberQuality, Sample, quality_for
from coop_desktop.domain.pricing.model import Basis
from coop_desktop.domain.pricing.period import DeliveryIn, Timeline, price_member

D = Decimal
OCT = parse_period("2026-10-q1")


def test_domain_worked_example_fortnight() -> None:
    """15 deliveries of 15 L, samples averaging ST 12.1 and 250k UFC: 232.2 kg × 1.28."""
    samples = [
        Sample(date(2026, 10, 7), q(st="12.0", ufc="240000")),
        Sample(date(2026, 10, 15), q(st="12.2", ufc="260000")),
    ]
    deliveries = [DeliveryIn(i, 1, date(2026, 10, i), "am", D("15"), "L") for i in range(1, 16)]
    milk = price_member(
        Timeline([(date(2026, 1, 1), preset("peru-additive"))]),
        MemberQuality(samples),
        deliveries,
        OCT,
    )
    # weights: 7 days × 15 L and 8 days × 15 L → st (12.0×105 + 12.2×120)/225 = 12.1067 → 12.11
    assert [(ln.unit_price, ln.quantity, ln.amount) for ln in milk.lines] == [
        (D("1.28"), D("232.200"), D("297.22"))
    ]
    assert (milk.kg, milk.litres, milk.gross) == (D("232.200"), D("225.000"), D("297.22"))


def test_period_average_is_volume_weighted() -> None:
    member = MemberQuality(
        [Sample(date(2026, 10, 5), q(fat="3.00")), Sample(date(2026, 10, 10), q(fat="4.00"))]
    )
    volumes = {date(2026, 10, 1): D("10"), date(2026, 10, 8): D("30")}
    # first sample covers day 1 (10 L), the second days 6..15 (30 L): (3×10 + 4×30)/40
    assert member.period_average(OCT.start, OCT.end, volumes) == {"fat": D("3.75")}


def test_latest_and_rolling() -> None:
    member = MemberQuality(
        [
            Sample(date(2026, 10, 1), q(ufc="100000")),
            Sample(date(2026, 10, 8), q(ufc="200000")),
            Sample(date(2026, 10, 15), q(ufc="400000")),
        ]
    )
    assert member.latest(date(2026, 10, 10), 7) == q(ufc="200000")
    assert member.latest(date(2026, 10, 30), 7) == {}
    # 0.6 × 400k + 0.3 × 200k + 0.1 × 100k = 310k
    weights = (D("0.6"), D("0.3"), D("0.1"))
    assert member.rolling(date(2026, 10, 20), weights) == q(ufc="310000")
    # two samples only: (0.6 × 200k + 0.3 × 100k) / 0.9 = 166 666.67 → 166 667
    assert member.rolling(date(2026, 10, 9), weights) == q(ufc="166667")


def test_delivery_basis_uses_the_linked_test_then_same_day_sample() -> None:
    member = MemberQuality(
        [
            Sample(date(2026, 10, 2), q(fat="3.5"), delivery_id=7),
            Sample(date(2026, 10, 3), q(fat="3.9")),
        ]
    )
    basis = Basis("delivery")
    own = q(temperature="8")
    assert quality_for(basis, member, date(2026, 10, 2), 7, own, {}) == {
        "temperature": D("8"),
        "fat": D("3.5"),
    }
    assert quality_for(basis, member, date(2026, 10, 3), 9, own, {})["fat"] == D("3.9")
    assert quality_for(basis, member, date(2026, 10, 4), 10, own, {}) == own


def test_the_scheme_in_force_on_the_delivery_date_applies() -> None:
    old = scheme([{"type": "base", "rate": "1.20"}], name="old")
    new = scheme([{"type": "base", "rate": "1.40"}], name="new")
    timeline = Timeline([(date(2026, 10, 11), new), (date(2026, 1, 1), old)])
    assert timeline.at(date(2026, 10, 10)) is old
    assert timeline.at(date(2026, 10, 11)) is new
    with pytest.raises(Refused):
        timeline.at(date(2025, 12, 31))
    deliveries = [
        DeliveryIn(1, 1, date(2026, 10, 10), "am", D("10"), "kg"),
        DeliveryIn(2, 1, date(2026, 10, 11), "am", D("10"), "kg"),
        DeliveryIn(3, 1, date(2026, 10, 12), "pm", D("5"), "kg", rejected=True, reason="Acidez"),
    ]
    milk = price_member(timeline, MemberQuality([]), deliveries, OCT)
    assert [(ln.scheme, ln.unit_price, ln.amount, ln.rejected) for ln in milk.lines] == [
        ("new", D("1.40"), D("14.00"), False),
        ("old", D("1.20"), D("12.00"), False),
        ("new", D("0"), D("0.00"), True),
    ]
    assert milk.rejected_litres == D("4.845") and milk.gross == D("26.00")


def test_missing_tests_stop_or_are_listed() -> None:
    timeline = Timeline([(date(2026, 1, 1), preset("peru-additive"))])
    deliveries = [DeliveryIn(1, 1, date(2026, 10, 2), "am", D("10"), "L")]
    with pytest.raises(Refused) as err:
        price_member(timeline, MemberQuality([]), deliveries, OCT)
    assert "entrega 1" in err.value.render("es")
    milk = price_member(timeline, MemberQuality([]), deliveries, OCT, collect_missing=True)
    assert milk.missing == ((1, ("st", "ufc")),)

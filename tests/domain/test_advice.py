"""How to earn more: the tips are the engine's own prices at the improved quality."""

from datetime import date
from decimal import Decimal

from pricing_helpers import preset, q

from coop_desktop.domain.periods import parse_period
from coop_desktop.domain.pricing.advice import tips
from coop_desktop.domain.pricing.basis import MemberQuality, Sample
from coop_desktop.domain.pricing.period import DeliveryIn, MemberPeriod, Timeline, price_member

D = Decimal
SPAN = parse_period("2026-10-q1")


def _period(st_value: str) -> tuple[MemberPeriod, Timeline]:
    timeline = Timeline([(date(2026, 1, 1), preset("peru-additive"))])
    quality = MemberQuality([Sample(date(2026, 10, 7), q(st=st_value, ufc="250000"))])
    deliveries = [DeliveryIn(i, 1, date(2026, 10, i), "am", D("15"), "L") for i in range(1, 16)]
    return MemberPeriod(timeline, quality, deliveries, SPAN), timeline


def test_a_tip_completes_the_next_whole_step_and_matches_the_engine() -> None:
    ctx, timeline = _period("11.35")
    st_tip = next(t for t in tips(ctx) if t.measure == "st")
    # 11.35 and 11.45 pay the same (no whole step over 11.4); 11.50 pays one step more
    assert (st_tip.value, st_tip.target) == (D("11.35"), D("11.50"))
    better, _ = _period("11.50")
    now = price_member(timeline, ctx.quality, ctx.deliveries, SPAN).gross
    then = price_member(timeline, better.quality, better.deliveries, SPAN).gross
    assert st_tip.gain == then - now == D("2.32")  # 0.01 × 232.2 kg
    same, _ = _period("11.45")
    assert price_member(timeline, same.quality, same.deliveries, SPAN).gross == now


def test_no_tip_where_nothing_better_pays() -> None:
    ctx, _ = _period("12.1")
    best = MemberPeriod(
        ctx.timeline,
        MemberQuality([Sample(date(2026, 10, 7), q(st="12.1", ufc="50000"))]),
        ctx.deliveries,
        SPAN,
    )
    assert [t.measure for t in tips(best)] == ["st"]  # hygiene is already in class A


def test_deliveries_of_different_quality_are_told_each_moves_one_step() -> None:
    """Under a per-delivery basis the engine prices each delivery one step better; the tip
    says so instead of naming one delivery's value as the period's."""
    import json

    from coop_desktop.core.resources import resource_path
    from coop_desktop.domain.pricing import schema
    from coop_desktop.domain.pricing.pricer import Pricer
    from coop_desktop.services.statement_parts import tip_text

    data = json.loads(resource_path("schemes/peru-additive.json").read_text("utf-8"))
    data["basis"] = {"kind": "delivery"}
    timeline = Timeline([(date(2026, 1, 1), Pricer(schema.parse(data)))])
    samples = [
        Sample(date(2026, 10, 1), q(st="11.35", ufc="250000"), 1),
        Sample(date(2026, 10, 2), q(st="11.75", ufc="250000"), 2),
    ]
    deliveries = [DeliveryIn(i, 1, date(2026, 10, i), "am", D("15"), "L") for i in (1, 2)]
    ctx = MemberPeriod(timeline, MemberQuality(samples), deliveries, SPAN)
    st_tip = next(t for t in tips(ctx) if t.measure == "st")
    assert st_tip.each
    text = tip_text(st_tip, "es", "PEN")
    assert "cada entrega un escalón mejor" in text and "hoy" not in text

"""How to earn more: the member's own period priced again by the engine, with one measure
improved just enough to reach the next better step, band or chart cell of one component.

Nothing is estimated beside the engine: each accepted delivery is priced with the quality,
flags and volume it was priced with, then with the improved value; the deliveries are
grouped into milk lines as the close groups them, and the tip is the difference of the
gross. A step is paid only when it is whole, so the target is the value that completes
the next step (ST 11.35 with steps of 0.1 over 11.4 gets nothing until 11.50)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal

from coop_desktop.core.numbers import CENT, ONE, ZERO_MONEY, D, quantize
from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.pricing import model as m
from coop_desktop.domain.pricing.period import MemberPeriod, PricedDelivery, milk_lines
from coop_desktop.domain.pricing.pricer import MissingQuality

POINT = D("0.1")


@dataclass(frozen=True, slots=True)
class Tip:
    label: str  # the component, as the member reads it
    measure: str
    value: Decimal  # today's value (of the first delivery it applies to)
    target: Decimal
    band: str  # the better band's label, when the component is bands
    gain: Decimal  # money more over the period
    each: bool = False  # the deliveries had different values: each moved one step, band or
    # cell up (what the engine priced), not all to `target`


def _whole_steps(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding=ROUND_FLOOR)


def _targets(c: m.Component, value: Decimal, measure: str) -> list[tuple[Decimal, str]]:
    """The value(s) of `measure` that reach the next better step, band or cell."""
    if isinstance(c, m.Steps) and measure == c.measure:
        if value >= c.reference:
            return [(c.reference + (_whole_steps(value - c.reference, c.step) + 1) * c.step, "")]
        below = _whole_steps(c.reference - value, c.step)
        target = c.reference - (below - 1) * c.step if below else c.reference + c.step
        return [(target, "")]
    if isinstance(c, m.Bands) and measure == c.measure:
        here = next((i for i, b in enumerate(c.bands) if b.contains(value)), None)
        if here is None:
            return []
        better = [i for i, b in enumerate(c.bands) if b.amount > c.bands[here].amount]
        if not better:
            return []
        i = min(better, key=lambda j: abs(j - here))
        band = c.bands[i]
        unit = ONE.scaleb(-MEASURES[measure].scale)
        target = band.low if i > here and band.low is not None else (band.high or value) - unit
        return [(target, band.label)]
    if isinstance(c, m.PerComponent) and c.rate > 0:
        return [(value + POINT, "")]
    if isinstance(c, m.Chart):
        edges = c.row_edges if measure == c.row_measure else c.col_edges
        higher = [e for e in edges if e > value]
        return [(higher[0], "")] if higher else []
    return []


def _measure_of(c: m.Component) -> list[str]:
    if isinstance(c, m.Chart):
        return [c.row_measure, c.col_measure]
    if isinstance(c, m.PerComponent):
        return ["st" if c.measure == "other_solids" else c.measure]
    if isinstance(c, (m.Steps, m.Bands)):
        return [c.measure]
    return []


def _gross(priced: list[PricedDelivery]) -> Decimal:
    return sum((ln.amount for ln in milk_lines(priced)), ZERO_MONEY)


def tips(ctx: MemberPeriod) -> list[Tip]:
    """For each quality component of the schemes in force, what the period would have paid
    with the measure it reads at its next better value (only the tips that pay more)."""
    base: list[tuple[PricedDelivery, Mapping[str, Decimal | bool]]] = []
    for d in ctx.deliveries:
        pricer = ctx.timeline.at(d.day)
        if d.rejected or ctx.rejection(d, pricer) is not None:
            continue
        measures, flags, volume = ctx.measures(d, pricer), ctx.flags_of(d), ctx.volume(pricer)
        try:
            price = pricer.unit_price(measures, flags, volume)
        except MissingQuality:
            continue
        q, kg, litres = pricer.quantities(d.quantity, d.unit)
        s = pricer.scheme
        base.append(
            (
                PricedDelivery(
                    d, s.name, s.unit, q, kg, litres, price, quantize(q * price, CENT), False,
                    None, measures, flags, volume,
                ),
                measures,
            )
        )  # fmt: skip
    if not base:
        return []
    before = _gross([p for p, _ in base])
    found: dict[tuple[str, str], Tip] = {}
    for pricer in dict.fromkeys(ctx.timeline.at(p.delivery.day) for p, _ in base):
        for c in pricer.scheme.components:
            for measure in _measure_of(c):
                tip = _tip(ctx, base, c, measure, before)
                if tip is not None and (c.label, measure) not in found:
                    found[(c.label, measure)] = tip
    return list(found.values())


def _tip(
    ctx: MemberPeriod,
    base: list[tuple[PricedDelivery, Mapping[str, Decimal | bool]]],
    c: m.Component,
    measure: str,
    before: Decimal,
) -> Tip | None:
    improved: list[PricedDelivery] = []
    first: tuple[Decimal, Decimal, str] | None = None
    moves: set[tuple[Decimal, Decimal]] = set()
    for p, measures in base:
        pricer = ctx.timeline.at(p.delivery.day)
        value = measures.get(measure)
        targets = (
            _targets(c, value, measure)
            if isinstance(value, Decimal) and c in pricer.scheme.components
            else []
        )
        if not targets:
            improved.append(p)
            continue
        target, band = targets[0]
        first = first or (value, target, band)  # type: ignore[assignment]
        moves.add((value, target))  # type: ignore[arg-type]
        price = pricer.unit_price({**measures, measure: target}, p.flags, p.volume)
        improved.append(replace(p, unit_price=price, amount=quantize(p.quantity * price, CENT)))
    gain = _gross(improved) - before
    if first is None or gain <= 0:
        return None
    return Tip(c.label, measure, first[0], first[1], first[2], gain, len(moves) > 1)

"""Pricing a period's deliveries: the scheme in force on each date, the quality basis, and the
settlement's milk lines (deliveries grouped by unit price; each line total × price, rounded)."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coop_desktop import formatting as fmt
from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.domain.pricing.basis import MemberQuality, quality_for
from coop_desktop.domain.pricing.engine import CENT, MissingQuality, Pricer
from coop_desktop.errors import Refused
from coop_desktop.numbers import ZERO, ZERO_MONEY, quantize


@dataclass(frozen=True, slots=True)
class DeliveryIn:
    id: int
    member_id: int
    day: date
    shift: str
    quantity: Decimal
    unit: str
    rejected: bool = False
    reason: str | None = None
    cooled: bool = False
    own: Mapping[str, Decimal | bool] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PricedDelivery:
    delivery: DeliveryIn
    scheme: str
    unit: str  # the scheme's pricing unit
    quantity: Decimal  # in that unit
    kg: Decimal
    litres: Decimal
    unit_price: Decimal
    amount: Decimal
    rejected: bool
    reason: str | None
    quality: Mapping[str, Decimal | bool]


@dataclass(frozen=True, slots=True)
class MilkLine:
    scheme: str
    unit: str
    unit_price: Decimal
    quantity: Decimal
    amount: Decimal
    deliveries: int
    rejected: bool
    reason: str = ""  # for a line of rejected milk


@dataclass(frozen=True, slots=True)
class MemberMilk:
    member_id: int
    kg: Decimal
    litres: Decimal
    rejected_litres: Decimal
    lines: tuple[MilkLine, ...]
    deliveries: tuple[PricedDelivery, ...]
    missing: tuple[tuple[int, tuple[str, ...]], ...] = ()  # (delivery id, measures)

    @property
    def gross(self) -> Decimal:
        return sum((ln.amount for ln in self.lines), ZERO_MONEY)


class Timeline:
    """The scheme versions by effective date; `at(day)` is the one in force that day."""

    def __init__(self, versions: Sequence[tuple[date, Pricer]]) -> None:
        ordered = sorted(versions, key=lambda v: v[0])
        self._days = [v[0] for v in ordered]
        self._pricers = [v[1] for v in ordered]

    @classmethod
    def from_definitions(cls, versions: Sequence[tuple[date, str]]) -> Timeline:
        """From stored (effective date, scheme JSON) pairs."""
        from coop_desktop.domain.pricing.schema import loads

        return cls([(day, Pricer(loads(text)[0])) for day, text in versions])

    def pricers(self) -> tuple[Pricer, ...]:
        return tuple(self._pricers)

    def at(self, day: date) -> Pricer:
        i = bisect_right(self._days, day)
        if i == 0:
            raise Refused("no_scheme_in_force", value=fmt.day(day))
        return self._pricers[i - 1]


def milk_lines(priced: Sequence[PricedDelivery]) -> tuple[MilkLine, ...]:
    """Deliveries paid at the same unit price form one line: total quantity × unit price."""
    groups: dict[tuple[bool, str, str, Decimal, str], list[PricedDelivery]] = defaultdict(list)
    for p in priced:
        groups[(p.rejected, p.scheme, p.unit, p.unit_price, p.reason or "")].append(p)
    lines = []
    for (rejected, scheme, unit, price, reason), items in sorted(
        groups.items(), key=lambda kv: (kv[0][0], kv[0][1], -kv[0][3], kv[0][4])
    ):
        total = sum((p.quantity for p in items), ZERO)
        lines.append(
            MilkLine(
                scheme,
                unit,
                price,
                total,
                quantize(total * price, CENT),
                len(items),
                rejected,
                reason if rejected else "",
            )
        )
    return tuple(lines)


def price_member(
    timeline: Timeline,
    quality: MemberQuality,
    deliveries: Sequence[DeliveryIn],
    span: PeriodSpan,
    flags: frozenset[str] = frozenset(),
    collect_missing: bool = False,
) -> MemberMilk:
    """Price one member's deliveries of a period. Missing tests raise `MissingQuality`
    unless `collect_missing`, which lists them instead (for previews and warnings)."""
    volumes: dict[date, Decimal] = defaultdict(lambda: ZERO)
    for d in deliveries:
        if not d.rejected:
            volumes[d.day] += d.quantity
    cache_avg: dict[int, Mapping[str, Decimal | bool]] = {}
    priced: list[PricedDelivery] = []
    missing: list[tuple[int, tuple[str, ...]]] = []
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for d in deliveries:  # period volume per scheme, in its unit, for volume tiers
        if not d.rejected:
            pricer = timeline.at(d.day)
            totals[id(pricer)] += pricer.quantities(d.quantity, d.unit)[0]
    days_delivered = len(volumes) or 1
    for d in deliveries:
        pricer = timeline.at(d.day)
        q, kg, litres = pricer.quantities(d.quantity, d.unit)
        name, unit = pricer.scheme.name, pricer.scheme.unit
        if d.rejected:
            priced.append(
                PricedDelivery(
                    d, name, unit, q, kg, litres, ZERO, ZERO, True, d.reason or "Rechazada", {}
                )
            )
            continue
        basis = pricer.scheme.basis
        if basis.kind == "period_average" and id(pricer) not in cache_avg:
            cache_avg[id(pricer)] = quality.period_average(span.start, span.end, volumes)
        measures = quality_for(basis, quality, d.day, d.id, d.own, cache_avg.get(id(pricer), {}))
        tier_volume = totals[id(pricer)]
        if any(getattr(c, "on", None) == "daily_average" for c in pricer.scheme.components):
            tier_volume = quantize(tier_volume / days_delivered, Decimal("0.001"))
        all_flags = flags | ({"cooled"} if d.cooled else frozenset())
        rule = None
        if pricer.scheme.rejections:  # rules look at the delivery's own tests only
            linked = quality.by_delivery.get(d.id)
            rule = pricer.rejection({**d.own, **linked.measures} if linked else d.own)
        if rule is not None:
            priced.append(
                PricedDelivery(
                    d,
                    name,
                    unit,
                    q,
                    kg,
                    litres,
                    rule.price,
                    quantize(q * rule.price, CENT),
                    True,
                    rule.reason,
                    measures,
                )
            )
            continue
        try:
            unit_price = pricer.unit_price(measures, all_flags, tier_volume)
        except MissingQuality as exc:
            if not collect_missing:
                raise MissingQuality(
                    exc.measures, f"la entrega {d.id} del {fmt.day(d.day)}"
                ) from None
            missing.append((d.id, tuple(exc.measures)))
            unit_price = ZERO
        priced.append(
            PricedDelivery(
                d,
                name,
                unit,
                q,
                kg,
                litres,
                unit_price,
                quantize(q * unit_price, CENT),
                False,
                None,
                measures,
            )
        )
    kg_total = sum((p.kg for p in priced if not p.rejected), ZERO)
    l_total = sum((p.litres for p in priced if not p.rejected), ZERO)
    rejected_l = sum((p.litres for p in priced if p.rejected), ZERO)
    member_id = deliveries[0].member_id if deliveries else 0
    return MemberMilk(
        member_id, kg_total, l_total, rejected_l, milk_lines(priced), tuple(priced), tuple(missing)
    )

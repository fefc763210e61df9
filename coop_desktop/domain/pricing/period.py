"""Pricing a period's deliveries, the reference way: one delivery at a time, with the scheme
in force on its date and the scheme's quality basis; a settlement's milk lines group the
deliveries paid at the same unit price (each line: total quantity × unit price, rounded).

`price_member` is the definition of what a period pays. `bulk.price_period` computes the same
function faster (it sums before it prices); a property test holds them equal, member by
member, for schemes of every family, basis, unit and rejection rule."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coop_desktop.core.errors import Refused
from coop_desktop.core.i18n import N_, Later
from coop_desktop.core.numbers import CENT, GRAM, ZERO, ZERO_MONEY, ZERO_QUANTITY, quantize
from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.domain.practices import NO_PRACTICES, Held
from coop_desktop.domain.pricing import model as m
from coop_desktop.domain.pricing.basis import MemberQuality, quality_for
from coop_desktop.domain.pricing.model import Scheme
from coop_desktop.domain.pricing.pricer import MissingQuality, Pricer

REJECTED = "Rechazada"


@dataclass(frozen=True, slots=True)
class DeliveryIn:
    """One delivery as pricing sees it: `own` holds its quick tests (alcohol, temperature,
    density), the measures a rejection rule may read besides a lab test linked to it."""

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
    flags: frozenset[str] = frozenset()
    volume: Decimal | None = None  # the volume its tiers were read at


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
    ids: tuple[int, ...] = ()  # the deliveries the line pays, ascending


@dataclass(frozen=True, slots=True)
class Milk:
    """What one member's milk of a period is worth: the milk lines, the totals, and (from
    the reference pricing only) each delivery priced on its own."""

    member_id: int
    kg: Decimal
    litres: Decimal
    rejected_litres: Decimal
    deliveries: int
    lines: tuple[MilkLine, ...]
    missing: tuple[tuple[int, tuple[str, ...]], ...] = ()  # (delivery id or 0, measures)
    priced: tuple[PricedDelivery, ...] = ()
    unpriced: int = 0  # deliveries left at 0 for a missing test (when collected)
    # that accepted milk (without the tests its scheme needs): litres, kg and the quantity
    # in the pricing unit, so a report can set it apart instead of reading it as priced at 0
    untested_litres: Decimal = ZERO
    untested_kg: Decimal = ZERO
    untested_quantity: Decimal = ZERO

    @property
    def gross(self) -> Decimal:
        return sum((ln.amount for ln in self.lines), ZERO_MONEY)


def no_milk(member_id: int) -> Milk:
    nothing = ZERO_QUANTITY
    return Milk(member_id, nothing, nothing, nothing, 0, ())


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

    @classmethod
    def from_schemes(cls, versions: Sequence[tuple[date, Scheme]]) -> Timeline:
        return cls([(day, Pricer(scheme)) for day, scheme in versions])

    def schemes(self) -> tuple[tuple[date, Scheme], ...]:
        return tuple((d, p.scheme) for d, p in zip(self._days, self._pricers, strict=True))

    def pricers(self) -> tuple[Pricer, ...]:
        return tuple(self._pricers)

    def at(self, day: date) -> Pricer:
        i = bisect_right(self._days, day)
        if i == 0:
            raise Refused("no_scheme_in_force", value=day)
        return self._pricers[i - 1]

    def effective(self, day: date) -> date:
        """The effective date of the version in force on `day`."""
        self.at(day)
        return self._days[bisect_right(self._days, day) - 1]


def line_order(key: tuple[bool, str, str, Decimal, str]) -> tuple[bool, str, str, Decimal, str]:
    """Lines in a fixed order: accepted milk first, by scheme, unit, higher price first."""
    rejected, scheme, unit, price, reason = key
    return (rejected, scheme, unit, -price, reason)


def milk_lines(priced: Sequence[PricedDelivery]) -> tuple[MilkLine, ...]:
    """Deliveries paid at the same unit price form one line: total quantity × unit price."""
    groups: dict[tuple[bool, str, str, Decimal, str], list[PricedDelivery]] = defaultdict(list)
    for p in priced:
        groups[(p.rejected, p.scheme, p.unit, p.unit_price, p.reason or "")].append(p)
    lines = []
    for key in sorted(groups, key=line_order):
        rejected, scheme, unit, price, reason = key
        items = groups[key]
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
                tuple(sorted(p.delivery.id for p in items)),
            )
        )
    return tuple(lines)


def daily_tiers(pricer: Pricer) -> bool:
    return any(getattr(c, "on", None) == "daily_average" for c in pricer.scheme.components)


class MemberPeriod:
    """What a member's period gives each delivery before any price is computed: the scheme
    in force, the quality under its basis, the flags held on its date and the volume its
    tiers read.

    Volumes that weigh samples (period averages) are accepted litres per day; volume tiers
    read the accepted quantity of the period in the scheme's unit (or its daily average over
    the days with accepted milk). Statements read a closed period's qualities from here
    without pricing anything."""

    def __init__(
        self,
        timeline: Timeline,
        quality: MemberQuality,
        deliveries: Sequence[DeliveryIn],
        span: PeriodSpan,
        flags: Held = NO_PRACTICES,
    ) -> None:
        self.timeline, self.quality, self.span, self.flags = timeline, quality, span, flags
        self.deliveries = deliveries
        self.litres_by_day: dict[date, Decimal] = defaultdict(lambda: ZERO)
        self._totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for d in deliveries:
            if not d.rejected:
                pricer = timeline.at(d.day)
                q, _kg, litres = pricer.quantities(d.quantity, d.unit)
                self.litres_by_day[d.day] += litres
                self._totals[id(pricer)] += q
        self._days = len(self.litres_by_day) or 1
        self._averages: dict[int, Mapping[str, Decimal | bool]] = {}

    def measures(self, d: DeliveryIn, pricer: Pricer) -> Mapping[str, Decimal | bool]:
        """The quality that prices `d` under its scheme's basis."""
        basis = pricer.scheme.basis
        if basis.kind == "period_average" and id(pricer) not in self._averages:
            self._averages[id(pricer)] = self.quality.period_average(
                self.span.start, self.span.end, self.litres_by_day, pricer.needed
            )
        return quality_for(
            basis, self.quality, d.day, d.id, d.own, self._averages.get(id(pricer), {})
        )

    def volume(self, pricer: Pricer) -> Decimal:
        """The volume the scheme's tiers read."""
        total = self._totals[id(pricer)]
        return quantize(total / self._days, GRAM) if daily_tiers(pricer) else total

    def flags_of(self, d: DeliveryIn) -> frozenset[str]:
        """The certifications held on the delivery's date, and whether it came cooled."""
        return self.flags.on(d.day) | ({"cooled"} if d.cooled else frozenset())

    def rejection(self, d: DeliveryIn, pricer: Pricer) -> m.Rejection | None:
        """The rule its own tests (quick tests and a lab test linked to it) trigger."""
        if not pricer.scheme.rejections:
            return None
        linked = self.quality.by_delivery.get(d.id)
        return pricer.rejection({**d.own, **linked.measures} if linked else d.own)


def price_member(
    timeline: Timeline,
    quality: MemberQuality,
    deliveries: Sequence[DeliveryIn],
    span: PeriodSpan,
    flags: Held = NO_PRACTICES,
    collect_missing: bool = False,
) -> Milk:
    """Price one member's deliveries of a period. Missing tests raise `MissingQuality`
    unless `collect_missing`, which lists them instead (for previews and warnings)."""
    ctx = MemberPeriod(timeline, quality, deliveries, span, flags)
    priced: list[PricedDelivery] = []
    missing: list[tuple[int, tuple[str, ...]]] = []
    untested: list[tuple[Decimal, Decimal, Decimal]] = []  # litres, kg, quantity
    for d in deliveries:
        pricer = timeline.at(d.day)
        q, kg, litres = pricer.quantities(d.quantity, d.unit)
        name, unit = pricer.scheme.name, pricer.scheme.unit
        if d.rejected:
            priced.append(
                PricedDelivery(
                    d, name, unit, q, kg, litres, ZERO, ZERO, True, d.reason or REJECTED, {}
                )
            )
            continue
        measures = ctx.measures(d, pricer)
        tier_volume = ctx.volume(pricer)
        all_flags = ctx.flags_of(d)
        rule = ctx.rejection(d, pricer)
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
                    all_flags,
                    tier_volume,
                )
            )
            continue
        try:
            unit_price = pricer.unit_price(measures, all_flags, tier_volume)
        except MissingQuality as exc:
            if not collect_missing:
                raise exc.about(
                    Later(N_("la entrega {id} del {day}"), id=d.id, day=f"{d.day:%d/%m/%Y}")
                ) from None
            missing.append((d.id, tuple(exc.measures)))
            untested.append((litres, kg, q))
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
                all_flags,
                tier_volume,
            )
        )
    member_id = deliveries[0].member_id if deliveries else 0
    return Milk(
        member_id,
        sum((p.kg for p in priced if not p.rejected), ZERO),
        sum((p.litres for p in priced if not p.rejected), ZERO),
        sum((p.litres for p in priced if p.rejected), ZERO),
        len(priced),
        milk_lines(priced),
        tuple(missing),
        tuple(priced),
        len(missing),
        sum((u[0] for u in untested), ZERO),
        sum((u[1] for u in untested), ZERO),
        sum((u[2] for u in untested), ZERO),
    )

"""Indicators for the assembly and the development project: what each producer delivered,
its quality and what it was paid, summed over a date range, for everyone and per group.

Pure arithmetic over plain facts (the service reads them): sums of integer minor units,
divisions in Decimal, every figure rounded half up once, at the step named in `PLACES`.
The keys of `KEYS` are the stable JSON keys documented in docs/indicators.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from coop_desktop.core.numbers import HUNDRED, ONE, ZERO, D, quantize
from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.pricing.model import Bands, Base, Scheme

QUALITY_KEYS = ("fat", "protein", "st", "ufc", "scc")
HUNDRED = HUNDRED
NATIONAL_REFERENCE_PRICE = D("1.54")  # S/ per kg, Peru's 2024 farm-gate average

# Every figure and its decimal places (None: a whole count).
PLACES: dict[str, int | None] = {
    "producers": None,
    "producers_women": None,
    "producers_men": None,
    "producers_new": None,
    "producers_lost": None,
    "delivery_days": None,
    "litres": 3,
    "kg": 3,
    "litres_per_producer_day": 3,
    "litres_per_day": 3,
    "producers_untested": None,
    "litres_untested": 3,
    "kg_untested": 3,
    "kg_priced": 3,
    "producers_with_samples": None,
    "samples": None,
    **{f"avg_{k}": MEASURES[k].scale for k in QUALITY_KEYS},
    **{f"samples_with_{k}": None for k in QUALITY_KEYS},
    **{f"producers_with_{k}": None for k in QUALITY_KEYS},
    **{f"share_samples_meeting_{k}": 2 for k in QUALITY_KEYS},
    **{f"share_producers_meeting_{k}": 2 for k in QUALITY_KEYS},
    "avg_price_per_kg": 4,
    "reference_price_per_kg": 4,
    "price_vs_reference": 4,
    "price_vs_reference_pct": 2,
    "quality_premium": 2,
    "quality_premium_per_kg": 4,
    "gross": 2,
    "net": 2,
    "gross_per_producer": 2,
    "net_per_producer": 2,
    "litres_women": 3,
    "litres_men": 3,
    "gross_women": 2,
    "gross_men": 2,
    "net_women": 2,
    "net_men": 2,
    "gross_per_producer_women": 2,
    "gross_per_producer_men": 2,
    "net_per_producer_women": 2,
    "net_per_producer_men": 2,
    "share_women_producers": 2,
    "share_women_litres": 2,
    "share_women_gross": 2,
    "share_women_net": 2,
}
KEYS: tuple[str, ...] = tuple(PLACES)
# What each share (and each ratio people could misread) is taken of: another key of KEYS.
DENOMINATORS: dict[str, str] = {
    **{f"share_samples_meeting_{k}": f"samples_with_{k}" for k in QUALITY_KEYS},
    **{f"share_producers_meeting_{k}": f"producers_with_{k}" for k in QUALITY_KEYS},
    "share_women_producers": "producers",
    "share_women_litres": "litres",
    "share_women_gross": "gross",
    "share_women_net": "net",
    "price_vs_reference_pct": "reference_price_per_kg",
    "litres_per_producer_day": "delivery_days",
    "avg_price_per_kg": "kg_priced",
    "quality_premium_per_kg": "kg_priced",
    "gross_per_producer": "producers",
    "net_per_producer": "producers",
    "gross_per_producer_women": "producers_women",
    "net_per_producer_women": "producers_women",
    "gross_per_producer_men": "producers_men",
    "net_per_producer_men": "producers_men",
}

Value = Decimal | int | None


@dataclass(frozen=True, slots=True)
class SampleSums:
    """One member's samples of one measure: SUM in minor units, COUNT, and how many were
    within the NTP 202.001 reference."""

    total: int
    count: int
    meeting: int


@dataclass(frozen=True, slots=True)
class QualityClass:
    """A band of one of the scheme's own quality classes ([low, high), as the scheme says)."""

    component: str
    measure: str
    label: str
    low: Decimal | None
    high: Decimal | None

    def contains(self, value: Decimal) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value < self.high)


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """What one member did in a range (summed over its periods) and who the member is; for
    the practice grouping, what it did while it held `practices` (a part of the range)."""

    member_id: int
    gender: str | None
    district: str | None
    community: str | None
    centre: str | None
    practices: frozenset[str] = frozenset()
    delivered: bool = False  # at least one delivery, accepted or rejected
    days: int = 0  # days with accepted milk
    litres: Decimal = ZERO  # accepted, as paid
    kg: Decimal = ZERO
    gross: Decimal = ZERO
    net: Decimal = ZERO
    premium: Decimal | None = None  # priced milk's value above the scheme's base price
    untested_litres: Decimal = ZERO  # accepted milk of open periods without its tests
    untested_kg: Decimal = ZERO
    samples: int = 0  # quality tests (rows) in the range
    quality: Mapping[str, SampleSums] = field(default_factory=dict)
    classes: tuple[int, ...] = ()  # samples in each `QualityClass`, in order

    def merge(self, other: MemberFacts) -> MemberFacts:
        """The same member's facts over two parts of the range, added."""
        keys = set(self.quality) | set(other.quality)
        none = SampleSums(0, 0, 0)
        quality = {
            k: SampleSums(
                self.quality.get(k, none).total + other.quality.get(k, none).total,
                self.quality.get(k, none).count + other.quality.get(k, none).count,
                self.quality.get(k, none).meeting + other.quality.get(k, none).meeting,
            )
            for k in keys
        }
        width = max(len(self.classes), len(other.classes))
        classes = tuple(
            (self.classes[i] if i < len(self.classes) else 0)
            + (other.classes[i] if i < len(other.classes) else 0)
            for i in range(width)
        )
        premiums = [p for p in (self.premium, other.premium) if p is not None]
        return replace(
            self,
            delivered=self.delivered or other.delivered,
            days=self.days + other.days,
            litres=self.litres + other.litres,
            kg=self.kg + other.kg,
            gross=self.gross + other.gross,
            net=self.net + other.net,
            premium=sum(premiums, ZERO) if premiums else None,
            untested_litres=self.untested_litres + other.untested_litres,
            untested_kg=self.untested_kg + other.untested_kg,
            samples=self.samples + other.samples,
            quality=quality,
            classes=classes,
        )


@dataclass(frozen=True, slots=True)
class ClassShare:
    component: str
    measure: str
    label: str
    samples: int
    share_samples: Decimal | None
    producers: int
    share_producers: Decimal | None
    samples_measured: int = 0  # the share of samples is taken of these
    producers_measured: int = 0  # the share of producers is taken of these


@dataclass(frozen=True, slots=True)
class Figures:
    values: Mapping[str, Value]
    classes: tuple[ClassShare, ...] = ()

    def __getitem__(self, key: str) -> Value:
        return self.values[key]


@dataclass(frozen=True, slots=True)
class Change:
    absolute: Decimal | int | None
    percent: Decimal | None


def _round(key: str, value: Decimal | int | None) -> Value:
    if value is None:
        return None
    places = PLACES[key]
    if places is None:
        return int(value)
    return quantize(D(value), ONE.scaleb(-places))


def _percent(value: Decimal | None) -> Decimal | None:
    return None if value is None else quantize(value)


def ratio(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    return None if not whole else D(part) / D(whole)


def share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    r = ratio(part, whole)
    return None if r is None else r * HUNDRED


def _within(key: str, value: Decimal) -> bool:
    m = MEASURES[key]
    return (m.ref_low is None or value >= m.ref_low) and (m.ref_high is None or value <= m.ref_high)


def mean(sums: SampleSums, key: str) -> Decimal:
    """A member's average of one measure, exact: SUM of minor units / COUNT."""
    return D(sums.total).scaleb(-MEASURES[key].scale) / sums.count


def figures(
    facts: Iterable[MemberFacts],
    *,
    days: int,
    reference_price: Decimal,
    classes: Sequence[QualityClass] = (),
    baseline_producers: frozenset[int] | None = None,
) -> Figures:
    """Every figure of `KEYS` for these members over a range of `days` days."""
    members = list(facts)
    producers = [m for m in members if m.delivered]
    ids = frozenset(m.member_id for m in producers)
    women = [m for m in producers if m.gender == "f"]
    men = [m for m in producers if m.gender == "m"]
    litres = sum((m.litres for m in members), ZERO)
    kg = sum((m.kg for m in members), ZERO)
    gross = sum((m.gross for m in members), ZERO)
    net = sum((m.net for m in members), ZERO)
    untested_kg = sum((m.untested_kg for m in members), ZERO)
    priced_kg = kg - untested_kg
    member_days = sum(m.days for m in producers)
    v: dict[str, Decimal | int | None] = {
        "producers": len(producers),
        "producers_women": len(women),
        "producers_men": len(men),
        "producers_new": None if baseline_producers is None else len(ids - baseline_producers),
        "producers_lost": None if baseline_producers is None else len(baseline_producers - ids),
        "delivery_days": member_days,
        "litres": litres,
        "kg": kg,
        "litres_per_producer_day": ratio(litres, member_days),
        "litres_per_day": ratio(litres, days),
        "producers_untested": sum(1 for m in producers if m.untested_litres or m.untested_kg),
        "litres_untested": sum((m.untested_litres for m in members), ZERO),
        "kg_untested": untested_kg,
        "kg_priced": priced_kg,
    }
    v |= _quality(producers)
    price = ratio(gross, priced_kg)
    premiums = [m.premium for m in members if m.premium is not None]
    premium = sum(premiums, ZERO) if premiums else None
    v |= {
        "avg_price_per_kg": price,
        "reference_price_per_kg": reference_price,
        "price_vs_reference": None if price is None else price - reference_price,
        "price_vs_reference_pct": None
        if price is None or not reference_price
        else (price - reference_price) / reference_price * HUNDRED,
        "quality_premium": premium,
        "quality_premium_per_kg": None if premium is None else ratio(premium, priced_kg),
        "gross": gross,
        "net": net,
        "gross_per_producer": ratio(gross, len(producers)),
        "net_per_producer": ratio(net, len(producers)),
    }
    by_gender = {"women": women, "men": men}
    for name, group in by_gender.items():
        g_gross = sum((m.gross for m in group), ZERO)
        g_net = sum((m.net for m in group), ZERO)
        v[f"litres_{name}"] = sum((m.litres for m in group), ZERO)
        v[f"gross_{name}"] = g_gross
        v[f"net_{name}"] = g_net
        v[f"gross_per_producer_{name}"] = ratio(g_gross, len(group))
        v[f"net_per_producer_{name}"] = ratio(g_net, len(group))
    v |= {
        "share_women_producers": share(len(women), len(producers)),
        "share_women_litres": share(v["litres_women"] or 0, litres),
        "share_women_gross": share(v["gross_women"] or 0, gross),
        "share_women_net": share(v["net_women"] or 0, net),
    }
    return Figures({key: _round(key, v[key]) for key in KEYS}, _class_shares(producers, classes))


def _quality(producers: Sequence[MemberFacts]) -> dict[str, Decimal | int | None]:
    """Volume-weighted averages (each producer's own average weighed by the litres it
    delivered) and the shares of samples and of producers within the NTP reference."""
    tested = [m for m in producers if any(s.count for s in m.quality.values())]
    v: dict[str, Decimal | int | None] = {
        "producers_with_samples": len(tested),
        "samples": sum(m.samples for m in producers),
    }
    for key in QUALITY_KEYS:
        weighted = ZERO
        weight = ZERO
        samples = meeting = 0
        meeting_producers = with_key = 0
        for m in producers:
            sums = m.quality.get(key)
            if sums is None or not sums.count:
                continue
            average = mean(sums, key)
            weighted += average * m.litres
            weight += m.litres
            samples += sums.count
            meeting += sums.meeting
            with_key += 1
            meeting_producers += _within(key, average)
        v[f"avg_{key}"] = ratio(weighted, weight)
        v[f"samples_with_{key}"] = samples
        v[f"producers_with_{key}"] = with_key
        v[f"share_samples_meeting_{key}"] = share(meeting, samples)
        v[f"share_producers_meeting_{key}"] = share(meeting_producers, with_key)
    return v


def _class_shares(
    producers: Sequence[MemberFacts], classes: Sequence[QualityClass]
) -> tuple[ClassShare, ...]:
    result = []
    for i, c in enumerate(classes):
        samples = sum(m.classes[i] for m in producers if len(m.classes) > i)
        measured = [m for m in producers if (s := m.quality.get(c.measure)) is not None and s.count]
        all_samples = sum(m.quality[c.measure].count for m in measured)
        in_class = sum(1 for m in measured if c.contains(mean(m.quality[c.measure], c.measure)))
        result.append(
            ClassShare(
                c.component,
                c.measure,
                c.label,
                samples,
                _percent(share(samples, all_samples)),
                in_class,
                _percent(share(in_class, len(measured))),
                all_samples,
                len(measured),
            )
        )
    return tuple(result)


# Differences that may be negative: a relative change of them would mislead.
NO_RELATIVE_CHANGE = frozenset({"price_vs_reference", "price_vs_reference_pct"})


def change(current: Figures, baseline: Figures) -> dict[str, Change]:
    """Each figure against the baseline: the difference (in the figure's own unit; points
    for shares) and the relative change in percent (None when the baseline is 0 or absent,
    or the figure is itself a difference)."""
    result = {}
    for key in KEYS:
        now, before = current[key], baseline[key]
        if now is None or before is None:
            result[key] = Change(None, None)
            continue
        diff = now - before
        pct = (
            None
            if not before or key in NO_RELATIVE_CHANGE
            else quantize(D(diff) / D(before) * HUNDRED)
        )
        result[key] = Change(diff, pct)
    return result


def scheme_classes(scheme: Scheme) -> tuple[QualityClass, ...]:
    """The scheme's own quality classes: every band of its band components."""
    return tuple(
        QualityClass(c.label, c.measure, b.label or f"{b.low}–{b.high}", b.low, b.high)
        for c in scheme.components
        if isinstance(c, Bands) and c.measure in MEASURES
        for b in c.bands
    )


def base_rate(scheme: Scheme) -> Decimal | None:
    """The scheme's base price per its unit (None when it has no base component)."""
    rates = [c.rate for c in scheme.components if isinstance(c, Base)]
    return sum(rates, ZERO) if rates else None

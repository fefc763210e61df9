"""Which quality values price a delivery (the scheme's quality basis).

- `delivery`: the delivery's own test (a lab test linked to it, else the member's sample of
  the same day), plus its quick tests;
- `latest`: the member's latest sample on or before the delivery date, at most N days old;
- `period_average`: the period's samples averaged, each weighted by the accepted volume it
  covers (the deliveries from the day after the previous sample up to its date; deliveries
  after the last sample count for the last one);
- `rolling`: the last k samples up to the delivery date, weighted (e.g. 60/30/10), the weights
  renormalised when fewer samples exist.
Averages are rounded half up to each measure's own precision, the precision lab results have.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from coop_desktop.core.numbers import ONE, ZERO, quantize
from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.pricing.model import Basis


@dataclass(frozen=True, slots=True)
class Sample:
    day: date
    measures: Mapping[str, Decimal | bool]
    delivery_id: int | None = None


def _round(key: str, value: Decimal) -> Decimal:
    return quantize(value, ONE.scaleb(-MEASURES[key].scale))


def weighted(
    samples: Sequence[Sample], weights: Sequence[Decimal | int], keys: Iterable[str] | None = None
) -> dict[str, Decimal | bool]:
    """Per measure: the weighted mean over the samples that have it (weights renormalised).
    Pass/fail measures are positive when any sample with weight is positive. `keys` limits
    the work to the measures a scheme uses."""
    result: dict[str, Decimal | bool] = {}
    wanted = keys if keys is not None else {k for s in samples for k in s.measures}
    for key in wanted:
        if MEASURES[key].boolean:
            flags = [
                bool(s.measures[key])
                for s, w in zip(samples, weights, strict=True)
                if key in s.measures and w > 0
            ]
            if flags:
                result[key] = any(flags)
            continue
        total = ZERO
        weight: Decimal | int = 0
        for s, w in zip(samples, weights, strict=True):
            value = s.measures.get(key)
            if isinstance(value, Decimal) and not isinstance(value, bool):
                total += value * w
                weight += w
        if weight > 0:
            result[key] = _round(key, total / weight)
    return result


class MemberQuality:
    """One member's samples, sorted by date, answering "which quality for this delivery"."""

    def __init__(self, samples: Sequence[Sample]) -> None:
        self.samples = sorted(samples, key=lambda s: s.day)
        self._days = [s.day for s in self.samples]
        self.by_delivery = {s.delivery_id: s for s in self.samples if s.delivery_id is not None}

    def latest(self, day: date, max_age_days: int | None) -> Mapping[str, Decimal | bool]:
        i = bisect_right(self._days, day)
        if i == 0:
            return {}
        sample = self.samples[i - 1]
        if max_age_days is not None and sample.day < day - timedelta(days=max_age_days):
            return {}
        return sample.measures

    def rolling(self, day: date, weights: Sequence[Decimal]) -> dict[str, Decimal | bool]:
        i = bisect_right(self._days, day)
        recent = list(reversed(self.samples[max(0, i - len(weights)) : i]))
        return weighted(recent, list(weights[: len(recent)])) if recent else {}

    def period_average(
        self,
        start: date,
        end: date,
        volumes: Mapping[date, Decimal | int],
        keys: Iterable[str] | None = None,
    ) -> dict[str, Decimal | bool]:
        """Samples within [start, end], weighted by the accepted volume each covers."""
        by_day: list[Decimal | int] = [0] * ((end - start).days + 1)
        for day, volume in volumes.items():
            if start <= day <= end:
                by_day[(day - start).days] += volume
        return self.period_average_by_day(start, by_day, keys)

    def period_average_by_day(
        self,
        start: date,
        by_day: Sequence[Decimal | int],
        keys: Iterable[str] | None = None,
    ) -> dict[str, Decimal | bool]:
        """The same, with the accepted volume of each day of the period in a list
        (`by_day[i]` is day `start + i`; the period has `len(by_day)` days). Sample i covers
        the days after sample i−1 up to its own; the last also covers the days after it."""
        end = start + timedelta(days=len(by_day) - 1)
        inside = [s for s in self.samples if start <= s.day <= end]
        if not inside:
            return {}
        if len(inside) == 1:
            return weighted(inside, [1], keys)  # one sample is the average, whatever the volume
        weights: list[Decimal | int] = []
        low = 0
        for i, sample in enumerate(inside):
            high = len(by_day) if i == len(inside) - 1 else (sample.day - start).days + 1
            weights.append(sum(by_day[low:high]))
            low = high
        if not any(weights):
            weights = [1] * len(inside)
        return weighted(inside, weights, keys)


def quality_for(
    basis: Basis,
    member: MemberQuality,
    day: date,
    delivery_id: int | None,
    own: Mapping[str, Decimal | bool],
    period_avg: Mapping[str, Decimal | bool],
) -> Mapping[str, Decimal | bool]:
    """The measures that price one delivery under `basis`.

    `own` holds the delivery's quick tests; `period_avg` is the member's period average,
    computed once per member by the caller (used only for `period_average`).
    """
    if basis.kind == "delivery":
        linked = member.by_delivery.get(delivery_id) if delivery_id is not None else None
        same_day = linked.measures if linked is not None else member.latest(day, 0)
        return {**own, **same_day} if same_day else own
    if basis.kind == "latest":
        return member.latest(day, basis.max_age_days)
    if basis.kind == "rolling":
        return member.rolling(day, basis.weights)
    return period_avg

"""Where a chart's value axis starts and ends and where its ticks fall, worked in Decimal
(no Qt here): a round step (1, 2, 2.5 or 5 times a power of ten) cutting the values' span in
about four, the ends on steps with room beyond the values, and labels with the axis's decimal
places or as many more as the step needs, so that ticks never read "0, 0, 0" (an empty chart
spans 0–1 and reads 0.0, 0.5, 1.0). Few ticks: a short chart's axis shows every label
(QtCharts elides labels that have less height than they need)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from coop_desktop.core.numbers import ONE, ZERO, D

ROUND_FACTORS = (ONE, D(2), D("2.5"), D(5))
INTERVALS = 4  # a value axis is cut into about this many steps


@dataclass(frozen=True, slots=True)
class Scale:
    low: Decimal
    high: Decimal
    step: Decimal
    places: int  # decimals every label is written with

    def ticks(self) -> list[Decimal]:
        count = int((self.high - self.low) / self.step)
        return [self.low + i * self.step for i in range(count + 1)]

    def labelled(self, write: Callable[[Decimal, int], str]) -> list[tuple[Decimal, str]]:
        """Each tick with its label, written by `write(value, places)` (the formatter)."""
        return [(tick, write(tick, self.places)) for tick in self.ticks()]


def round_step(span: Decimal, intervals: int = INTERVALS) -> Decimal:
    """The smallest round step that cuts `span` (> 0) into at most `intervals` steps."""
    raw = span / intervals
    power = ONE.scaleb(raw.adjusted())  # the power of ten at or below raw
    for factor in ROUND_FACTORS:
        if factor * power >= raw:
            return factor * power
    return 10 * power


def _places_of(step: Decimal) -> int:
    return max(0, -int(step.normalize().as_tuple().exponent))


def _multiple(value: Decimal, step: Decimal, rounding: str) -> Decimal:
    return (value / step).to_integral_value(rounding=rounding) * step


def scale(values: Iterable[Decimal], places: int, *, from_zero: bool = False) -> Scale:
    """An axis that holds every value, its ends on steps, none closer than a tenth of a step
    to a value (unless the axis starts at zero), labelled at `places` decimals or more."""
    shown = list(values)
    low, high = min(shown, default=ZERO), max(shown, default=ZERO)
    if from_zero:
        low, high = min(low, ZERO), max(high, ZERO)
    if low == high == ZERO:  # nothing to draw
        step = D("0.5")
        return Scale(ZERO, ONE, step, max(places, _places_of(step)))
    padded = low == high
    if padded:  # one value: a tenth of it either side is room enough
        low, high = low - abs(low) / 10, high + abs(high) / 10
    step = round_step(high - low)
    room = ZERO if padded else step / 10
    top = _multiple(high, step, ROUND_CEILING)
    if top - high < room:
        top += step
    bottom = _multiple(low, step, ROUND_FLOOR)
    if low - bottom < room and not (from_zero and low == ZERO):
        bottom -= step
    if low >= 0 > bottom:  # a quantity that cannot be negative gets no negative ticks
        bottom = ZERO
    return Scale(bottom, top, step, max(places, _places_of(step)))

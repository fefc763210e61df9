"""Sharing a stored amount among its parts so that the parts add up to it exactly.

A milk line is paid as total quantity × unit price, rounded once, for deliveries of several
days. The margin of a range of days takes the part of each line that pays the deliveries in
the range: the exact shares (amount × quantity ÷ the line's quantity) brought to the céntimo
by largest remainder, so every part is within a céntimo of its exact value and the parts of a
line add up to what was paid for it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal

from coop_desktop.core.numbers import CENT, ZERO


def split_amount(total: Decimal, exact: Sequence[Decimal]) -> list[Decimal]:
    """`exact` brought to the céntimo so that the result adds up to `total` (a sum of
    céntimos): each part is rounded down, then the céntimos left over go, one each, to the
    parts that lost most (the first ones on a tie); a negative remainder is taken from the
    parts that lost least."""
    if not exact:
        return []
    floors = [x.quantize(CENT, rounding=ROUND_FLOOR) for x in exact]
    left = int((total - sum(floors, ZERO)) / CENT)
    losses = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    full, rest = divmod(abs(left), len(exact))
    step = CENT if left >= 0 else -CENT
    order = losses if left >= 0 else list(reversed(losses))
    result = [f + step * full for f in floors]
    for i in order[:rest]:
        result[i] += step
    return result

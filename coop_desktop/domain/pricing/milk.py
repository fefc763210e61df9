"""Every member's milk of a period: the one pricing path the close, the preview, the
statements, the dashboard, `coop check` and the what-if all call. Delivery by delivery
(`period.price_member`, each delivery's own price, as statements show them) or the fast
implementation (`fast.price_period`), proven equal by a property test."""

from __future__ import annotations

from coop_desktop.domain.practices import NO_PRACTICES
from coop_desktop.domain.pricing.basis import MemberQuality
from coop_desktop.domain.pricing.fast import price_period
from coop_desktop.domain.pricing.period import Milk, Timeline, price_member
from coop_desktop.domain.pricing.reading import PeriodReading


def price_reading(
    reading: PeriodReading,
    timeline: Timeline,
    *,
    collect_missing: bool = False,
    each: bool = False,
) -> dict[int, Milk]:
    """Every member's milk of the period. `each=True` prices delivery by delivery (each
    `Milk` then also holds every delivery's own price, as statements show them); otherwise
    the fast path computes the same lines and totals."""
    if each:
        return {
            member: price_member(
                timeline,
                reading.quality.get(member) or MemberQuality([]),
                deliveries,
                reading.span,
                reading.flags.get(member, NO_PRACTICES),
                collect_missing,
            )
            for member, deliveries in reading.deliveries().items()
        }
    return price_period(reading, timeline, collect_missing)

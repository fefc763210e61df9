"""One reading of a period for pricing, and the one function that prices it.

Every path that prices deliveries — the close and its preview, statements, the dashboard's
estimate, `coop check` and the what-if — reads a period into a `PeriodReading` (the
deliveries as stored, with every quick test the delivery carries; the members' samples;
the practices they held, day by day) and prices it with `price_reading`. Its two implementations are
the same function: `period.price_member` (one delivery at a time, with each delivery's own
price, for statements) and `bulk.price_period` (sums first, prices each group once, for
totals); a property test holds them equal to the céntimo, member by member.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from coop_desktop.core.numbers import ONE, D, from_minor
from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.domain.practices import Held
from coop_desktop.domain.pricing.basis import MemberQuality
from coop_desktop.domain.pricing.period import DeliveryIn

_TEMPERATURE = ONE.scaleb(-MEASURES["temperature"].scale)
_DENSITY = ONE.scaleb(-MEASURES["density"].scale)


class DeliveryRow(NamedTuple):
    """A delivery as stored (integers in minor units), in the reader's column order; plain
    database tuples in this order are used as they come, without building objects."""

    id: int
    member_id: int
    day: object  # a date, or ISO text on SQLite (see `PeriodReading.to_date`)
    quantity: int  # millilitres or grams
    unit: str  # L | kg
    rejected: bool
    reason: str | None
    cooled: bool
    alcohol: bool | None  # the quick alcohol test: True when positive
    temperature: int | None  # tenths of a degree
    density: int | None  # 1/10000 g/mL
    shift: str


COLUMNS = (
    "id, member_id, date, quantity, unit, rejected, reject_reason, cooled, "
    "alcohol_positive, temperature, density, shift"
)
# The own quick tests a row carries, by the bit the fast path checks them with.
OWN_BITS = {"alcohol": 1, "temperature": 2, "density": 4}


def own_measures(row: Sequence[Any]) -> dict[str, Decimal | bool]:
    """The delivery's quick tests as measures (what a rejection rule or a `delivery` basis
    reads besides a lab test)."""
    own: dict[str, Decimal | bool] = {}
    if row[8] is not None:
        own["alcohol"] = bool(row[8])
    if row[9] is not None:
        own["temperature"] = D(row[9]) * _TEMPERATURE
    if row[10] is not None:
        own["density"] = D(row[10]) * _DENSITY
    return own


def as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@dataclass(frozen=True)
class PeriodReading:
    """What pricing needs of a period: rows in `COLUMNS` order (a sequence, or an iterator
    the fast path reads once), each member's samples (up to the period's end, with a
    look-back for `latest` and `rolling`) and the practices each held, day by day (the
    certification flags: a practice counts for the deliveries dated while it was held)."""

    span: PeriodSpan
    rows: Iterable[Sequence[Any]]
    quality: Mapping[int, MemberQuality]
    flags: Mapping[int, Held]
    to_date: Callable[[object], date] = field(default=as_date)

    def deliveries(self) -> dict[int, list[DeliveryIn]]:
        """The rows as `DeliveryIn`, per member, in date, shift and id order."""
        found: dict[int, list[DeliveryIn]] = defaultdict(list)
        for r in sorted(self.rows, key=lambda r: (r[1], self.to_date(r[2]), r[11], r[0])):
            found[r[1]].append(
                DeliveryIn(
                    r[0],
                    r[1],
                    self.to_date(r[2]),
                    r[11],
                    from_minor(r[3], 3),
                    r[4],
                    bool(r[5]),
                    r[6],
                    bool(r[7]),
                    own_measures(r),
                )
            )
        return dict(found)

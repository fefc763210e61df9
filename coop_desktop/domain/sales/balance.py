"""The daily milk balance of a collection centre.

    opening + accepted deliveries − dispatched − local sales − closing = shrinkage

in litres and in % of what came in (opening + accepted), and the same in kg of fat and of
total solids where tests exist: deliveries in, dispatches out (by the association's measure),
and the tank's stock at opening and closing valued at the fat (total solids) of the day's
intake. The transit difference is the association's measure of the received dispatches minus
the buyer's. A day whose shrinkage (or gain) exceeds the association's threshold is amber.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal

from coop_desktop.core.numbers import CENT, GRAM, HUNDRED, ZERO, ZERO_QUANTITY, D, quantize

HUNDREDTH = CENT
HUNDRED = HUNDRED
DEFAULT_THRESHOLD = D("1.0")  # % of the milk that came in
DEFAULT_DENSITY = D("1.030")  # kg per L when nothing was measured
ZERO_L = ZERO_QUANTITY


@dataclass(frozen=True, slots=True)
class DayFlows:
    """What moved through one centre on one day (litres to the millilitre, kg to the gram)."""

    day: date
    centre: str
    opening_l: Decimal = ZERO_L
    accepted_l: Decimal = ZERO_L
    dispatched_l: Decimal = ZERO_L
    local_sales_l: Decimal = ZERO_L
    closing_l: Decimal = ZERO_L
    received_sent_l: Decimal = ZERO_L  # our measure of the dispatches the buyer measured
    received_l: Decimal = ZERO_L  # the buyer's measure of them
    fat_in_kg: Decimal = ZERO_L
    fat_out_kg: Decimal = ZERO_L
    solids_in_kg: Decimal = ZERO_L
    solids_out_kg: Decimal = ZERO_L
    opening_fat_kg: Decimal = ZERO_L  # the stock's, valued at the day's intake (stock_kg)
    closing_fat_kg: Decimal = ZERO_L
    opening_solids_kg: Decimal = ZERO_L
    closing_solids_kg: Decimal = ZERO_L

    def __add__(self, other: DayFlows) -> DayFlows:
        """Two flows summed (a centre over days, or every centre of a day); the first's day
        and centre label the sum."""
        return total_of((self, other), self.day, self.centre)


_NUMBERS = tuple(f.name for f in fields(DayFlows) if f.name not in ("day", "centre"))
_KG = tuple(n for n in _NUMBERS if n.endswith("_kg"))


@dataclass(frozen=True, slots=True)
class BalanceRow:
    day: date | None  # None for a total over several days
    centre: str  # a centre's code, or "" for every centre
    opening_l: Decimal
    accepted_l: Decimal
    dispatched_l: Decimal
    local_sales_l: Decimal
    closing_l: Decimal
    shrinkage_l: Decimal
    shrinkage_pct: Decimal | None
    transit_l: Decimal
    transit_pct: Decimal | None
    fat_in_kg: Decimal
    fat_out_kg: Decimal
    fat_loss_kg: Decimal
    solids_in_kg: Decimal
    solids_out_kg: Decimal
    solids_loss_kg: Decimal
    opening_fat_kg: Decimal
    closing_fat_kg: Decimal
    opening_solids_kg: Decimal
    closing_solids_kg: Decimal
    amber: bool

    @property
    def in_l(self) -> Decimal:
        return self.opening_l + self.accepted_l

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(BalanceRow)}


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part ÷ whole in %, half up to the hundredth; None when nothing came in."""
    if whole == 0:
        return None
    return quantize(part * HUNDRED / whole, HUNDREDTH)


def balance(
    flows: DayFlows, threshold: Decimal = DEFAULT_THRESHOLD, *, total: bool = False
) -> BalanceRow:
    came_in = flows.opening_l + flows.accepted_l
    went_out = flows.dispatched_l + flows.local_sales_l + flows.closing_l
    shrinkage = came_in - went_out
    pct = percent(shrinkage, came_in)
    transit = flows.received_sent_l - flows.received_l
    kg = {n: quantize(getattr(flows, n), GRAM) for n in _KG}
    fat_loss = kg["opening_fat_kg"] + kg["fat_in_kg"] - kg["fat_out_kg"] - kg["closing_fat_kg"]
    solids_loss = (
        kg["opening_solids_kg"] + kg["solids_in_kg"] - kg["solids_out_kg"] - kg["closing_solids_kg"]
    )
    return BalanceRow(
        day=None if total else flows.day,
        centre=flows.centre,
        opening_l=flows.opening_l,
        accepted_l=flows.accepted_l,
        dispatched_l=flows.dispatched_l,
        local_sales_l=flows.local_sales_l,
        closing_l=flows.closing_l,
        shrinkage_l=shrinkage,
        shrinkage_pct=pct,
        transit_l=transit,
        transit_pct=percent(transit, flows.received_sent_l),
        fat_in_kg=kg["fat_in_kg"],
        fat_out_kg=kg["fat_out_kg"],
        fat_loss_kg=fat_loss,
        solids_in_kg=kg["solids_in_kg"],
        solids_out_kg=kg["solids_out_kg"],
        solids_loss_kg=solids_loss,
        opening_fat_kg=kg["opening_fat_kg"],
        closing_fat_kg=kg["closing_fat_kg"],
        opening_solids_kg=kg["opening_solids_kg"],
        closing_solids_kg=kg["closing_solids_kg"],
        amber=pct is not None and abs(pct) > threshold,
    )


def total_of(flows: Iterable[DayFlows], day: date, centre: str) -> DayFlows:
    """The sum of several days' (or centres') flows. Over several days of one centre the
    stock carried overnight is counted once: the first day's opening and the last day's
    closing (the flows must come in date order)."""
    rows = list(flows)
    return DayFlows(day, centre, *(sum([getattr(r, n) for r in rows], ZERO_L) for n in _NUMBERS))


def carried(rows: list[DayFlows]) -> DayFlows:
    """One centre's days in date order, as one balance: stock in at the first opening, out
    at the last closing (what stayed overnight in between is neither in nor out)."""
    if not rows:
        raise ValueError("no days")
    summed = total_of(rows, rows[0].day, rows[0].centre)
    first, last = rows[0], rows[-1]
    return replace(
        summed,
        opening_l=first.opening_l,
        closing_l=last.closing_l,
        opening_fat_kg=first.opening_fat_kg,
        closing_fat_kg=last.closing_fat_kg,
        opening_solids_kg=first.opening_solids_kg,
        closing_solids_kg=last.closing_solids_kg,
    )


def kg_from_litres(litres: Decimal, density: Decimal | None) -> Decimal:
    """kg of milk by its measured density, else 1.030, half up to the gram."""
    return quantize(litres * (density or DEFAULT_DENSITY), GRAM)


def litres_from_kg(kg: Decimal, density: Decimal | None) -> Decimal:
    return quantize(kg / (density or DEFAULT_DENSITY), GRAM)


def component_kg(kg: Decimal, pct: Decimal | None) -> Decimal:
    """kg of a component (fat, total solids) in kg of milk at `pct` %, unrounded."""
    return ZERO if pct is None else kg * pct / HUNDRED


def stock_kg(litres: Decimal, component: Decimal, base: Decimal) -> Decimal:
    """kg of a component in the tank's stock, unrounded: its litres × 1.030 (the tank has no
    density measured) × the component's share of the kg of the intake it is known for."""
    if base == 0:
        return ZERO
    return litres * DEFAULT_DENSITY * component / base

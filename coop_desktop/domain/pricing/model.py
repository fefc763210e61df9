"""A price scheme as typed, immutable data (parsed and validated by `schema.py`).

Every component adds an amount per pricing unit (kg, L, lb, or 100 of them) to the unit price.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from coop_desktop.core.i18n import N_
from coop_desktop.core.numbers import ONE, ZERO, D

UNITS = ("kg", "L", "lb", "100kg", "100L", "100lb")
FLAGS = ("cooled", "herd_health", "organic", "regenerative", "good_practice")
BASIS_KINDS = ("delivery", "latest", "period_average", "rolling")
COMPONENT_MEASURES = ("fat", "protein", "snf", "st", "other_solids")
KG_PER_LB = D("0.45359237")
# How each unit is written for people, (Spanish, English); `formatting.unit_label` reads it.
UNIT_WORDS: dict[str, str] = {
    "L": N_("L"),
    "kg": N_("kg"),
    "lb": N_("lb"),
    "100L": N_("100 L"),
    "100kg": N_("100 kg"),
    "100lb": N_("100 lb"),
}


@dataclass(frozen=True, slots=True)
class Missing:
    """What to do when a component's measure is missing: stop, warn (adds 0), use a value, or
    add a fixed amount per unit."""

    action: str = "stop"  # stop | warn | use | amount
    value: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Band:
    low: Decimal | None  # None: open below
    high: Decimal | None  # None: open above; the band is [low, high)
    amount: Decimal
    label: str = ""

    def contains(self, value: Decimal) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value < self.high)


@dataclass(frozen=True, slots=True)
class Component:
    """Base class: `kind` names the family; `label` is what the member reads."""

    label: str


@dataclass(frozen=True, slots=True)
class Base(Component):
    rate: Decimal


@dataclass(frozen=True, slots=True)
class Steps(Component):
    measure: str
    reference: Decimal
    step: Decimal
    bonus: Decimal  # per full step above the reference
    penalty: Decimal  # per full step below the reference (a positive number)
    max_bonus: Decimal | None = None  # cap on the total bonus per unit
    max_penalty: Decimal | None = None
    missing: Missing = field(default_factory=Missing)


@dataclass(frozen=True, slots=True)
class Bands(Component):
    measure: str
    bands: tuple[Band, ...]
    missing: Missing = field(default_factory=Missing)


@dataclass(frozen=True, slots=True)
class Flag(Component):
    flag: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class VolumeTiers(Component):
    on: str  # period_total | daily_average (in the scheme's unit)
    tiers: tuple[Band, ...]


@dataclass(frozen=True, slots=True)
class PerComponent(Component):
    """Price per kg (or lb) of a milk component: value % / 100 × mass per unit × rate."""

    measure: str  # fat | protein | snf | st | other_solids (= st − fat − protein)
    rate: Decimal
    missing: Missing = field(default_factory=Missing)


@dataclass(frozen=True, slots=True)
class Chart(Component):
    """Two-axis chart: rows are bands of one measure, columns of another; cells are rates."""

    row_measure: str
    row_edges: tuple[Decimal, ...]
    col_measure: str
    col_edges: tuple[Decimal, ...]
    rates: tuple[tuple[Decimal, ...], ...]
    missing: Missing = field(default_factory=Missing)
    outside: Missing = field(default_factory=Missing)  # stop | nearest | amount (a rate)


@dataclass(frozen=True, slots=True)
class Linear(Component):
    """rate × (reference − value / divisor), optionally capped, as US somatic cell adjustments."""

    measure: str
    reference: Decimal
    rate: Decimal
    divisor: Decimal = ONE
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    missing: Missing = field(default_factory=Missing)


@dataclass(frozen=True, slots=True)
class PerVolume(Component):
    """A fixed amount per litre, kg, lb or 100 of them, whatever the scheme's unit (e.g. −0.04
    per litre, or a producer price differential per 100 lb). It may be of either sign."""

    amount: Decimal
    per: str  # one of UNITS


@dataclass(frozen=True, slots=True)
class Rejection:
    """A rule on the delivery's own tests: positive pass/fail, or a value outside limits."""

    measure: str
    reason: str
    positive: bool = False
    above: Decimal | None = None  # rejected when value > above
    below: Decimal | None = None  # rejected when value < below
    price: Decimal = ZERO  # unit price paid for rejected milk (0: paid nothing)


@dataclass(frozen=True, slots=True)
class Basis:
    kind: str = "delivery"
    max_age_days: int | None = None  # for `latest`
    weights: tuple[Decimal, ...] = ()  # for `rolling`, most recent first


@dataclass(frozen=True, slots=True)
class Scheme:
    name: str
    title: str
    currency: str
    unit: str
    density: Decimal
    basis: Basis
    components: tuple[Component, ...]
    rejections: tuple[Rejection, ...] = ()
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    description: str = ""

    def measures(self) -> tuple[str, ...]:
        """The quality measures the price depends on (for warnings about missing tests)."""
        found: list[str] = []
        for c in self.components:
            keys: tuple[str, ...] = ()
            if isinstance(c, (Steps, Bands, Linear)):
                keys = (c.measure,)
            elif isinstance(c, PerComponent):
                keys = ("st", "fat", "protein") if c.measure == "other_solids" else (c.measure,)
            elif isinstance(c, Chart):
                keys = (c.row_measure, c.col_measure)
            found += [k for k in keys if k not in found]
        return tuple(found)

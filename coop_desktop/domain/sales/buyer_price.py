"""What a buyer pays for one dispatch: its price terms in force on the dispatch's date, on
the buyer's measure when recorded (else the association's).

Terms are data: a fixed price per L or per kg, or a price scheme — the same JSON, the same
engine (`domain.pricing.pricer.Pricer`) and the same versioning by effective date as the
members' prices, fed with the buyer's measured quality.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from coop_desktop.core.errors import Refused
from coop_desktop.core.numbers import CENT, quantize
from coop_desktop.domain.pricing.pricer import Pricer
from coop_desktop.domain.sales.balance import kg_from_litres, litres_from_kg

Measures = Mapping[str, Decimal | bool]


@dataclass(frozen=True, slots=True)
class PriceTerms:
    """A buyer's terms from `effective_from`: `price` per `per` (L or kg), or `pricer`."""

    effective_from: date
    price: Decimal | None = None
    per: str | None = None
    pricer: Pricer | None = None


@dataclass(frozen=True, slots=True)
class SalePrice:
    litres: Decimal
    kg: Decimal
    unit_price: Decimal
    unit: str  # the unit the price is per
    amount: Decimal
    rejected: bool = False  # the buyer's scheme rejects the milk (paid zero)
    reason: str | None = None


def quantities(quantity: Decimal, unit: str, density: Decimal | None) -> tuple[Decimal, Decimal]:
    """(litres, kg) of a quantity given in L or kg, by the measured density else 1.030."""
    if unit == "L":
        return quantity, kg_from_litres(quantity, density)
    return litres_from_kg(quantity, density), quantity


def price_sale(
    terms: PriceTerms,
    quantity: Decimal,
    unit: str,
    measures: Measures,
    density: Decimal | None = None,
) -> SalePrice:
    """One dispatch priced: fixed terms convert the quantity to the unit they are per (by
    the measured density, else 1.030) and round quantity × price half up to the céntimo;
    a scheme prices it exactly as it prices a member's delivery (a missing measure the
    scheme needs is refused, naming it)."""
    litres, kg = quantities(quantity, unit, density)
    if terms.pricer is not None:
        result = terms.pricer.price(quantity, unit, measures)
        return SalePrice(
            litres,
            kg,
            result.unit_price,
            result.unit,
            result.amount,
            result.rejected,
            result.reason,
        )
    assert terms.price is not None and terms.per is not None
    priced = litres if terms.per == "L" else kg
    return SalePrice(litres, kg, terms.price, terms.per, quantize(priced * terms.price, CENT))


class TermsTimeline:
    """A buyer's terms by effective date; `at(day)` is the one in force that day."""

    def __init__(self, versions: Sequence[PriceTerms]) -> None:
        self._terms = sorted(versions, key=lambda t: t.effective_from)
        self._days = [t.effective_from for t in self._terms]

    def at(self, day: date, buyer: str = "") -> PriceTerms:
        i = bisect_right(self._days, day)
        if i == 0:
            raise Refused("buyer_no_price", "date", value=day, buyer=buyer)
        return self._terms[i - 1]

    def __bool__(self) -> bool:
        return bool(self._terms)

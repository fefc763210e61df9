"""The margin of a period: what the milk sold for, less what the members were paid for it
and the collection's expenses; and the producers' share of the sale.

    margin = sales − members' milk − expenses
    margin per litre sold = margin ÷ litres sold (the buyers' measure), to 1/10000 sol
    margin % = margin ÷ sales;  producers' share % = members' milk ÷ sales (to 0.01 %)

Members' milk an open period cannot price yet (its tests are missing) is not costed at S/ 0:
it is left out of the members' milk and its litres are given apart (`litres_untested`), and
the margin is provisional.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

from coop_desktop.core.numbers import TEN_THOUSANDTH, ZERO_QUANTITY, quantize
from coop_desktop.domain.sales.balance import percent

PER_LITRE_STEP = TEN_THOUSANDTH
EXPENSE_CATEGORIES = ("transport", "cleaning", "analyzer", "staff", "other")


@dataclass(frozen=True, slots=True)
class Margin:
    litres_bought: Decimal
    litres_sold: Decimal
    shrinkage_l: Decimal
    sales: Decimal
    milk_cost: Decimal
    expenses: Decimal
    margin: Decimal
    margin_per_l: Decimal | None
    margin_pct: Decimal | None
    producer_share_pct: Decimal | None
    provisional: bool
    litres_untested: Decimal  # members' milk not priced yet for lack of its tests: not costed

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(Margin)}


def margin(
    *,
    litres_bought: Decimal,
    litres_sold: Decimal,
    shrinkage_l: Decimal,
    sales: Decimal,
    milk_cost: Decimal,
    expenses: Decimal,
    provisional: bool,
    litres_untested: Decimal = ZERO_QUANTITY,
) -> Margin:
    left = sales - milk_cost - expenses
    per_litre = None if litres_sold == 0 else quantize(left / litres_sold, PER_LITRE_STEP)
    return Margin(
        litres_bought=litres_bought,
        litres_sold=litres_sold,
        shrinkage_l=shrinkage_l,
        sales=sales,
        milk_cost=milk_cost,
        expenses=expenses,
        margin=left,
        margin_per_l=per_litre,
        margin_pct=percent(left, sales),
        producer_share_pct=percent(milk_cost, sales),
        provisional=provisional or litres_untested > 0,
        litres_untested=litres_untested,
    )


SALES_KEYS = ("producer_share_pct", "buyer_price_per_kg", "shrinkage_pct", "litres_sold")
PRICE_STEP = TEN_THOUSANDTH


@dataclass(frozen=True, slots=True)
class SalesFigures:
    """The indicators of selling the milk over a range (docs/indicators.md)."""

    producer_share_pct: Decimal | None  # members' milk ÷ sales
    buyer_price_per_kg: Decimal | None  # sales ÷ kg the buyers measured
    shrinkage_pct: Decimal | None  # the milk balance's, of what came in
    litres_sold: Decimal  # on the buyers' measure
    provisional: bool  # an open period, or a dispatch not yet received
    litres_untested: Decimal  # members' milk not priced yet (left out of the share)

    def __getitem__(self, key: str) -> Decimal | None:
        value: Decimal | None = getattr(self, key)
        return value

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(SalesFigures)}


def sales_figures(
    *,
    sales: Decimal,
    kg_sold: Decimal,
    litres_sold: Decimal,
    milk_cost: Decimal,
    shrinkage_pct: Decimal | None,
    provisional: bool,
    litres_untested: Decimal,
) -> SalesFigures:
    return SalesFigures(
        producer_share_pct=percent(milk_cost, sales),
        buyer_price_per_kg=None if kg_sold == 0 else quantize(sales / kg_sold, PRICE_STEP),
        shrinkage_pct=shrinkage_pct,
        litres_sold=litres_sold,
        provisional=provisional or litres_untested > 0,
        litres_untested=litres_untested,
    )

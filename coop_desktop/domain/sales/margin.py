"""The margin of a period: what the milk sold for, less what the members were paid for it
and the collection's expenses; and the producers' share of the sale.

    margin = sales − members' milk − expenses
    margin per litre sold = margin ÷ litres sold (the buyers' measure), to 1/10000 sol
    margin % = margin ÷ sales;  producers' share % = members' milk ÷ sales (to 0.01 %)
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

from coop_desktop.core.numbers import quantize
from coop_desktop.domain.sales.balance import percent

PER_LITRE_STEP = Decimal("0.0001")
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
        provisional=provisional,
    )

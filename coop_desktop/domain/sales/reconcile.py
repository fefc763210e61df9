"""Comparing the buyer's liquidación with what the association recorded, day by day.

Both sides are summed per date (quantity in L, amount in soles, and the quantity-weighted
fat when both report one); every day where a figure differs, or that only one side has, is
listed with both values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from coop_desktop.core.numbers import CENT, ZERO, quantize

HUNDREDTH = CENT


@dataclass(frozen=True, slots=True)
class DayFigures:
    day: date
    quantity: Decimal
    amount: Decimal
    fat: Decimal | None = None  # % weighted by quantity


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One row of the buyer's statement (or one of our receptions)."""

    day: date
    quantity: Decimal
    amount: Decimal
    fat: Decimal | None = None


@dataclass(frozen=True, slots=True)
class DayDifference:
    day: date
    ours: DayFigures | None
    theirs: DayFigures | None
    fields: tuple[str, ...]  # which figures differ: quantity, amount, fat, or "missing"


def by_day(lines: Iterable[StatementLine]) -> dict[date, DayFigures]:
    sums: dict[date, list[Decimal]] = {}
    fat_weight: dict[date, Decimal] = {}
    fat_quantity: dict[date, Decimal] = {}
    for ln in lines:
        q, a = sums.setdefault(ln.day, [ZERO, ZERO])
        sums[ln.day] = [q + ln.quantity, a + ln.amount]
        if ln.fat is not None:
            fat_weight[ln.day] = fat_weight.get(ln.day, ZERO) + ln.fat * ln.quantity
            fat_quantity[ln.day] = fat_quantity.get(ln.day, ZERO) + ln.quantity
    result = {}
    for day, (q, a) in sums.items():
        fq = fat_quantity.get(day)
        fat = quantize(fat_weight[day] / fq, HUNDREDTH) if fq else None
        result[day] = DayFigures(day, q, a, fat)
    return result


def differences(
    ours: Iterable[StatementLine], theirs: Iterable[StatementLine]
) -> list[DayDifference]:
    mine, other = by_day(ours), by_day(theirs)
    found = []
    for day in sorted(set(mine) | set(other)):
        a, b = mine.get(day), other.get(day)
        if a is None or b is None:
            found.append(DayDifference(day, a, b, ("missing",)))
            continue
        differ = []
        if a.quantity != b.quantity:
            differ.append("quantity")
        if a.amount != b.amount:
            differ.append("amount")
        if a.fat is not None and b.fat is not None and a.fat != b.fat:
            differ.append("fat")
        if differ:
            found.append(DayDifference(day, a, b, tuple(differ)))
    return found

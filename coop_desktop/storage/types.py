"""Exact numbers in the database: integers in fixed minor units, Decimal in Python.

SQLAlchemy's Numeric is a float on SQLite, so no exact value is stored with it. `Fixed(scale)`
stores `value × 10**scale` as a BIGINT and hands back a Decimal with exactly `scale` places.
A value with more places than the column keeps is refused, never silently rounded: rounding is
the domain's decision, made before storage.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from coop_desktop.core.numbers import ONE, TEN, D

# Scales used by the model (decimal places kept).
MONEY = 2  # céntimos
QUANTITY = 3  # grams, millilitres
PERCENT = 2  # hundredths of a percentage point
UNIT_PRICE = 4  # 1/10000 sol
PRICED_QUANTITY = 5  # a milk line in 100 kg or 100 lb: grams or 1/1000 lb over 100
DENSITY = 4  # 1.0320 g/mL


class Fixed(TypeDecorator[Decimal]):
    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale
        self._factor = TEN**scale
        self._exp = ONE.scaleb(-scale)

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, (float, bool)):
            raise TypeError(f"{type(value).__name__} refused for an exact column; use Decimal")
        if isinstance(value, int):
            return value * int(self._factor)
        if not isinstance(value, Decimal):
            raise TypeError(f"{type(value).__name__} refused for an exact column; use Decimal")
        scaled = value * self._factor
        integral = scaled.to_integral_value()
        if scaled != integral:
            raise ValueError(f"{value} has more than {self.scale} decimal places")
        return int(integral)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (D(int(value)) / self._factor).quantize(self._exp)

"""The one way to make exact numbers: Decimal only, floats refused, rounding in one place.

Money, quantities and quality measures never pass through float. Every Decimal the program
uses is built by `D()`, and every rounding goes through `quantize()` with ROUND_HALF_UP.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal(0)
ZERO_MONEY = Decimal("0.00")  # the start of money sums, so an empty sum prints 0.00
ONE = Decimal(1)
CENT = Decimal("0.01")
GRAM = Decimal("0.001")

Number = Decimal | int | str


def D(value: Number | None) -> Decimal:
    """Build a Decimal from an int, a str or a Decimal; floats are refused."""
    if value is None:
        raise TypeError("None is not a number")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a bool is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = (
            value.strip().replace(",", ".")
            if value.count(",") == 1 and "." not in value
            else value.strip()
        )
        text = text.replace("_", "")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
        if not result.is_finite():
            raise ValueError(f"not a finite number: {value!r}")
        return result
    raise TypeError(
        f"{type(value).__name__} is not accepted as an exact number; use str or Decimal"
    )


def quantize(value: Decimal, step: Decimal = CENT) -> Decimal:
    """Round half up to `step` (a power of ten such as 0.01).

    The default context's 28 significant digits hold any amount this program handles (a
    trillion soles to the 1/10000), so no per-call context is needed on this hot path."""
    return value.quantize(step, rounding=ROUND_HALF_UP)


def floor_to(value: Decimal, step: Decimal) -> Decimal:
    """Round down to a multiple of `step` (used for "per full 0.1 point" steps)."""
    return (value / step).to_integral_value(rounding=ROUND_FLOOR) * step


def fits_scale(value: Decimal, scale: int) -> bool:
    """True when `value` has no more than `scale` decimal places (trailing zeros aside)."""
    exp = value.normalize().as_tuple().exponent
    assert isinstance(exp, int)
    return -exp <= scale if exp < 0 else True


def trim(value: Decimal, min_places: int = 2) -> str:
    """At least `min_places` decimals, and no trailing zeros beyond: 1.2800 → "1.28",
    1.476 → "1.476", 5 → "5.00". For unit prices and rates as people read them."""
    text = format(value.normalize(), "f")
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0").ljust(min_places, "0")
    return f"{whole}.{frac}" if frac else whole

"""The one way to make exact numbers: Decimal only, floats refused, rounding in one place.

Money, quantities and quality measures never pass through float. Every Decimal the program
uses is built by `D()`, and every rounding goes through `quantize()` with ROUND_HALF_UP.
"""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ZERO_MONEY = Decimal("0.00")  # the start of money sums, so an empty sum prints 0.00
ZERO_QUANTITY = Decimal("0.000")  # the start of quantity sums (litres, kg to the gram)
ONE = Decimal(1)
TEN = Decimal(10)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
GRAM = Decimal("0.001")
TEN_THOUSANDTH = Decimal("0.0001")  # unit prices are kept to 1/10000 sol

Number = Decimal | int | str
_CANONICAL = re.compile(r"-?(\d+(\.\d*)?|\.\d+)")


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
        # Canonical text only ("-1234.5"): what the program itself stores and writes. Text a
        # person typed goes through `parse_number`, which knows separators and ambiguity.
        if not _CANONICAL.fullmatch(value.strip()):
            raise ValueError(f"not a number: {value!r}")
        return Decimal(value.strip())
    raise TypeError(
        f"{type(value).__name__} is not accepted as an exact number; use str or Decimal"
    )


def from_minor(units: int, scale: int) -> Decimal:
    """An integer of minor units as the exact Decimal it stands for: (12345, 3) → 12.345.
    What the database stores (grams, céntimos, hundredths of a point) comes back this way,
    on the hot paths too (it is as fast as Decimal's own constructor)."""
    return Decimal(units).scaleb(-scale)


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


# --- Numbers as people type them --------------------------------------------------------
# The rule (docs/numbers.md): the Peruvian way is read as written — decimal point, thousands
# comma ("1,500.50"). A decimal comma is read when nothing else is possible ("12,5"). An entry
# with two plausible readings ("1,500": 1500 or 1.5; "1.500" where the field keeps fewer than
# three decimals: 1.5 or 1500) or written with point thousands and comma decimals ("1.234,5")
# is refused with both readings spelled out. Exponents, NaN and infinities are never numbers.

_PLAIN = re.compile(r"(\d+)(?:\.(\d*))?|\.(\d+)")
_GROUPED = re.compile(r"(\d{1,3})((?:,\d{3})+)(?:\.(\d+))?")
_DECIMAL_COMMA = re.compile(r"(\d+),(\d+)")
_POINT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:\.\d{3}){2,}")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MINUS = ("-", "\u2212")


def could_group_thousands(whole: str | None, frac: str | None) -> bool:
    """ "1.500", "250,000": one to three digits, one separator, three digits — the separator
    may group thousands as well as mark decimals."""
    return (
        whole is not None
        and frac is not None
        and len(frac) == 3
        and 1 <= len(whole) <= 3
        and whole.isdigit()
        and not whole.startswith("0")
    )


def decimal_reading(text: str) -> str:
    """The decimal reading of an ambiguous entry as it can be typed without ambiguity:
    "1.500" → "1.5", "250.000" → "250" (typing "1.500" again would be just as ambiguous)."""
    return format(Decimal(text).normalize(), "f")


def _error(code: str, field: str, **params: object) -> Exception:
    from coop_desktop.core.errors import ValidationError

    return ValidationError(code, field, **params)


def _canonical(text: str, typed: str, field: str, scale: int | None) -> str:
    """`text` (typed, without sign and spaces) as canonical decimal text, or an error that
    shows `typed` and says why it cannot be read."""
    plain = _PLAIN.fullmatch(text)
    if plain:
        whole, frac = plain.group(1), plain.group(2)
        if could_group_thousands(whole, frac) and scale is not None and scale < 3:
            raise _error(
                "ambiguous_number",
                field,
                value=typed,
                first=f"{whole}{frac}",
                second=decimal_reading(f"{whole}.{frac}"),
            )
        return text
    grouped = _GROUPED.fullmatch(text)
    if grouped and not grouped.group(1).startswith("0"):
        head, groups, frac = grouped.group(1), grouped.group(2), grouped.group(3)
        whole = head + groups.replace(",", "")
        if frac is None and groups.count(",") == 1:
            raise _error(
                "ambiguous_number",
                field,
                value=typed,
                first=whole,
                second=decimal_reading(f"{head}.{groups[1:]}"),
            )
        return whole if frac is None else f"{whole}.{frac}"
    comma = _DECIMAL_COMMA.fullmatch(text)
    if comma:
        return f"{comma.group(1)}.{comma.group(2)}"
    if _POINT_GROUPED.fullmatch(text):
        reading = text.replace(".", "").replace(",", ".")
        raise _error("point_thousands", field, value=typed, reading=reading)
    raise _error("not_a_number", field, value=typed)


def parse_number(value: object, field: str = "value", scale: int | None = None) -> Decimal:
    """A number as a person typed it (screens, CLI, imported files), by the rule above.

    `scale` is how many decimals the field keeps (None: any); more decimals than that are
    refused, never rounded. Decimal and int values pass through (scale still checked)."""
    if isinstance(value, float):
        raise TypeError("floats are not accepted for exact values")
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        number = D(value)
        if not number.is_finite():
            raise _error("not_a_number", field, value=value)
    elif isinstance(value, str):
        typed = value.strip()
        text = _SPACES.sub("", typed)
        if text.upper().startswith("S/"):
            text = text[2:].lstrip(".")
        negative = text.startswith(_MINUS)
        if negative:
            text = text[1:]
        number = Decimal(("-" if negative else "") + _canonical(text, typed, field, scale))
    else:
        raise _error("not_a_number", field, value=value)
    if scale is not None and not fits_scale(number, scale):
        if scale == 0:
            raise _error("not_an_integer", field, value=value)
        raise _error("too_many_decimals", field, value=value, scale=scale)
    return number

"""The one number rule for typed text (docs/numbers.md): the Peruvian way is read as written,
a decimal comma only when nothing else is possible, and an ambiguous entry is refused with
both readings spelled out."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.numbers import parse_number


@pytest.mark.parametrize(
    ("typed", "scale", "expected"),
    [
        ("1500", 2, "1500"),
        ("1,500.50", 2, "1500.50"),
        ("1,234,567.8", 2, "1234567.8"),
        ("1,500,000", 0, "1500000"),
        ("12.35", 3, "12.35"),
        ("12,35", 3, "12.35"),  # a comma that cannot group thousands is a decimal comma
        ("0,500", 3, "0.500"),
        ("1234,5", 2, "1234.5"),
        ("1.500", 3, "1.500"),  # three decimals where the field keeps three: a decimal point
        ("1.028", 4, "1.028"),
        ("0.500", 2, "0.5"),  # a leading zero cannot start a thousands group
        ("1500.250", 3, "1500.250"),
        (".5", 2, "0.5"),
        ("  S/ 1,234.50 ", 2, "1234.50"),
        ("S/. 20", 2, "20"),
        ("-3.5", 2, "-3.5"),
        ("−2.10", 2, "-2.10"),
        ("250000", 0, "250000"),
        ("1 500.50", 2, "1500.50"),
    ],
)
def test_reads_what_is_unambiguous(typed: str, scale: int, expected: str) -> None:
    assert parse_number(typed, "amount", scale) == Decimal(expected)


@pytest.mark.parametrize(
    ("typed", "scale", "first", "second"),
    [
        ("1,500", 2, "1500", "1.5"),
        ("250,000", 0, "250000", "250"),
        ("1,500", 3, "1500", "1.5"),
        ("1.500", 2, "1500", "1.5"),
        ("250.000", 0, "250000", "250"),
        ("-1,250", 2, "1250", "1.25"),
    ],
)
def test_refuses_two_readings_and_names_both(
    typed: str, scale: int, first: str, second: str
) -> None:
    with pytest.raises(ValidationError) as err:
        parse_number(typed, "amount", scale)
    assert err.value.code == "ambiguous_number"
    assert err.value.field == "amount"
    text = err.value.render("es")
    assert f"«{typed}»" in text and f"{first} (con separador" in text
    assert f"o {second} (con coma o punto decimal)" in text and "Monto" in text
    # what the message suggests can be typed as it is, and means what it says
    assert parse_number(first, "amount", scale) == Decimal(first)
    assert parse_number(second, "amount", scale) == Decimal(second)


@pytest.mark.parametrize("typed", ["1.234,5", "1.234.567", "12.345,00"])
def test_point_thousands_are_refused_with_the_reading(typed: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_number(typed, "amount", 2)
    assert err.value.code == "point_thousands"
    assert typed.replace(".", "").replace(",", ".") in err.value.render("en")


@pytest.mark.parametrize(
    "typed", ["", " ", "abc", "1e400", "1E5", "NaN", "inf", "1_000", "1,5,0", "--1", "1.2.3", "S/"]
)
def test_not_numbers(typed: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_number(typed, "amount", 2)
    assert err.value.code == "not_a_number"


def test_scale_is_checked_never_rounded() -> None:
    with pytest.raises(ValidationError) as err:
        parse_number("1.505", "amount", 2)
    assert err.value.code == "ambiguous_number"  # 1.505 or 1505: never silently 1.51
    with pytest.raises(ValidationError) as err:
        parse_number("1.5051", "amount", 2)
    assert err.value.code == "too_many_decimals"
    with pytest.raises(ValidationError) as err:
        parse_number("2.5", "ufc", 0)
    assert err.value.code == "not_an_integer"
    with pytest.raises(TypeError):
        parse_number(1.5, "amount", 2)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_what_the_program_prints_reads_back(value: Decimal) -> None:
    """The program prints 1,234.50; typed back, it is the same number."""
    printed = f"{value:,.2f}"
    assert parse_number(printed, "amount", 2) == value

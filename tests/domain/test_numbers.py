from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coop_desktop.core.numbers import CENT, D, fits_scale, floor_to, quantize


def test_d_accepts_exact_inputs_and_refuses_floats() -> None:
    assert D("1.20") == Decimal("1.20")
    assert D(3) == Decimal(3)
    with pytest.raises(ValueError):
        D("12,5")  # typed text goes through parse_number
    with pytest.raises(ValueError):
        D("1e400")
    with pytest.raises(TypeError):
        D(1.2)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        D(True)
    with pytest.raises(ValueError):
        D("doce")
    with pytest.raises(ValueError):
        D("NaN")


def test_rounding_is_half_up_to_the_centimo() -> None:
    assert quantize(D("297.216")) == Decimal("297.22")
    assert quantize(D("0.005")) == Decimal("0.01")
    assert quantize(D("0.004999")) == Decimal("0.00")
    assert quantize(D("-0.005")) == Decimal("-0.01")
    assert quantize(Decimal("232.2") * Decimal("1.28")) == Decimal("297.22")


def test_floor_to_counts_full_steps_only() -> None:
    assert floor_to(Decimal("0.7"), Decimal("0.1")) == Decimal("0.7")
    assert floor_to(Decimal("0.79"), Decimal("0.1")) == Decimal("0.7")
    assert floor_to(Decimal("-0.05"), Decimal("0.1")) == Decimal("-0.1")


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False))
def test_money_is_within_half_a_centimo(value: Decimal) -> None:
    rounded = quantize(value)
    assert abs(rounded - value) <= CENT / 2
    assert fits_scale(rounded, 2)

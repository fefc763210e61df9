"""The one formatter: Peruvian money and numbers, half-up rounding, quantities as recorded."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from coop_desktop.core.numbers import parse_number
from coop_desktop.language import formatting as fmt


def test_money_and_amounts_the_peruvian_way() -> None:
    assert fmt.money(Decimal("1234.5")) == "S/ 1,234.50"
    assert fmt.money(Decimal("-2.105")) == "−S/ 2.11"  # half up, away from zero
    assert fmt.money(Decimal("0")) == "S/ 0.00"
    assert fmt.money(Decimal("1001001.01"), "en") == "S/ 1,001,001.01"
    assert fmt.money(Decimal("10"), currency="USD") == "US$ 10.00"
    assert fmt.amount(Decimal("12.345")) == "12.35"


def test_rounding_is_half_up_never_half_even() -> None:
    assert fmt.number(Decimal("12.25"), 1) == "12.3"
    assert fmt.number(Decimal("12.35"), 1) == "12.4"
    assert fmt.amount(Decimal("0.125")) == "0.13"


def test_quantities_keep_their_recorded_precision() -> None:
    assert fmt.quantity(Decimal("12.35"), "L") == "12.35 L"
    assert fmt.quantity(Decimal("37.850"), "L") == "37.85 L"
    assert fmt.quantity(Decimal("20"), "kg") == "20.0 kg"
    assert fmt.quantity(Decimal("12.345")) == "12.345"
    assert fmt.quantity(Decimal("1234.5"), "100kg") == "1,234.5 100 kg"


def test_counts_percentages_prices_and_dates() -> None:
    assert fmt.count(250000) == "250,000"
    assert fmt.percent(Decimal("3.6")) == "3.60 %"
    assert fmt.unit_price(Decimal("1.2800")) == "1.28"
    assert fmt.unit_price(Decimal("1.2875")) == "1.2875"
    assert fmt.day(date(2026, 10, 1)) == "01/10/2026"
    assert fmt.day(date(2026, 10, 1), "en") == "01/10/2026"
    assert fmt.day_month(date(2026, 12, 5)) == fmt.day_month(date(2026, 12, 5), "en") == "05/12"


def test_periods_in_words() -> None:
    assert fmt.period("2026-10") == "octubre 2026"
    assert fmt.period("2026-10-q1") == "octubre 2026, 1.ª quincena"
    assert fmt.period("2026-10-q2", "en") == "October 2026, 2nd fortnight"
    assert fmt.period("2026-10-d3") == "octubre 2026, 3.ª decena"
    assert fmt.period("2026-W43") == "semana 43 de 2026"
    assert fmt.period_with_dates("2026-02-q2") == (
        "febrero 2026, 2.ª quincena (16/02/2026 – 28/02/2026)"
    )
    assert fmt.plural(1, "aviso", "avisos") == "1 aviso"
    assert fmt.plural(3, "aviso", "avisos") == "3 avisos"


@given(st.decimals(min_value=-(10**8), max_value=10**8, places=2, allow_nan=False))
def test_printed_money_reads_back_through_the_one_parser(value: Decimal) -> None:
    printed = fmt.amount(value).replace("−", "-")
    assert parse_number(printed, "amount", 2) == value

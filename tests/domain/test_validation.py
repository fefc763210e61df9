from datetime import date
from decimal import Decimal

import pytest

from coop_desktop.core.errors import ValidationError
from coop_desktop.domain import validation as v


def test_dni_is_eight_digits() -> None:
    assert v.dni(" 41234567 ") == "41234567"
    assert v.dni("") is None
    for bad in ("1234567", "123456789", "4123456A"):
        with pytest.raises(ValidationError) as err:
            v.dni(bad)
        assert err.value.field == "dni"
        assert "DNI inválido" in err.value.render("es")


def test_ruc_check_digit() -> None:
    assert v.ruc("20131312955") == "20131312955"
    with pytest.raises(ValidationError) as err:
        v.ruc("20131312956")
    assert err.value.field == "ruc"
    assert "Invalid RUC" in err.value.render("en")


@pytest.mark.parametrize("raw", ["doce", "-3", "0", "501", "12.3456"])
def test_bad_quantities_name_the_field(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        v.quantity(raw)
    assert err.value.field == "quantity"
    assert err.value.render("es").startswith("Cantidad")


def test_good_quantity_keeps_millilitres() -> None:
    assert v.quantity("15.125") == Decimal("15.125")
    assert v.quantity("12,5") == Decimal("12.5")


def test_measures_are_validated_by_key() -> None:
    assert v.measure("fat", "3.6") == Decimal("3.6")
    assert v.measure("alcohol", "positivo") is True
    assert v.measure("antibiotics", "pass") is False
    with pytest.raises(ValidationError) as err:
        v.measure("fat", "101")
    assert err.value.field == "fat" and "Grasa" in err.value.render("es")
    with pytest.raises(ValidationError) as err:
        v.measure("lactose", "4")
    assert "lactose" in err.value.render("es")
    with pytest.raises(ValidationError):
        v.measure("ufc", "1.5")  # counts are whole numbers


def test_measure_assignment_syntax() -> None:
    assert v.measure_assignment("st=12.1") == ("st", Decimal("12.1"))
    with pytest.raises(ValidationError):
        v.measure_assignment("st12.1")


def test_dates() -> None:
    assert v.iso_date("2026-10-01") == date(2026, 10, 1)
    with pytest.raises(ValidationError):
        v.iso_date("01/10/2026")
    with pytest.raises(ValidationError) as err:
        v.not_future(date(2026, 12, 1), date(2026, 11, 27))
    assert "futura" in err.value.render("es")


@pytest.mark.parametrize(
    ("typed", "code"),
    [("100,000", "ambiguous_number"), ("250.000", "ambiguous_number"), ("1,5", "not_an_integer")],
)
def test_counts_with_a_separator_are_refused_not_guessed(typed: str, code: str) -> None:
    with pytest.raises(ValidationError) as err:
        v.measure("ufc", typed)
    assert err.value.code == code and err.value.field == "ufc"
    assert typed in err.value.render("es")
    assert v.measure("ufc", "250000") == Decimal(250000)
    assert v.measure("ufc", "2,500,000") == Decimal(2500000)
    assert v.measure("fat", "3,6") == Decimal("3.6")  # decimals keep their comma


def test_a_typed_date_is_the_date_meant() -> None:
    """dd/mm (this year, or last year's while this year's has not come), dd/mm/yy,
    dd/mm/yyyy, yyyy-mm-dd; never a future date unless asked; anything else refused."""
    from datetime import date

    from coop_desktop.core.errors import ValidationError
    from coop_desktop.domain.validation import typed_day

    today = date(2026, 11, 27)
    assert typed_day("26/11", today) == date(2026, 11, 26)
    assert typed_day(" 7-12-25 ", today) == date(2025, 12, 7)
    assert typed_day("26.11.2026", today) == date(2026, 11, 26)
    assert typed_day("2026-11-01", today) == date(2026, 11, 1)
    assert typed_day("30/12", date(2027, 1, 2)) == date(2026, 12, 30)  # typed in January
    assert typed_day("28/11", today, future=True) == date(2026, 11, 28)
    refused = {}
    for text in ("31/04/2026", "abc", "1/1/202", "26", "28/11/2026", ""):
        with pytest.raises(ValidationError) as err:
            typed_day(text, today)
        refused[text] = err.value.code
    assert refused == {
        "31/04/2026": "bad_typed_date",
        "abc": "bad_typed_date",
        "1/1/202": "bad_typed_date",
        "26": "bad_typed_date",
        "28/11/2026": "future_date",
        "": "bad_typed_date",
    }

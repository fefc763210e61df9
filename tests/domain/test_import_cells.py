"""Cells of imported files: numbers through the one parser (with the file's decimal sign),
dates the Peruvian way, ISO or from a workbook, the words people use for shifts and genders,
and headers matched in Spanish or English."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from tests_support.clock import TODAY

from coop_desktop.core.errors import ValidationError
from coop_desktop.domain import import_cells as cells
from coop_desktop.domain.import_columns import IGNORE, header_key, match_columns, resolve_field


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12,5", "12.5"),
        ("1.234,5", "1234.5"),
        ("1,500", "1.500"),  # in a decimal-comma file a comma is always the decimal sign
        ("1.500", "1500"),  # … and a point always groups thousands
        ("-3,25", "-3.25"),
        ("S/ 1.234,50", "1234.50"),
        ("15", "15"),
    ],
)
def test_decimal_comma_files_read_without_ambiguity(typed: str, expected: str) -> None:
    assert cells.number_cell(typed, "quantity", None, decimal_comma=True) == Decimal(expected)


def test_decimal_point_files_are_read_by_the_one_rule() -> None:
    assert cells.number_cell("12.25", "quantity", 3) == Decimal("12.25")
    assert cells.number_cell("12,5", "quantity", 3) == Decimal("12.5")
    with pytest.raises(ValidationError) as err:
        cells.number_cell("1,500", "amount", 2)
    assert err.value.code == "ambiguous_number"


def test_scale_is_checked_and_the_typed_text_is_shown() -> None:
    with pytest.raises(ValidationError) as err:
        cells.number_cell("12,3456", "quantity", 3, decimal_comma=True)
    assert err.value.code == "too_many_decimals"
    assert "12,3456" in err.value.render("es")
    with pytest.raises(ValidationError):
        cells.number_cell("quince", "quantity", 3, decimal_comma=True)
    with pytest.raises(ValidationError):
        cells.number_cell(None, "quantity", 3)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01/10/2026", date(2026, 10, 1)),
        ("1/10/2026", date(2026, 10, 1)),
        ("01-10-2026", date(2026, 10, 1)),
        ("2026-10-01", date(2026, 10, 1)),
        ("2026-10-01 00:00:00", date(2026, 10, 1)),
        (date(2026, 10, 1), date(2026, 10, 1)),
        (datetime(2026, 10, 1, 0, 0), date(2026, 10, 1)),
    ],
)
def test_dates_peruvian_iso_and_date_cells(value: object, expected: date) -> None:
    assert cells.date_cell(value, "date", TODAY) == expected  # type: ignore[arg-type]


def test_workbook_serial_numbers_are_dates_but_not_in_text_files() -> None:
    assert cells.date_cell(46296, "date", TODAY, from_workbook=True) == date(2026, 10, 1)
    assert cells.date_cell(Decimal("46296.5"), "date", TODAY, from_workbook=True) == date(
        2026, 10, 1
    )
    assert cells.date_cell(44834, "date", TODAY, from_workbook=True, epoch_1904=True) == date(
        2026, 10, 1
    )
    assert cells.serial_date(1, "date") == date(1900, 1, 1)
    for value in ("46296", 46296):
        with pytest.raises(ValidationError) as err:
            cells.date_cell(value, "date", TODAY)  # type: ignore[arg-type]
        assert err.value.code == "excel_serial_date"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("31/02/2026", "bad_import_date"),
        ("01/10/26", "two_digit_year"),
        ("octubre", "bad_import_date"),
        ("10/12/2026", "future_date"),
    ],
)
def test_bad_dates_are_named(value: str, code: str) -> None:
    with pytest.raises(ValidationError) as err:
        cells.date_cell(value, "date", TODAY)
    assert err.value.code == code


def test_words_for_shifts_genders_methods_and_flags() -> None:
    for word, shift in (
        ("Mañana", "am"),
        ("M", "am"),
        ("a.m.", "am"),
        ("TARDE", "pm"),
        ("pm", "pm"),
    ):
        assert cells.choice_cell(word, "shift") == shift
    assert cells.choice_cell("Mujer", "gender") == "f"
    assert cells.choice_cell("hombre", "gender") == "m"
    assert cells.choice_cell("Yape", "payment_method") == "wallet"
    assert cells.choice_cell("Banco", "payment_method") == "bank"
    with pytest.raises(ValidationError) as err:
        cells.choice_cell("noche", "shift")
    assert err.value.code == "bad_choice" and "noche" in err.value.render("es")
    assert cells.flag_cell("sí", "cooled") is True
    assert cells.flag_cell("x", "cooled") is True
    assert cells.flag_cell("No", "cooled") is False


def test_density_in_any_unit_an_analyzer_uses() -> None:
    assert cells.density_reading(Decimal("28.9")) == Decimal("1.0289")
    assert cells.density_reading(Decimal("1028.9")) == Decimal("1.0289")
    assert cells.density_reading(Decimal("1.0289")) == Decimal("1.0289")


def test_column_letters() -> None:
    assert [cells.column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_headers_match_in_spanish_or_english_whatever_the_accents_and_case() -> None:
    headers = ["N°", "CÓDIGO", "Fecha", "Turno", "Litros", "T (°C)", "Observaciones", "Color"]
    match = match_columns("deliveries", headers, {})
    assert match.fields == ["-", "member", "date", "shift", "litres", "temperature", IGNORE, None]
    assert match.notes == [(6, "ignored_known_column")]
    tests = match_columns("tests", ["Sample", "Fat", "SNF", "Grasa %", "UFC/mL", "Lactose"], {})
    assert tests.fields == ["member", "fat", "snf", "fat", "ufc", IGNORE]
    assert header_key(" Sólidos  Totales (%) ") == "solidos totales %"


def test_a_mapping_wins_and_names_any_field() -> None:
    assert resolve_field("deliveries", "cantidad") == "quantity"
    assert resolve_field("deliveries", "") == IGNORE
    with pytest.raises(ValidationError):
        resolve_field("deliveries", "color")
    match = match_columns("deliveries", ["Color", "Vol"], {"color": IGNORE, "vol": "litres"})
    assert match.fields == [IGNORE, "litres"]

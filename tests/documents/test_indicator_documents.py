"""The indicator report read back: the PDF's text and the XLSX's cells carry the same
numbers as the JSON (hand-made association of tests/indicator_dataset.py)."""

from __future__ import annotations

import io
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest_helpers import pages, pdf_text
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).parents[1]))

from indicator_dataset import TODAY, build

from coop_desktop.documents.indicator_labels import SECTIONS, keys_labelled, shown
from coop_desktop.documents.statement import StatementRenderer
from coop_desktop.domain.indicator_figures import KEYS
from coop_desktop.domain.indicator_report import IndicatorReport, report_json
from coop_desktop.domain.sales.margin import SALES_KEYS
from coop_desktop.services.indicators import indicators, report_file
from coop_desktop.services.statements import statements
from coop_desktop.storage.engine import Database


@pytest.fixture
def report(association: Database) -> tuple[Database, IndicatorReport]:
    db = build(association)
    return db, indicators(
        db,
        date(2026, 10, 1),
        date(2026, 11, 30),
        by=["district", "gender", "practice"],
        baseline=(date(2026, 9, 1), date(2026, 9, 30)),
        today=TODAY,
    )


def test_every_figure_has_a_label_and_a_place_on_paper() -> None:
    assert keys_labelled() == set(KEYS) | set(SALES_KEYS)
    placed = [key for _title, keys in SECTIONS for key in keys]
    assert sorted(placed) == sorted(KEYS)


def test_pdf_headline_figures_and_a_page_per_grouping(
    report: tuple[Database, IndicatorReport],
) -> None:
    db, r = report
    pdf = report_file(db, r, "pdf", "es")
    text = pdf_text(pdf)
    first = " ".join(pages(pdf)[0].extract_text().split())
    for expected in (
        "INDICADORES",
        "Del 01/10/2026 al 30/11/2026",
        "Línea base: Del 01/09/2026 al 30/09/2026",
        "PROVISIONAL: noviembre 2026 sigue abierto",
        "Productores que entregaron 3",
        "100.000 L",  # litres and kilograms in one format: three places
        "S/ 1.2250",
        "S/ 126.42",
        "66.67 %",  # women's share of producers
        "octubre 2026 pagado 3",
        "noviembre 2026 provisional 2",
    ):
        assert expected in first, expected
    for expected in (
        "Todas las cifras",
        "S/ 0.0251",  # premium per kg
        "716,000",  # volume-weighted UFC
        "60.00 %",  # samples with ST ≥ 11.4
        "5 — Muestras con ST medida",  # what that share is taken of
        "+150.00 %",  # litres against September
        "Higiene A",
        "Por distrito",
        "Por sexo",
        "Por prácticas",
        "Con: Buenas prácticas ganaderas",
        "S/ 1.2750",  # Ácora's price per kg
        "S/ 1.1500",  # Cupi's
    ):
        assert expected in text, expected
    # The JSON and the PDF show the same numbers.
    data = report_json(r)
    assert data["gross"] == "126.42" and shown("gross", Decimal(data["gross"])) in first
    english = pdf_text(report_file(db, r, "pdf", "en"))
    assert "INDICATORS" in english and "By district" in english and "Women" in english


def test_xlsx_cells_are_the_json_numbers(report: tuple[Database, IndicatorReport]) -> None:
    db, r = report
    book = load_workbook(io.BytesIO(report_file(db, r, "xlsx", "es")))
    assert book.sheetnames == [
        "Indicadores",
        "Periodos",
        "Clases",
        "Distrito",
        "Sexo",
        "Prácticas",
        "Datos",
    ]
    sheet = book["Indicadores"]
    by_key = {row[1].value: row for row in sheet.iter_rows(min_row=7) if row[1].value}
    data = report_json(r)
    for key in KEYS:
        row = by_key[key]
        expected = data[key]
        value = row[2].value
        if expected is None:
            assert value is None, key
        else:
            assert Decimal(str(value)) == Decimal(str(expected)), key
    assert Decimal(str(by_key["gross"][3].value)) == Decimal("51.40")  # baseline
    assert Decimal(str(by_key["gross"][4].value)) == Decimal("75.02")  # change
    assert by_key["gross"][2].number_format == "#,##0.00"
    periods = [[c.value for c in row] for row in book["Periodos"].iter_rows(min_row=2, max_row=3)]
    assert [p[0] for p in periods] == ["2026-10", "2026-11"] and periods[1][3] == "sí"
    districts = book["Distrito"]
    keys = [c.value for c in districts[2]]
    gross = keys.index("gross")
    rows = {row[0].value: row for row in districts.iter_rows(min_row=3)}
    assert Decimal(str(rows["Ácora"][gross].value)) == Decimal("78.95")
    assert Decimal(str(rows["Cupi"][gross].value)) == Decimal("47.47")
    long = [[c.value for c in row] for row in book["Datos"].iter_rows(min_row=2)]
    cupi_gross = next(r for r in long if r[1] == "Cupi" and r[3] == "gross")
    assert [Decimal(str(v)) for v in cupi_gross[4:7]] == [
        Decimal("47.47"),
        Decimal("26.63"),
        Decimal("20.84"),
    ]


def test_statement_prints_the_trend(report: tuple[Database, IndicatorReport]) -> None:
    db, _ = report
    (doc,) = statements(db, "2026-11", "W1")
    text = pdf_text(StatementRenderer().render(doc))
    for expected in (
        "Su avance: últimos seis periodos",
        "setiembre 2026",
        "octubre 2026",
        "noviembre 2026 (provisional)",
        "11.40 %",
        "500,000",
        "1.2001",
        "1.3004",
    ):
        assert expected in text, expected

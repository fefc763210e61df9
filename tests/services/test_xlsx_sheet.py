"""The sheet reader of imports (coop_desktop/services/xlsx_sheet.py) gives what openpyxl gives
for the same cells: workbooks written by openpyxl both ways (texts shared or inline), and
sheets written by hand the way other programs write them (no cell references, rows skipped,
shared and array formulas, rich and phonetic text, the 1904 epoch, error codes)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.formula import ArrayFormula

from coop_desktop.services.xlsx_sheet import sheet_rows


def read_both(data: bytes, name: str) -> tuple[list[Any], list[Any]]:
    """(openpyxl's rows, the reader's rows) of the sheet: each row's number and its values up
    to the last one written, empty rows left out."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    sheet = book[name]
    sheet.reset_dimensions()
    theirs = list(enumerate(sheet.iter_rows(values_only=True), start=1))
    mine = list(sheet_rows(book, name))
    book.close()
    return filled(theirs), filled(mine)


def filled(rows: list[tuple[int, Any]]) -> list[tuple[int, list[Any]]]:
    kept = []
    for n, raw in rows:
        values = list(raw)
        while values and values[-1] is None:
            values.pop()
        if values:
            kept.append((n, [comparable(v) for v in values]))
    return kept


def comparable(value: Any) -> Any:
    if isinstance(value, ArrayFormula):
        return ("array", value.ref, value.text)
    return (type(value).__name__, value)


def saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def a_sheet_of_everything(book: Workbook, write_only: bool) -> None:
    sheet = book.create_sheet("Datos") if write_only else book.active
    if not write_only:
        sheet.title = "Datos"
    rows: list[list[Any]] = [
        ["Acopio de octubre 2026"],
        [],
        ["Código", "Fecha", "Turno", "Litros", "Hora", "Activo", "Nota"],
        ["S001", date(2026, 10, 1), "M", 12.5, time(6, 30), True, "  con espacios  "],
        ["S002", datetime(2026, 10, 1, 17, 45), "T", 3, time(17, 5), False, ""],
        ["0012", date(1900, 3, 1), "mañana", -0.1, None, None, "ñandú"],
        [None, None, None, 1e-7, None, None, None],
        ["S003", date(2026, 10, 2), "M", 123456789012, None, None, "=A4&B4"],
        ["S004", date(2026, 10, 2), "M", 3.6, None, None, "#N/A"],
    ]
    for row in rows:
        sheet.append(row)
    if not write_only:
        sheet["I4"] = "=SUM(D4:D9)"
        sheet["I5"] = ArrayFormula("I5:I6", "=D4:D5*2")
        sheet["J4"] = timedelta(hours=30, minutes=15)
        sheet["J4"].number_format = "[h]:mm:ss"
        sheet["K12"] = CellRichText(["rojo ", TextBlock(InlineFont(b=True), "negrita")])
        sheet["B9"].number_format = "dd/mm/yyyy"


def test_openpyxl_workbooks_read_alike(tmp_path: Path) -> None:
    for write_only in (False, True):
        book = Workbook(write_only=write_only)
        a_sheet_of_everything(book, write_only)
        expected, read = read_both(saved(book), "Datos")
        assert len(expected) == (8 if write_only else 9)
        assert read == expected


def hand_written(sheet_xml: str, *, epoch_1904: bool = False, strings: str = "") -> bytes:
    """A workbook whose sheet (and shared strings) are written as given, the way other
    programs write them."""
    book = Workbook()
    book.active.title = "Hoja1"
    book.active["A1"] = date(2026, 1, 1)  # the workbook's style 1 is then a date style
    if epoch_1904:
        book.epoch = datetime(1904, 1, 1)
    source = io.BytesIO(saved(book))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                part = (
                    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                    'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    f"{sheet_xml}</sheetData></worksheet>"
                ).encode()
            if item.filename == "[Content_Types].xml":
                part = part.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b"vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
                    b'"/></Types>',
                )
            if item.filename == "xl/_rels/workbook.xml.rels":
                part = part.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            dst.writestr(item, part)
        dst.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
            f'openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>',
        )
    return out.getvalue()


def test_sheets_written_by_other_programs_read_alike() -> None:
    strings = (
        "<si><t>Código</t></si>"
        "<si><r><t>Lit</t></r><r><rPr><b/></rPr><t>ros</t></r></si>"
        "<si><t>ヤマダ</t><rPh sb='0' eb='3'><t>やまだ</t></rPh></si>"
    )
    sheet = (
        # no cell references at all (some exporters): columns counted
        '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row>'
        # rows skipped, a stated row number, cells with gaps
        '<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve"> S01 </t></is></c>'
        '<c r="C4"><v>45566</v></c><c r="D4" t="b"><v>1</v></c><c r="F4" t="e"><v>#DIV/0!</v>'
        "</c></row>"
        # rich and phonetic inline text; an ISO date cell; a formula string result
        '<row r="5"><c r="A5" t="inlineStr"><is><r><t>ro</t></r><r><t>sa</t></r>'
        '<rPh sb="0" eb="1"><t>ロ</t></rPh></is></c><c r="B5" t="d"><v>2026-10-01T06:30:00</v>'
        '</c><c r="C5" t="str"><f>A5&amp;"x"</f><v>rosax</v></c></row>'
        # shared formulas: the first cell states it, the next ones only refer to it
        '<row r="6"><c r="A6"><f t="shared" ref="A6:A8" si="0">B6*2</f><v>2</v></c></row>'
        '<row r="7"><c r="A7"><f t="shared" si="0"/><v>4</v></c></row>'
        '<row r="8"><c r="A8"><f t="shared" si="0"/><v>6</v></c></row>'
        # numbers as Excel writes them
        '<row r="9"><c r="A9"><v>1.5E-3</v></c><c r="B9"><v>-7</v></c><c r="C9"><v>12.0</v>'
        '</c><c r="D9" s="0"><v>3.6000000000000001</v></c></row>'
        # an empty cell element and an empty row
        '<row r="10"><c r="A10"/></row><row r="11"/>'
    )
    for epoch_1904 in (False, True):
        data = hand_written(sheet, epoch_1904=epoch_1904, strings=strings)
        expected, read = read_both(data, "Hoja1")
        assert [n for n, _ in expected] == [1, 4, 5, 6, 7, 8, 9]
        assert read == expected


def test_dates_follow_the_workbook_epoch() -> None:
    sheet = '<row r="1"><c r="A1" s="1"><v>45566</v></c></row>'
    for epoch_1904, expected in ((False, datetime(2024, 10, 1)), (True, datetime(2028, 10, 2))):
        data = hand_written(sheet, epoch_1904=epoch_1904)
        assert read_both(data, "Hoja1")[1] == [(1, [("datetime", expected)])]


def read(path: Path, data: bytes, **options: Any) -> Any:
    from coop_desktop.services.import_read import read_table
    from coop_desktop.services.import_table import ReadOptions

    path.write_bytes(data)
    return read_table(path, ReadOptions(**options), lambda _row: 0)


def test_a_damaged_sheet_is_refused_whole_with_its_reason(tmp_path: Path) -> None:
    head = '<row r="1"><c r="A1" t="inlineStr"><is><t>Código</t></is></c></row>'
    two = '<row r="2"><c r="D2"><v>5</v></c>'
    damaged = {
        "cut": head + '<row r="2"><c r="A2"><v>1',  # the file ends mid-row
        "no such text": head + '<row r="2"><c r="A2" t="s"><v>99</v></c></row>',
        # a reference that is no cell: never a value written over another one
        "at sign": head + two + '<c r="@2"><v>400</v></c></row>',
        "past XFD": head + '<row r="2"><c r="ZZZZZZZ2"><v>1</v></c></row>',
        "digits first": head + '<row r="2"><c r="4D"><v>1</v></c></row>',
        "a row twice": head + two + "</row>" + two + "</row>",
    }
    for what, rows in damaged.items():
        table = read(tmp_path / f"{what}.xlsx", hand_written(rows))
        assert table.rows == [], what
        assert [p.error.code for p in table.problems] == ["file_unreadable"], what
        assert table.problems[0].error.params["value"] == f"{what}.xlsx"
    reasons = {
        what: read(tmp_path / "r.xlsx", hand_written(rows)).problems[0].error.params["reason"]
        for what, rows in damaged.items()
        if what in ("at sign", "a row twice")
    }
    assert reasons == {
        "at sign": "la celda «@2» no es una referencia de celda",
        "a row twice": "la fila 2 aparece dos veces o fuera de orden",
    }


def test_a_formula_openpyxl_cannot_read_is_still_a_formula(tmp_path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Litros</t></is></c></row>'
        '<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="0">"abc</f><v>1</v></c></row>'
        '<row r="3"><c r="A3"><f t="shared" si="0"/><v>1</v></c></row>'
    )
    table = read(tmp_path / "f.xlsx", hand_written(rows))
    assert [(row, column) for row, column, _text in table.formulas] == [(2, 0), (3, 0)]
    assert table.formulas[0][2] == '="abc'


def test_a_damaged_hidden_sheet_refuses_the_workbook_in_words(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Octubre"
    book.active.append(["Código", "Litros"])
    hidden = book.create_sheet("Borrador")
    hidden.append(["x"])
    hidden.sheet_state = "hidden"
    source = io.BytesIO(saved(book))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                part = part[: len(part) // 2]  # cut off
            dst.writestr(item, part)
    table = read(tmp_path / "oculta.xlsx", out.getvalue())
    assert table.rows == []
    assert [p.error.code for p in table.problems] == ["file_unreadable"]


def test_a_chart_sheet_is_no_sheet_to_import(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Datos"
    book.active.append(["Código", "Litros"])
    book.active.append(["S001", 12.5])
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=2, min_row=1, max_row=2), titles_from_data=True)
    book.create_chartsheet("Gráfico").add_chart(chart)
    table = read(tmp_path / "g.xlsx", saved(book), sheet="Gráfico")
    assert [p.error.code for p in table.problems] == ["unknown_sheet"]
    assert table.problems[0].error.params["valid"] == "Datos"

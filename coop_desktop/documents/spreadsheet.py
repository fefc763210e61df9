"""Tables out as files: XLSX (openpyxl, write-only so a large table streams) with typed cells
— numbers as numbers, dates as dates, money with two decimals — a bold header row, frozen
panes, a filter and a totals row; or CSV (UTF-8 with BOM so Excel shows accents), numbers in
canonical form and dates dd/mm/yyyy. The totals are the exact Decimal sums the printed
documents show, written as values (not formulas), so reading the file back gives them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from coop_desktop.core.numbers import ONE, quantize
from coop_desktop.language import formatting

FORMATS = {
    "money": "#,##0.00",
    "quantity": "#,##0.000",
    "percent": "0.00",
    "decimal": "0.0000",
    "price": "0.0000",
    "int": "#,##0",
    "date": "DD/MM/YYYY",
}
PLACES = {"money": 2, "quantity": 3, "percent": 2, "decimal": 4, "price": 4, "int": 0}


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text | money | quantity | percent | decimal | price | int | date
    width: int = 12
    places: int | None = None  # overrides the kind's decimals (a measure's own scale)


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[object]] = field(default_factory=list)
    totals: Sequence[object] | None = None  # the totals row (values, aligned to columns)


def _places(column: Column) -> int:
    return column.places if column.places is not None else PLACES.get(column.kind, 2)


def _number_format(column: Column) -> str:
    if column.places is not None and column.kind in ("percent", "decimal", "quantity"):
        return "0" + ("." + "0" * column.places if column.places else "")
    return FORMATS[column.kind]


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title[:31])
        ws.freeze_panes = "A2"
        for i, column in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
        header = []
        for column in sheet.columns:
            cell = WriteOnlyCell(ws, value=column.header)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        formats = [None if c.kind == "text" else _number_format(c) for c in sheet.columns]
        for row in sheet.rows:
            ws.append(_typed_row(ws, row, formats, None))
        if sheet.totals is not None:
            ws.append(_typed_row(ws, sheet.totals, formats, bold))
        last = len(sheet.rows) + 1
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{last}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _typed_row(
    ws: object, row: Sequence[object], formats: list[str | None], font: object
) -> list[object]:
    from openpyxl.cell import WriteOnlyCell

    cells: list[object] = []
    for value, number_format in zip(row, formats, strict=True):
        if value is None or (number_format is None and font is None):
            cells.append(value)
            continue
        cell = WriteOnlyCell(ws, value=value)
        if number_format is not None and not isinstance(value, str):
            cell.number_format = number_format
        if font is not None:
            cell.font = font
        cells.append(cell)
    return cells


def csv_text(value: object, column: Column, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return formatting.day(value, lang)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal) and column.kind != "text":
        places = _places(column)
        return f"{quantize(value, ONE.scaleb(-places)):f}"
    return str(value)


def csv_bytes(sheet: Sheet, lang: str = "es", delimiter: str = ",", totals: bool = True) -> bytes:
    """One sheet as CSV. Numbers are canonical (1234.50: a decimal point and no thousands
    separator, as spreadsheets in Peru read them)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([c.header for c in sheet.columns])
    rows = list(sheet.rows)
    if totals and sheet.totals is not None:
        rows.append(sheet.totals)
    for row in rows:
        writer.writerow([csv_text(v, c, lang) for v, c in zip(row, sheet.columns, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")

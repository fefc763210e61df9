"""The cells of one sheet of a workbook opened by openpyxl in read-only mode, read straight from
the sheet's XML: the values openpyxl's own `iter_rows(values_only=True)` gives, with each row's
number as the file states it, in a third of the time (openpyxl builds a dictionary and parses a
coordinate for every cell: 100,000 rows of six cells took it 5–9 s).

The workbook's parts come from openpyxl as it opened them: the sheet's place in the package,
the shared strings, the date epoch (1900 or 1904) and which cell styles are dates or durations.
A value is read as openpyxl reads it: numbers as int or float, a number in a date style as a
date (or a time of day, or a duration), booleans, texts shared or inline (rich text as its
plain text), error codes as their text ("#N/A"). A cell with a formula gives the formula's text
("=SUM(B2:B9)", a shared formula translated to the cell), never the value Excel last saved:
the import refuses formulas (tests/services/test_xlsx_sheet.py compares it with openpyxl)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, iterparse

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ROW, CELL, VALUE, FORMULA = MAIN + "row", MAIN + "c", MAIN + "v", MAIN + "f"
INLINE, TEXT, RUN = MAIN + "is", MAIN + "t", MAIN + "r"
DIGITS = "0123456789"
LAST_COLUMN = 16384  # XFD


def _column(where: str, known: dict[str, int]) -> int:
    """The column's index (A = 0) of a cell reference ("B7"); a reference that is not one
    (no letters, other characters, past XFD, Excel's last column) is a damaged sheet."""
    letters = where.rstrip(DIGITS)
    index = known.get(letters)
    if index is None:
        if not (1 <= len(letters) <= 3 and letters.isascii() and letters.isalpha()):
            raise ValueError(f"la celda «{where}» no es una referencia de celda")
        index = 0
        for letter in letters.upper():
            index = index * 26 + ord(letter) - 64
        if index > LAST_COLUMN:
            raise ValueError(f"la celda «{where}» está más allá de la última columna (XFD)")
        index -= 1
        known[letters] = index
    return index


def _inline_text(cell: Element) -> str | None:
    """An inline string's text: its plain text, or its runs' texts (phonetic hints left out)."""
    box = cell.find(INLINE)
    if box is None:
        return None
    parts = []
    for part in box:
        if part.tag == TEXT:
            parts.append(part.text or "")
        elif part.tag == RUN:
            parts.extend(t.text or "" for t in part.iter(TEXT))
    return "".join(parts)


class _Formulas:
    """A formula's text; a shared formula's dependents get the first cell's, translated."""

    def __init__(self) -> None:
        self.shared: dict[str, Any] = {}

    def text(self, formula: Element, where: str | None) -> Any:
        text = "=" + (formula.text or "")
        kind = formula.get("t")
        if kind == "shared":
            from openpyxl.formula.translate import Translator

            key = formula.get("si") or ""
            try:
                if key in self.shared and where:
                    return self.shared[key].translate_formula(where)
                if text != "=" and where:
                    self.shared[key] = Translator(text, where)
            except Exception:  # a formula openpyxl cannot read: still a formula, as written
                return text
        elif kind == "array":
            from openpyxl.worksheet.formula import ArrayFormula

            return ArrayFormula(ref=formula.get("ref"), text=text)
        return text


def sheet_rows(book: Any, name: str) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values by column from A) of every row the sheet's file holds, in order;
    empty cells are None and a row ends at its last written cell."""
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    sheet = book[name]
    strings = sheet._shared_strings
    epoch = book.epoch
    dates = book._date_formats
    durations = book._timedelta_formats
    columns: dict[str, int] = {}
    formulas = _Formulas()
    row_number = 0
    with book._archive.open(sheet._worksheet_path) as source:
        for _event, element in iterparse(source):
            if element.tag != ROW:
                continue
            stated = element.get("r")
            previous = row_number
            row_number = int(float(stated)) if stated else row_number + 1
            if row_number <= previous:
                raise ValueError(f"la fila {row_number} aparece dos veces o fuera de orden")
            values: list[Any] = []
            column = -1
            for cell in element:
                if cell.tag != CELL:
                    continue
                where = cell.get("r")
                column = _column(where, columns) if where else column + 1
                kind = cell.get("t", "n")
                formula = cell.find(FORMULA)
                value: Any
                if formula is not None:
                    value = formulas.text(formula, where)
                elif kind == "inlineStr":
                    value = _inline_text(cell)
                else:
                    value = cell.findtext(VALUE) or None
                    if value is None:
                        pass
                    elif kind == "n":
                        exact = "." not in value and "E" not in value and "e" not in value
                        value = int(value) if exact else float(value)
                        style = int(cell.get("s") or 0)
                        if style in dates:
                            try:
                                value = from_excel(value, epoch, timedelta=style in durations)
                            except (OverflowError, ValueError):
                                value = "#VALUE!"  # a date style on a number no date has
                    elif kind == "s":
                        value = strings[int(value)]
                    elif kind == "b":
                        value = bool(int(value))
                    elif kind == "d":
                        value = from_ISO8601(value)
                if column >= len(values):
                    values.extend([None] * (column + 1 - len(values)))
                values[column] = value
            element.clear()
            yield row_number, values

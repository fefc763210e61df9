"""Reading an imported file into rows of cells: CSV (comma, semicolon or tab; UTF-8, UTF-16
or Windows-1252; decimal point or comma — each detected, and each can be given instead) or
an XLSX workbook (opened by openpyxl read-only, its sheet's cells streamed by
`xlsx_sheet.sheet_rows`). Structural problems (an
empty file, a formula, merged cells, a wrong encoding) are collected, never raised, so the
report names every one with its row and column."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Callable
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.numbers import D
from coop_desktop.domain.import_cells import Cell
from coop_desktop.services.import_table import Problem, RawTable, ReadOptions
from coop_desktop.services.xlsx_sheet import sheet_rows

MAX_BYTES = 25 * 1024 * 1024
VOTE_ROWS = 2000  # rows looked at to tell a decimal point from a decimal comma
ENCODINGS = {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}
DELIMITERS = {",": "coma", ";": "punto y coma", "\t": "tabulador"}
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u2018-\u203a\u0152-\u0178¡-¿]|Â[\u00a0-\u00bf]")
_COMMA_ONLY = re.compile(r"-?\d+,(\d{1,2}|\d{4,})")
_POINT_ONLY = re.compile(r"-?\d+\.(\d{1,2}|\d{4,})|-?\d{1,3}(,\d{3})+\.\d+")


def read_table(path: Path, options: ReadOptions, score: Callable[[list[Any]], int]) -> RawTable:
    """Read `path` whole (size-checked first) into a table; `score` (how many known column
    names a row holds) finds the header row among the first rows."""
    from coop_desktop.core.input_files import readable_file

    readable_file(path)
    size = path.stat().st_size
    table = RawTable(path.name, "")
    if size > MAX_BYTES:
        mb = D(size) / (1024 * 1024)
        table.problems.append(
            Problem(
                None,
                None,
                ValidationError(
                    "file_too_large", "file", size=f"{mb:.1f}", maximum=MAX_BYTES // 1024**2
                ),
            )
        )
        return table
    data = path.read_bytes()
    table.sha256 = hashlib.sha256(data).hexdigest()
    if not data.strip():
        table.problems.append(Problem(None, None, ValidationError("file_empty", "file")))
        return table
    if data.startswith(b"PK\x03\x04"):
        table.source = "xlsx"
        _read_xlsx(data, options, table)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        table.problems.append(
            Problem(None, None, ValidationError("file_xls", "file", value=path.name))
        )
        return table
    else:
        _read_csv(data, options, table)
    if table.rows or not table.problems:
        from coop_desktop.services.import_header import find_header  # it builds on RawTable

        find_header(table, score, options.header_row)
    return table


def _decode(data: bytes, options: ReadOptions, table: RawTable) -> str | None:
    wanted = options.encoding
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and wanted in (None, "utf-16"):
        table.encoding = "utf-16"
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        table.problems.append(
            Problem(None, None, ValidationError("file_binary", "file", value=table.file_name))
        )
        return None
    tries = [wanted] if wanted else ["utf-8", "cp1252"]
    for encoding in tries:
        try:
            text = data.decode("utf-8-sig" if encoding == "utf-8" else str(encoding))
        except UnicodeDecodeError as exc:
            if encoding != tries[-1]:
                continue
            row = data[: exc.start].count(b"\n") + 1
            err = ValidationError(
                "bad_encoding",
                "file",
                encoding=ENCODINGS.get(str(encoding), encoding),
                byte=f"0x{data[exc.start]:02X}",
            )
            table.problems.append(Problem(row, None, err))
            return None
        except LookupError:
            table.problems.append(
                Problem(
                    None,
                    None,
                    ValidationError(
                        "bad_choice", "file", value=encoding, valid=", ".join(ENCODINGS)
                    ),
                )
            )
            return None
        table.encoding = str(encoding)
        return text
    return None


def _sniff_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(data: bytes, options: ReadOptions, table: RawTable) -> None:
    text = _decode(data, options, table)
    if text is None:
        return
    table.delimiter = options.delimiter or _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter)
    start = 1
    votes = [0, 0]  # comma, point: counted over the first rows, enough to tell
    mojibake_left = 20 if table.encoding == "cp1252" else 0
    for record in reader:
        row = start
        start = reader.line_num + 1
        cells: list[Cell] = [c.strip() for c in record]
        if not any(cells):
            continue
        if len(table.rows) < VOTE_ROWS:
            for c in cells:
                if _COMMA_ONLY.fullmatch(c):  # type: ignore[arg-type]
                    votes[0] += 1
                elif _POINT_ONLY.fullmatch(c):  # type: ignore[arg-type]
                    votes[1] += 1
        if mojibake_left:
            for i, c in enumerate(record):
                if _MOJIBAKE.search(c):
                    mojibake_left -= 1
                    table.problems.append(
                        Problem(row, i, ValidationError("mojibake", "file", value=c.strip()))
                    )
        table.rows.append((row, cells))
    table.decimal = options.decimal or ("comma" if votes[0] > votes[1] else "point")


def _xlsx_value(value: Any) -> Cell:
    if isinstance(value, float):
        # A workbook stores numbers as binary doubles; Excel shows 15 significant digits,
        # and so do we: 3.6 is read as "3.6", never 3.60000000000000008882.
        text = f"{value:.15g}"
        try:
            return D(text)
        except ValueError:
            return text  # an exponent: refused later as "not a number", naming the cell
    if isinstance(value, str):
        return value.strip()
    return value  # type: ignore[no-any-return]


MERGE_CHECK_ROWS = 20_000  # a sheet up to this many rows is also opened whole for its merges


def _merged_ranges(data: bytes, name: str) -> list[tuple[str, int, int, int, int]]:
    """(range, first row, last row, first column index, last column index) of every merged
    range of the sheet, from openpyxl's own model of it (`merged_cells.ranges`), which only
    a workbook opened whole has."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
    try:
        return [
            (r.coord, r.min_row, r.max_row, r.min_col - 1, r.max_col - 1)
            for r in book[name].merged_cells.ranges
        ]
    finally:
        book.close()


def _pick_sheet(book: Any, options: ReadOptions, table: RawTable) -> str | None:
    """The sheet asked for, or the active sheet when it is visible, else the first visible
    one; hidden sheets (drafts, lists) are left aside, and the report says so."""
    table.sheets = list(book.sheetnames)
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
    if options.sheet is not None:
        if options.sheet not in visible + hidden:  # a chart sheet has no cells to import
            table.problems.append(
                Problem(
                    None,
                    None,
                    ValidationError(
                        "unknown_sheet",
                        "sheet",
                        value=options.sheet,
                        valid=", ".join(visible + hidden),
                    ),
                )
            )
            return None
        if options.sheet in hidden:
            table.notes.append(
                Problem(None, None, ValidationError("sheet_hidden", "sheet", value=options.sheet))
            )
        return options.sheet
    active = getattr(book.active, "title", None)
    name = active if active in visible else (visible or table.sheets)[0]
    if hidden:
        table.notes.append(
            Problem(
                None,
                None,
                ValidationError(
                    "sheet_chosen", "sheet", value=name, hidden=", ".join(f"«{h}»" for h in hidden)
                ),
            )
        )
    return name


def _read_cells(book: Any, name: str, table: RawTable) -> None:
    """The sheet's rows into the table: numbers as Excel shows them, texts trimmed, formulas
    noted (their values are not the import's), empty rows left out."""
    numbers: dict[float, Cell] = {}  # a sheet repeats its numbers: each read once
    for n, values in sheet_rows(book, name):
        filled = False
        v: Any
        for i, v in enumerate(values):
            if v is None:
                continue
            kind = v.__class__
            if kind is float:
                found = numbers.get(v)
                values[i] = found if found is not None else numbers.setdefault(v, _xlsx_value(v))
            elif kind is str:
                text = v.strip()
                values[i] = text
                if text.startswith("="):  # formulas are read, not the values Excel saved
                    table.formulas.append((n, i, text[:40]))
                    values[i] = None
                elif not text:
                    continue
            elif isinstance(v, (time, timedelta)):  # a time of day, a duration: as text
                values[i] = v.isoformat() if isinstance(v, time) else str(v)
            elif not isinstance(v, (int, Decimal, date, bool)):  # an array formula
                table.formulas.append((n, i, str(getattr(v, "text", v))[:40]))
                values[i] = None
            filled = True
        if filled:
            table.rows.append((n, values))


def _unreadable(table: RawTable, exc: Exception) -> None:
    """A damaged workbook: nothing of it is taken, and the report says why."""
    table.rows.clear()
    table.formulas.clear()
    table.problems.append(
        Problem(
            None,
            None,
            ValidationError(
                "file_unreadable", "file", value=table.file_name, reason=str(exc)[:120]
            ),
        )
    )


def _read_xlsx(data: bytes, options: ReadOptions, table: RawTable) -> None:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # a damaged or foreign package
        _unreadable(table, exc)
        return
    try:
        name = _pick_sheet(book, options, table)
        if name is None:
            return
        table.sheet = name
        table.epoch_1904 = bool(getattr(book, "epoch", None) and book.epoch.year == 1904)
        try:
            _read_cells(book, name, table)
        except (
            ParseError,
            LookupError,
            ValueError,
            OSError,
            zipfile.BadZipFile,
            zlib.error,
        ) as exc:
            _unreadable(table, exc)
            return
    finally:
        book.close()
    if len(table.rows) <= MERGE_CHECK_ROWS:
        try:
            table.merged = _merged_ranges(data, name)
        except Exception as exc:  # another part of the workbook is damaged
            _unreadable(table, exc)
            return
    table.decimal = options.decimal or "point"

"""Reading an imported file into rows of cells: CSV (comma, semicolon or tab; UTF-8, UTF-16
or Windows-1252; decimal point or comma — each detected, and each can be given instead) or
an XLSX workbook (openpyxl, read-only, so a large sheet streams). Structural problems (an
empty file, a formula, merged cells, a wrong encoding) are collected, never raised, so the
report names every one with its row and column."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from coop_desktop.domain.import_cells import Cell
from coop_desktop.errors import CoopError, ValidationError
from coop_desktop.numbers import D

MAX_BYTES = 25 * 1024 * 1024
HEADER_SCAN = 10  # title rows a sheet may have above its header
VOTE_ROWS = 2000  # rows looked at to tell a decimal point from a decimal comma
ENCODINGS = {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}
DELIMITERS = {",": "coma", ";": "punto y coma", "\t": "tabulador"}
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u2018-\u203a\u0152-\u0178¡-¿]|Â[\u00a0-\u00bf]")
_COMMA_ONLY = re.compile(r"-?\d+,(\d{1,2}|\d{4,})")
_POINT_ONLY = re.compile(r"-?\d+\.(\d{1,2}|\d{4,})|-?\d{1,3}(,\d{3})+\.\d+")


@dataclass(frozen=True)
class ReadOptions:
    encoding: str | None = None  # utf-8 | utf-16 | cp1252; None: detect
    delimiter: str | None = None  # , ; or tab; None: detect
    decimal: str | None = None  # point | comma; None: detect
    sheet: str | None = None  # XLSX sheet; None: the first


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: a file row (1 = the first line) and a column index (0-based)."""

    row: int | None
    column: int | None
    error: CoopError


@dataclass
class RawTable:
    file_name: str
    sha256: str
    source: str = "csv"  # csv | xlsx
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str = "point"
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    epoch_1904: bool = False
    header_row: int = 0
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    merged: list[tuple[str, int, int, int]] = field(default_factory=list)  # text, rows, column


def read_table(
    path: Path, options: ReadOptions, is_header: Callable[[list[Any]], bool]
) -> RawTable:
    """Read `path` whole (size-checked first) into a table; `is_header` finds the header
    row among the first rows."""
    from coop_desktop.input_files import readable_file

    readable_file(path)
    size = path.stat().st_size
    table = RawTable(path.name, "")
    if size > MAX_BYTES:
        mb = Decimal(size) / (1024 * 1024)
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
        _find_header(table, is_header)
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


def _xlsx_value(cell: Any, row: int, col: int, table: RawTable) -> Cell:
    value = cell.value
    if getattr(cell, "data_type", None) == "f":
        table.problems.append(
            Problem(row, col, ValidationError("formula_cell", "file", value=str(value)[:40]))
        )
        return None
    if isinstance(value, float):
        # A workbook stores numbers as binary doubles; Excel shows 15 significant digits,
        # and so do we: 3.6 is read as "3.6", never 3.60000000000000008882.
        text = f"{value:.15g}"
        try:
            return D(text)
        except ValueError:
            return text  # an exponent: refused later as "not a number", naming the cell
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip()
    return value  # type: ignore[no-any-return]


_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _merged_ranges(sheet: Any) -> list[tuple[str, int, int, int]]:
    """(range text, first row, last row, first column index) of every merged range, read
    from the sheet's XML (openpyxl's read-only mode does not expose them)."""
    from openpyxl.utils import column_index_from_string

    try:
        with sheet._get_source() as src:
            xml = src.read()
    except Exception:  # an unusual package layout: merged cells then go unreported
        return []
    return [
        (
            f"{m[1].decode()}{int(m[2])}:{m[3].decode()}{int(m[4])}",
            int(m[2]),
            int(m[4]),
            column_index_from_string(m[1].decode()) - 1,
        )
        for m in _MERGE.finditer(xml)
    ]


def _read_xlsx(data: bytes, options: ReadOptions, table: RawTable) -> None:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # a damaged or foreign package
        table.problems.append(
            Problem(
                None,
                None,
                ValidationError(
                    "file_unreadable", "file", value=table.file_name, reason=str(exc)[:120]
                ),
            )
        )
        return
    try:
        table.sheets = list(book.sheetnames)
        name = options.sheet or table.sheets[0]
        if name not in table.sheets:
            table.problems.append(
                Problem(
                    None,
                    None,
                    ValidationError(
                        "unknown_sheet", "sheet", value=name, valid=", ".join(table.sheets)
                    ),
                )
            )
            return
        table.sheet = name
        table.epoch_1904 = bool(getattr(book, "epoch", None) and book.epoch.year == 1904)
        sheet = book[name]
        sheet.reset_dimensions()
        for n, cells in enumerate(sheet.iter_rows(), start=1):
            values = [_xlsx_value(c, n, i, table) for i, c in enumerate(cells)]
            if any(v is not None and v != "" for v in values):
                table.rows.append((n, values))
        table.merged = _merged_ranges(sheet)
    finally:
        book.close()
    table.decimal = options.decimal or "point"


def _find_header(table: RawTable, is_header: Callable[[list[Any]], bool]) -> None:
    if not table.rows:
        table.problems.append(Problem(None, None, ValidationError("file_empty", "file")))
        return
    index = next(
        (i for i, (_, cells) in enumerate(table.rows[:HEADER_SCAN]) if is_header(cells)), 0
    )
    table.header_row, header = table.rows[index]
    while header and (header[-1] is None or header[-1] == ""):
        header = header[:-1]
    table.headers = ["" if h is None else str(h).strip() for h in header]
    table.rows = table.rows[index + 1 :]
    for text, first, last, column in table.merged:
        if last >= table.header_row:
            table.problems.append(
                Problem(
                    max(first, table.header_row),
                    column,
                    ValidationError("merged_cells", "file", value=text),
                )
            )
    if not table.rows:
        table.problems.append(
            Problem(table.header_row, None, ValidationError("file_no_rows", "file"))
        )

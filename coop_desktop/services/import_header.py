"""The rows of a read sheet sorted out: which row is the header (the one with the most known
column names below title rows and a merged group header, or the one given), the totals rows
left aside with a note, and the problems of formulas and merged cells placed on their row and
column."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from coop_desktop.core.errors import ValidationError
from coop_desktop.domain.import_cells import Cell
from coop_desktop.services.import_table import Problem, RawTable

HEADER_SCAN_ROWS = 15  # rows (with data) a sheet may have above its header


def find_header(
    table: RawTable, score: Callable[[list[Any]], int], given: int | None = None
) -> None:
    """The header row: the one given, else among the first rows the one with the most known
    column names (at least two; a row of a merged group header above it — "ENTREGA | SOCIO
    | CANTIDAD" — is passed over, and a tie goes to the lower row, nearer the data). When
    none qualifies the first row is taken and the report says so; totals rows are left
    aside with a note, and the problems of merged cells and formulas are placed."""
    if not table.rows:
        table.problems.append(Problem(None, None, ValidationError("file_empty", "file")))
        return
    grouped = {first for _t, first, last, c0, c1 in table.merged if first == last and c1 > c0}
    index, best = 0, 0
    if given is not None:
        found = [i for i, (row, _c) in enumerate(table.rows) if row == given]
        if not found:
            table.problems.append(
                Problem(
                    given,
                    None,
                    ValidationError(
                        "header_row_missing",
                        "header_row",
                        row=given,
                        first=table.rows[0][0],
                        last=table.rows[-1][0],
                    ),
                )
            )
            return
        index = found[0]
        table.header_given = True
        table.notes.append(Problem(None, None, ValidationError("header_given", row=given)))
    else:
        for i, (row, cells) in enumerate(table.rows[:HEADER_SCAN_ROWS]):
            points = score(cells)
            if row in grouped and points < len([c for c in cells if c not in (None, "")]):
                points = min(points, 1)  # a group header: its names head groups of columns
            if points >= 2 and points >= best:
                index, best = i, points
    above = {row: cells for row, cells in table.rows[:index]}
    table.header_row, header = table.rows[index]
    table.header_score = best
    header = _header_with_merges(table, list(header), above)
    while header and (header[-1] is None or header[-1] == ""):
        header = header[:-1]
    table.headers = ["" if h is None else str(h).strip() for h in header]
    table.rows = table.rows[index + 1 :]
    if given is None and best < 2:
        table.problems.append(
            Problem(
                table.header_row,
                None,
                ValidationError(
                    "header_not_found",
                    "header_row",
                    scan=HEADER_SCAN_ROWS,
                    row=table.header_row,
                    text=table.header_text()[:80],
                ),
            )
        )
    elif given is None:
        code = "header_found_below" if index else "header_found"
        table.notes.append(
            Problem(None, None, ValidationError(code, row=table.header_row, count=best))
        )
    _leave_totals(table)
    _place_cell_problems(table)
    if not table.rows:
        table.problems.append(
            Problem(table.header_row, None, ValidationError("file_no_rows", "file"))
        )


def _header_with_merges(
    table: RawTable, header: list[Cell], above: dict[int, list[Cell]]
) -> list[Cell]:
    """A header of two rows: a name merged down from the group row above ("Código" over
    A2:A3 beside "ENTREGA" over C2:D2) heads its column on the header row too."""
    for _text, first, last, c0, _c1 in table.merged:
        if first < table.header_row <= last and first in above:
            anchor = above[first]
            if c0 < len(anchor) and anchor[c0] not in (None, ""):
                while len(header) <= c0:
                    header.append(None)
                if header[c0] in (None, ""):
                    header[c0] = anchor[c0]
    return header


_NUMBER = re.compile(r"\s*(S/\s*)?[-\u2212]?[\d.,\s]+\s*")  # a number written in a CSV cell
_TOTAL = re.compile(
    r"\s*(?:(?:sub\s*)?total(?:es)?(?:\s+general)?|sumas?|totals?|grand\s+total|sum)[\s:.]*",
    re.I,
)


def _is_totals(cells: list[Cell]) -> bool:
    found = False
    for c in cells:
        if not isinstance(c, str) or not c or _NUMBER.fullmatch(c):
            continue
        if not _TOTAL.fullmatch(c):
            return False  # a data row: its first word (a code, a name) says so at once
        found = True
    return found


def _leave_totals(table: RawTable) -> None:
    """A row whose only words are "TOTAL" (or "Totales", "Suma"…) beside numbers or formulas
    is a totals row: left aside with a note, never read as data (nor its formulas)."""
    keep = []
    for row, cells in table.rows:
        if _is_totals(cells):
            words = " ".join(c for c in cells if isinstance(c, str) and _TOTAL.fullmatch(c))
            table.notes.append(Problem(row, None, ValidationError("totals_row", value=words)))
            table.formulas = [f for f in table.formulas if f[0] != row]
            continue
        keep.append((row, cells))
    table.rows = keep


def _place_cell_problems(table: RawTable) -> None:
    """Formulas and merged cells below the header, each named by its row and column."""
    data_rows = {row for row, _c in table.rows}
    for row, column, text in table.formulas:
        if row in data_rows:
            table.problems.append(
                Problem(row, column, ValidationError("formula_cell", "file", value=text))
            )
    for text, first, last, column, _c1 in table.merged:
        if last > table.header_row:  # one reaching into the data (the header's are read)
            table.problems.append(
                Problem(
                    max(first, table.header_row),
                    column,
                    ValidationError("merged_cells", "file", value=text),
                )
            )

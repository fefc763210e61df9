"""What reading a file gives: its table of cells (with how it was read), the problems found,
and the options a person can give (encoding, delimiter, decimal mark, sheet, header row)."""

from __future__ import annotations

from dataclasses import dataclass, field

from coop_desktop.core.errors import CoopError
from coop_desktop.domain.import_cells import Cell


@dataclass(frozen=True)
class ReadOptions:
    encoding: str | None = None  # utf-8 | utf-16 | cp1252; None: detect
    delimiter: str | None = None  # , ; or tab; None: detect
    decimal: str | None = None  # point | comma; None: detect
    sheet: str | None = None  # XLSX sheet; None: the active one (if visible)
    header_row: int | None = None  # the header's file row; None: find it


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
    header_score: int = 0  # known column names on the header row (0: none found)
    header_given: bool = False  # the header row was given (--header-row)
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # what was read and why; left aside
    merged: list[tuple[str, int, int, int, int]] = field(default_factory=list)
    formulas: list[tuple[int, int, str]] = field(default_factory=list)  # row, column, text

    def header_text(self) -> str:
        return " | ".join(h for h in self.headers if h)

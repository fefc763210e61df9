"""An import's report: what was read and why, the problems with their row and column, the
rows already in the database, the corrections; as sentences (the CLI and the screen) and as
plain data (`--json`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from coop_desktop.core.errors import CoopError, ValidationError
from coop_desktop.domain import import_columns as columns
from coop_desktop.domain.import_columns import IGNORE, ColumnMatch
from coop_desktop.language import formatting
from coop_desktop.services.import_match import Correction
from coop_desktop.services.import_table import Problem, RawTable

PREVIEW_ROWS = 12


@dataclass
class ImportReport:
    kind: str
    table: RawTable
    match: ColumnMatch | None = None
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    to_write: int = 0
    already_imported: int = 0  # rows already in the database (imported or recorded alike)
    written: int = 0
    earlier_at: datetime | None = None  # when this very file was imported before
    corrections: list[Correction] = field(default_factory=list)  # shown; written if confirmed
    practices_added: int = 0  # a members file: practices recorded for members on file

    @property
    def earlier_import(self) -> str | None:
        """When this very file was imported before, as people read it (dd/mm/yyyy hh:mm)."""
        return None if self.earlier_at is None else formatting.moment(self.earlier_at)

    @property
    def notes(self) -> list[Problem]:
        """What was read and why (sheet, header row), and what was left aside (totals)."""
        return self.table.notes

    @property
    def ok(self) -> bool:
        return not self.problems

    def preview(self, count: int = PREVIEW_ROWS) -> list[tuple[int, list[str]]]:
        """The first data rows (file row number, cells as text) for the screen's preview; a
        workbook's date serial in a date column is shown as the date it is."""
        dates = {
            i
            for i, f in enumerate(self.match.fields if self.match else [])
            if f in ("date", "joined_on") and self.table.source == "xlsx"
        }
        return [
            (
                row,
                [
                    _shown(_as_day(c, self.table.epoch_1904) if i in dates else c)
                    for i, c in enumerate(cells)
                ],
            )
            for row, cells in self.table.rows[:count]
        ]


def _as_day(value: object, epoch_1904: bool) -> object:
    from decimal import Decimal

    from coop_desktop.domain.import_cells import serial_date

    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        try:
            return serial_date(value, "date", epoch_1904)
        except CoopError:
            return value
    return value


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):  # a date cell (datetime included) as people write it
        return formatting.day(value)
    return str(value)


def check_columns(kind: str, match: ColumnMatch, table: RawTable, report: ImportReport) -> None:
    """Every column problem on the header row (unknown, missing, twice), the columns left
    aside, cells beyond the header; and, when columns fail, which row was read as the header
    and why, said first."""
    for i, key in enumerate(match.fields):
        header = table.headers[i] if i < len(table.headers) else ""
        if key is None and header:
            report.problems.append(
                Problem(
                    table.header_row, i, ValidationError("unknown_column", "column", value=header)
                )
            )
    for column, code in match.notes:
        report.warnings.append(
            Problem(
                table.header_row,
                column,
                ValidationError(code, "column", value=table.headers[column]),
            )
        )
    width = len(table.headers)
    for row, cells in table.rows:
        extra = [c for c in cells[width:] if c not in (None, "")]
        if extra:
            if table.source == "xlsx":
                report.problems.append(
                    Problem(table.header_row, width, ValidationError("unnamed_column", "column"))
                )
                break
            report.problems.append(
                Problem(
                    row,
                    None,
                    ValidationError("too_many_cells", "file", count=len(cells), expected=width),
                )
            )
    _check_required(kind, match, table, report)
    columns_failed = any(
        (p.row == table.header_row and p.column is not None) or p.error.code == "missing_column"
        for p in report.problems
    )
    if columns_failed and (table.header_score >= 2 or table.header_given):
        report.warnings.insert(0, _header_taken(table))  # said before the column problems


def _header_taken(table: RawTable) -> Problem:
    """Which row was read as the header, and why: said first whenever its columns fail."""
    code = "header_taken_given" if table.header_given else "header_taken_most"
    return Problem(
        None,
        None,
        ValidationError(
            code,
            "header_row",
            row=table.header_row,
            count=table.header_score,
            text=table.header_text()[:100],
        ),
    )


def _check_required(kind: str, match: ColumnMatch, table: RawTable, report: ImportReport) -> None:
    found = ", ".join(h for h in table.headers if h) or "—"
    need = list(columns.REQUIRED[kind])
    if kind == "members" and {"surnames_and_names", "names_and_surnames"} & set(match.column_of):
        need = [k for k in need if k not in ("given_names", "surnames")]  # from the whole name
    if kind in ("deliveries", "tests") and not {"member", "member_dni"} & set(match.column_of):
        need.insert(0, "member")
    if kind == "deliveries" and not set(columns.QUANTITY_KEYS) & set(match.column_of):
        need.append("quantity")
    for key in need:
        if key not in match.column_of:
            report.problems.append(
                Problem(table.header_row, None, ValidationError("missing_column", key, found=found))
            )
    seen: dict[str, list[int]] = {}
    for i, target in enumerate(match.fields):
        if target is not None and target != IGNORE:
            seen.setdefault(target, []).append(i)
    if kind == "deliveries" and "quantity" in seen:
        # a quantity with its unit beside it cannot also be read from a litres or kg column;
        # litres and kg columns (accepted or rejected, as the export writes them) go together
        quantity_columns = [i for k in columns.QUANTITY_KEYS for i in seen.get(k, [])]
        if len(quantity_columns) > 1:
            seen["quantity"] = sorted(quantity_columns)
    for key, where in seen.items():
        if len(where) > 1:
            from coop_desktop.domain.import_cells import column_letter

            names = " y ".join(f"{column_letter(i)} «{table.headers[i]}»" for i in where)
            report.problems.append(
                Problem(
                    table.header_row,
                    where[1],
                    ValidationError("duplicate_column", key, value=names),
                )
            )
    if kind == "tests":
        from coop_desktop.domain.measures import MEASURES

        if not set(MEASURES) & set(match.column_of):
            report.problems.append(
                Problem(table.header_row, None, ValidationError("no_measure_columns", "column"))
            )


def where(problem: Problem) -> tuple[int, int]:
    return (problem.row or 0, -1 if problem.column is None else problem.column)


def problem_lines(report: ImportReport, lang: str = "es", limit: int | None = None) -> list[str]:
    """Each problem as a sentence naming its row and column (the CLI and the screen)."""
    return [describe(report, p, lang) for p in report.problems[:limit]]


def describe(report: ImportReport, problem: Problem, lang: str = "es") -> str:
    from coop_desktop.core.messages import render
    from coop_desktop.domain.import_cells import column_letter

    reason = problem.error.render(lang)
    if problem.row is None:
        return reason
    if problem.column is None:
        return render("row_problem_nocol", lang, row=problem.row, reason=reason)
    headers = report.table.headers
    name = headers[problem.column] if problem.column < len(headers) else ""
    column = column_letter(problem.column) + (f" «{name}»" if name else "")
    return render("row_problem", lang, row=problem.row, column=column, reason=reason)


def summary(report: ImportReport) -> dict[str, Any]:
    """The report as plain data (`--json`)."""
    t = report.table
    return {
        "kind": report.kind,
        "file": t.file_name,
        "sha256": t.sha256,
        "source": t.source,
        "encoding": t.encoding,
        "delimiter": t.delimiter,
        "decimal": t.decimal,
        "sheet": t.sheet,
        "header_row": t.header_row,
        "columns": [
            {"header": h, "field": (report.match.fields[i] if report.match else None)}
            for i, h in enumerate(t.headers)
        ],
        "rows": report.rows_read,
        "to_write": report.to_write,
        "already_imported": report.already_imported,
        "written": report.written,
        "practices_added": report.practices_added,
        "corrections": [
            {
                "row": c.row,
                "member": c.who,
                "date": c.day.isoformat(),
                "before": c.texts(report.kind)[0],
                "after": c.texts(report.kind)[1],
            }
            for c in report.corrections
        ],
        "notes": [describe(report, p) for p in report.notes],
        "dry_run": report.dry_run,
        "earlier_import": report.earlier_at.isoformat(sep=" ") if report.earlier_at else None,
        "problems": [
            {"row": p.row, "column": p.column, "code": p.error.code, "message": describe(report, p)}
            for p in report.problems
        ],
        "warnings": [describe(report, p) for p in report.warnings],
    }

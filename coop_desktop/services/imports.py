"""Importing members, deliveries and quality tests from CSV or XLSX files: all or nothing.

`import_file` reads the file, matches its columns, validates every row by the rules a typed
entry obeys, and — only when no row has a problem — writes everything in ONE unit of work
(`db.write()`): bulk inserts in integer minor units, one import batch, a fingerprint per row
and an audit record. Rows imported before (the same file again, or a file that repeats them)
are skipped, never duplicated. `dry_run` does the same checks in a read-only unit of work.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop import clock, formatting
from coop_desktop.domain import import_columns as columns
from coop_desktop.domain.import_columns import IGNORE, ColumnMatch
from coop_desktop.domain.roles import Permission
from coop_desktop.errors import CoopError, Refused, ValidationError
from coop_desktop.gc_pause import paused_gc
from coop_desktop.services import import_rows as rows
from coop_desktop.services import import_write as write
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.period_status import refuse_if_closed
from coop_desktop.services.import_deliveries import prepare_deliveries
from coop_desktop.services.import_match import Correction
from coop_desktop.services.import_match import match as match_records
from coop_desktop.services.import_read import Problem, RawTable, ReadOptions, read_table
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import ImportBatch, Member, Setting

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?
MAPPING_SETTING = "import_mapping.{kind}"
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
    earlier_import: str | None = None  # when this very file was imported before
    corrections: list[Correction] = field(default_factory=list)  # shown; written if confirmed
    practices_added: int = 0  # a members file: practices recorded for members on file

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


def load_mapping(db: Database, kind: str) -> dict[str, str]:
    """The column mapping saved for this kind of file (header key → field or IGNORE)."""
    with db.read() as session:
        row = session.get(Setting, MAPPING_SETTING.format(kind=kind))
        return dict(json.loads(row.value)) if row else {}


@requires(Permission.IMPORT)
def save_mapping(db: Database, kind: str, mapping: dict[str, str]) -> None:
    clean = {columns.header_key(h): columns.resolve_field(kind, f) for h, f in mapping.items()}
    with db.write() as session:
        key = MAPPING_SETTING.format(kind=kind)
        row = session.get(Setting, key)
        text = json.dumps(clean, ensure_ascii=False, sort_keys=True)
        if row is None:
            session.add(Setting(key=key, value=text))
        else:
            row.value = text


def _check_kind(kind: str) -> None:
    if kind not in columns.KINDS:
        raise ValidationError("bad_choice", "kind", value=kind, valid=", ".join(columns.KINDS))


def practice_headers(db: Database) -> dict[str, str]:
    """The header keys a members file's practice columns may have (a practice's name in
    Spanish or English, or its code, alone or followed by "desde"/"since") → its field."""
    from coop_desktop.services.practices import list_practices

    out: dict[str, str] = {}
    for p in list_practices(db):
        for name in (p.name, p.name_en or "", p.code):
            key = columns.header_key(name)
            if key:
                for text in (key, f"{key} desde", f"{key} since", f"practica {key}"):
                    out[text] = columns.PRACTICE + p.code
    return out


def read_file(
    path: Path,
    kind: str,
    options: ReadOptions | None = None,
    mapping: dict[str, str] | None = None,
    practices: dict[str, str] | None = None,
) -> ImportReport:
    """Read and match columns without the database: the screen's preview, and the first
    half of every import. Column problems are reported on the header row; `practices`
    (`practice_headers`) names a members file's practice columns."""
    _check_kind(kind)
    table = read_table(
        path, options or ReadOptions(), lambda c: columns.header_score(kind, c, practices)
    )
    report = ImportReport(kind, table, problems=list(table.problems))
    if report.problems and not table.headers:
        return report
    keyed = {
        columns.header_key(h): columns.resolve_field(kind, f) for h, f in (mapping or {}).items()
    }
    match = columns.match_columns(kind, table.headers, keyed, practices)
    report.match = match
    report.rows_read = len(table.rows)
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
    return report


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


def _context(
    session: Session, report: ImportReport, today: date, default_unit: str
) -> rows.Context:
    members: dict[str, tuple[int, str, str]] = {}
    dnis: dict[str, tuple[int, str, str]] = {}
    for member_id, code, status, dni in session.execute(
        select(Member.id, Member.code, Member.status, Member.dni)
    ):
        members[code.lower()] = (member_id, code, status)
        if dni:
            dnis[dni] = (member_id, code, status)
    refusals: dict[date, CoopError | None] = {}

    def closed(day: date) -> CoopError | None:
        if day not in refusals:
            try:
                refuse_if_closed(session, day)  # the same guard a typed entry meets
                refusals[day] = None
            except Refused as exc:
                refusals[day] = exc
        return refusals[day]

    table = report.table
    return rows.Context(
        today=today,
        members=members,
        dnis=dnis,
        closed=closed,
        decimal_comma=table.decimal == "comma",
        epoch_1904=table.epoch_1904,
        from_workbook=table.source == "xlsx",
        default_unit=default_unit,
        deliveries_of=lambda ids: write.delivery_owners(session, ids),
        needs_st=_needs_st(session),
    )


def _needs_st(session: Session) -> Callable[[date], bool]:
    """Does the scheme in force on a day price total solids? (memoised per day)"""
    from coop_desktop.services.quality import scheme_needs

    answers: dict[date, bool] = {}

    def needs(day: date) -> bool:
        if day not in answers:
            answers[day] = scheme_needs(session, day, "st")
        return answers[day]

    return needs


@paused_gc()
@requires(Permission.IMPORT)
def import_file(
    db: Database,
    path: Path,
    kind: str,
    *,
    options: ReadOptions | None = None,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    default_unit: str = "L",
    progress: Progress | None = None,
    today: date | None = None,
    correct: bool = False,
) -> ImportReport:
    """Import `path` as `kind` (members | deliveries | tests). Returns the report; when it
    has problems nothing was written. A saved mapping applies unless `mapping` is given.

    Rows already in the database are skipped whatever the state of their period; a row
    that corrects a recorded delivery or test is a problem naming the difference unless
    `correct` (the person confirmed it); new rows and corrections dated in a closed period
    are refused with the closed-period guard of a typed entry."""
    _check_kind(kind)
    given = load_mapping(db, kind) if mapping is None else mapping
    report = read_file(
        path, kind, options, given, practice_headers(db) if kind == "members" else None
    )
    report.dry_run = dry_run
    if report.problems or report.match is None:
        return report
    today = today or clock.today()

    def step(done: int, total: int) -> None:
        if progress is not None and not progress(done, total):
            raise Refused("cancelled")

    unit = db.read() if dry_run else db.write()
    with unit as session:
        earlier = session.scalars(
            select(ImportBatch).where(
                ImportBatch.file_sha256 == report.table.sha256, ImportBatch.kind == kind
            )
        ).first()
        if earlier is not None:
            report.earlier_import = earlier.imported_at.isoformat(sep=" ")
        ctx = _context(session, report, today, default_unit)
        if kind == "members":
            prepared = write.prepare_members_against(session, report, ctx)
            on_file = {c.lower() for c in session.scalars(select(Member.code))}
            fresh = [r for r in prepared.records if r[1].draft.code.lower() not in on_file]
            again = [r for r in prepared.records if r[1].draft.code.lower() in on_file]
            report.already_imported = len(again)
        else:
            prepared = (
                prepare_deliveries(report.table, report.match, ctx, step)
                if kind == "deliveries"
                else rows.prepare_tests(report.table, report.match, ctx)
            )
            codes = {m[0]: m[1] for m in ctx.members.values()}
            matched = match_records(session, kind, prepared.records, codes)
            fresh, again = matched.fresh, []
            report.already_imported = matched.skipped
            report.corrections = matched.corrections
            prepared.problems += _closed_refusals(ctx, report, fresh, correct)
        report.problems.extend(prepared.problems)
        report.problems.sort(key=_where)  # by row, then column, as the file reads
        report.warnings.extend(prepared.warnings)
        report.to_write = len(fresh)
        if kind == "deliveries":
            report.warnings.extend(write.same_shift_warnings(session, fresh, report.match))
        if report.problems or dry_run:
            return report
        if fresh:
            report.written = write.write_all(session, kind, report, fresh, step)
        if kind == "members":
            report.practices_added = write.new_practices(session, fresh + again)
        if report.corrections:
            write.apply_corrections(session, kind, report.corrections)
            if not fresh:
                write.write_all(session, kind, report, [], step)  # the batch and its audit
    return report


def _closed_refusals(
    ctx: rows.Context, report: ImportReport, fresh: list[tuple[int, Any, str]], correct: bool
) -> list[Problem]:
    """The rows that would change a closed period (new rows and corrections dated in one),
    refused as a typed entry is; corrections not confirmed, named with their difference."""
    match = report.match
    assert match is not None
    column = match.column_of.get("date")
    out = []
    for row, rec, _p in fresh:
        refusal = ctx.closed(rec[1])
        if refusal is not None:
            out.append(Problem(row, column, refusal))
    member = match.column_of.get("member", match.column_of.get("member_dni"))
    for c in report.corrections:
        refusal = ctx.closed(c.day)
        before, after = c.texts(report.kind)
        if refusal is not None:
            error: CoopError = Refused(
                "correction_in_closed",
                "date",
                value=c.who,
                day=formatting.day(c.day),
                before=before,
                after=after,
                reason=refusal,
            )
            out.append(Problem(c.row, column, error))
        elif not correct:
            out.append(Problem(c.row, member, c.error(report.kind)))
    return out


def _where(problem: Problem) -> tuple[int, int]:
    return (problem.row or 0, -1 if problem.column is None else problem.column)


def problem_lines(report: ImportReport, lang: str = "es", limit: int | None = None) -> list[str]:
    """Each problem as a sentence naming its row and column (the CLI and the screen)."""
    return [describe(report, p, lang) for p in report.problems[:limit]]


def describe(report: ImportReport, problem: Problem, lang: str = "es") -> str:
    from coop_desktop.domain.import_cells import column_letter
    from coop_desktop.messages import render

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
        "earlier_import": report.earlier_import,
        "problems": [
            {"row": p.row, "column": p.column, "code": p.error.code, "message": describe(report, p)}
            for p in report.problems
        ],
        "warnings": [describe(report, p) for p in report.warnings],
    }

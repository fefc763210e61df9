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
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError, Refused, ValidationError
from coop_desktop.core.gc_pause import paused_gc
from coop_desktop.domain import import_columns as columns
from coop_desktop.domain.roles import Permission
from coop_desktop.language import formatting
from coop_desktop.services import import_members
from coop_desktop.services import import_rows as rows
from coop_desktop.services import import_write as write
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.date_rule import guard_dates, load_rule
from coop_desktop.services.import_deliveries import prepare_deliveries
from coop_desktop.services.import_lookup import delivery_owners
from coop_desktop.services.import_match import match as match_records
from coop_desktop.services.import_read import read_table
from coop_desktop.services.import_report import (
    ImportReport,
    check_columns,
    describe,
    problem_lines,
    summary,
    where,
)
from coop_desktop.services.import_table import Problem, ReadOptions
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import ImportBatch, Member, Setting

__all__ = ["ImportReport", "describe", "import_file", "problem_lines", "read_file", "summary"]
Progress = Callable[[int, int], bool]  # (done, total) -> keep going?
MAPPING_SETTING = "import_mapping.{kind}"


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
    check_columns(kind, match, table, report)
    return report


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
    rule = load_rule(session)  # the date rule a typed entry meets

    def closed(day: date) -> CoopError | None:
        return rule.refusal(day)

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
        deliveries_of=lambda ids: delivery_owners(session, ids),
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
            report.earlier_at = earlier.imported_at
        ctx = _context(session, report, today, default_unit)
        if kind == "members":
            prepared = import_members.prepare_members_against(session, report, ctx)
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
        report.problems.sort(key=where)  # by row, then column, as the file reads
        report.warnings.extend(prepared.warnings)
        report.to_write = len(fresh)
        if kind == "deliveries":
            report.warnings.extend(write.same_shift_warnings(session, fresh, report.match))
        if report.problems or dry_run:
            return report
        if fresh:
            if kind != "members":  # the months locked in order, the rule read again (a close)
                guard_dates(session, [rec[1] for _, rec, _ in fresh])
            report.written = write.write_all(session, kind, report, fresh, step)
        if kind == "members":
            report.practices_added = import_members.new_practices(session, fresh + again)
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

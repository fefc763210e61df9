"""A members file's rows: validated by the rules a typed member obeys (`members.clean_draft`),
with the whole-name column split, the status and the practices (each column holding the day
it was adopted); then set against the members on file: the same member is skipped (its new
practices recorded), another member's code or DNI is refused naming what differs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop_desktop.core.errors import CoopError, NotFound, ValidationError
from coop_desktop.domain import import_cells as cells
from coop_desktop.domain.import_cells import Cell
from coop_desktop.domain.import_columns import PRACTICE, ColumnMatch
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.import_rows import Context, Prepared, Row, fingerprint
from coop_desktop.services.import_table import Problem, RawTable
from coop_desktop.services.members import clean_draft, existing_identities
from coop_desktop.storage.models import Member, Practice

if TYPE_CHECKING:
    from coop_desktop.services.import_report import ImportReport


@dataclass(frozen=True)
class MemberRecord:
    """A members file's row, validated: the draft (the typed rules), its status, and the
    practices it holds, each from a day."""

    draft: MemberDraft
    status: str = "active"
    practices: tuple[tuple[str, date], ...] = ()


def prepare_members(table: RawTable, match: ColumnMatch, ctx: Context) -> Prepared:
    out = Prepared()
    seen_codes: dict[str, int] = {}
    seen_dnis: dict[str, int] = {}
    prints: dict[str, int] = {}
    for row, values in table.rows:
        r = Row(row, values, match, out)
        text = {
            k: cells.text_cell(r.get(k))
            for k in (
                "code",
                "given_names",
                "surnames",
                "dni",
                "community",
                "district",
                "province",
                "department",
                "address",
                "phone",
                "bank",
                "account",
                "wallet",
            )
        }
        gender = r.convert("gender", lambda c: cells.choice_cell(c, "gender"))
        method = r.convert("payment_method", lambda c: cells.choice_cell(c, "payment_method"))
        joined = r.convert(
            "joined_on",
            lambda c: cells.date_cell(
                c,
                "joined_on",
                ctx.today,
                from_workbook=ctx.from_workbook,
                epoch_1904=ctx.epoch_1904,
            ),
        )
        herd = r.convert("herd_size", lambda c: cells.integer_cell(c, "herd_size"))
        status = r.convert("status", lambda c: cells.choice_cell(c, "status")) or "active"
        for key in ("surnames_and_names", "names_and_surnames"):
            split = r.convert(key, _splitter(key))
            if split is not None and not (text["surnames"] or text["given_names"]):
                text["surnames"], text["given_names"] = split
                _note_split(out, table, match, key, row, split)
        held = _practices(r, ctx)
        if not r.ok:
            continue
        if method is None:  # inferred from what is known: a wallet number, an account, or cash
            method = "wallet" if text["wallet"] else "bank" if text["account"] else "cash"
        try:
            clean = clean_draft(
                MemberDraft(
                    code=text["code"] or "",
                    given_names=text["given_names"] or "",
                    surnames=text["surnames"] or "",
                    dni=text["dni"],
                    gender=gender,
                    community=text["community"],
                    district=text["district"],
                    province=text["province"],
                    department=text["department"],
                    address=text["address"],
                    phone=text["phone"],
                    payment_method=method,
                    account=text["account"],
                    joined_on=joined,
                    herd_size=herd,
                    bank=text["bank"],
                    wallet=text["wallet"],
                )
            )
        except CoopError as exc:
            r.fail(exc)
            continue
        key = clean.code.lower()
        if key in seen_codes:
            r.fail(
                ValidationError(
                    "duplicate_in_file", "code", value=clean.code, other=seen_codes[key]
                )
            )
        elif clean.dni and clean.dni in seen_dnis:
            r.fail(
                ValidationError(
                    "duplicate_in_file", "dni", value=clean.dni, other=seen_dnis[clean.dni]
                )
            )
        seen_codes.setdefault(key, row)
        if clean.dni:
            seen_dnis.setdefault(clean.dni, row)
        if r.ok:
            parts = [getattr(clean, name) for name in MemberDraft.__dataclass_fields__]
            extra = ([status] if status != "active" else []) + [f"{c}={d}" for c, d in held]
            out.records.append(
                (
                    row,
                    MemberRecord(clean, status, held),
                    fingerprint(["member", *parts, *extra], prints),
                )
            )
    return out


def _splitter(key: str) -> Callable[[Cell], tuple[str, str]]:
    """The reader of a whole-name column: surnames first, or given names first."""
    return lambda cell: cells.split_full_name(cell, key, key == "surnames_and_names")


def _note_split(
    out: Prepared, table: RawTable, match: ColumnMatch, key: str, row: int, split: tuple[str, str]
) -> None:
    """Say once how a whole-name column was split, with the first row as the example."""
    code = f"full_name_split_{'sg' if key == 'surnames_and_names' else 'gs'}"
    if any(w.error.code == code for w in out.warnings):
        return
    column = match.column_of[key]
    cell = dict(table.rows).get(row, [])
    out.warnings.append(
        Problem(
            row,
            column,
            ValidationError(
                code,
                key,
                value=table.headers[column],
                row=row,
                example=cells.text_cell(cell[column] if column < len(cell) else None),
                surnames=split[0],
                given=split[1],
            ),
        )
    )


def _practices(r: Row, ctx: Context) -> tuple[tuple[str, date], ...]:
    """The practices of a members row: each practice column holds the day it was adopted
    (blank or "no": not held)."""
    held = []
    for key in sorted(k for k in r.columns if k.startswith(PRACTICE)):
        value = r.get(key)
        if cells.is_blank(value) or cells.text_cell(value) in ("no", "No", "NO", "-"):
            continue
        try:
            day = cells.date_cell(
                value, "date", ctx.today, from_workbook=ctx.from_workbook, epoch_1904=ctx.epoch_1904
            )
        except CoopError as exc:
            if exc.code not in ("bad_import_date", "excel_serial_date", "required"):
                r.fail(exc, key)
                continue
            r.fail(
                ValidationError(
                    "practice_needs_date",
                    "practice",
                    value=key.removeprefix(PRACTICE),
                    cell=cells.text_cell(value),
                ),
                key,
            )
            continue
        held.append((key.removeprefix(PRACTICE), day))
    return tuple(held)


def prepare_members_against(session: Session, report: ImportReport, ctx: Context) -> Prepared:
    """Members of the file, checked against those on file. A row whose member is already
    recorded with the same data is skipped (imported before, or the members export read back);
    its practices not recorded yet are added. A code or DNI already in use by other data is
    refused, naming what differs."""
    assert report.match is not None
    prepared = prepare_members(report.table, report.match, ctx)
    _codes, dnis = existing_identities(session)
    column = report.match.column_of
    on_file = {m.code.lower(): m for m in session.scalars(select(Member))}
    practices = {p.code: p for p in session.scalars(select(Practice))}
    keep = []
    for row, rec, print_ in prepared.records:
        unknown = [code for code, _d in rec.practices if code not in practices]
        error: CoopError
        if unknown:
            error = NotFound(
                "unknown_practice", "practice", value=unknown[0], valid=", ".join(practices)
            )
            prepared.problems.append(Problem(row, column.get(PRACTICE + unknown[0]), error))
            continue
        clean = rec.draft
        existing = on_file.get(clean.code.lower())
        if existing is not None:
            differs = _differences(existing, rec)
            if differs:
                error = ValidationError(
                    "member_differs",
                    "code",
                    value=clean.code,
                    name=f"{existing.given_names} {existing.surnames}",
                    fields=", ".join(differs),
                )
                prepared.problems.append(Problem(row, column.get("code"), error))
                continue
            keep.append((row, rec, print_))
            continue
        if clean.dni and clean.dni in dnis:
            error = ValidationError("duplicate_dni", "dni", value=clean.dni, other=dnis[clean.dni])
            prepared.problems.append(Problem(row, column.get("dni"), error))
            continue
        keep.append((row, rec, print_))
    prepared.records = keep
    return prepared


def _differences(m: Member, rec: MemberRecord) -> list[str]:
    """The fields a row gives that differ from the member on file (what it leaves blank, and
    its practices, add to the record rather than contradict it)."""
    from coop_desktop.core.messages import field_name

    out = []
    for name in MemberDraft.__dataclass_fields__:
        given = getattr(rec.draft, name)
        if given in (None, "") or (name in ("payment_method",) and given == "cash"):
            continue
        if str(getattr(m, name) or "") != str(given):
            out.append(field_name(name, "es"))
    if rec.status != m.status and rec.status != "active":
        out.append(field_name("status", "es"))
    return out


def new_practices(session: Session, fresh: list[tuple[int, Any, str]]) -> int:
    """Adopted facts for the practices the rows give that their members do not hold from
    that day yet (a members file read again with a practice added to a row)."""
    from coop_desktop.domain.practices import ADOPTED
    from coop_desktop.services.closeout.inputs import practices as held
    from coop_desktop.services.practices import find_practice, record_fact

    recorded = held(session.connection())
    count = 0
    for _row, rec, _p in fresh:
        if not rec.practices:
            continue
        member = session.scalars(
            select(Member).where(func.lower(Member.code) == rec.draft.code.lower())
        ).one()
        mine = recorded.get(member.id)
        for code, day in rec.practices:
            if mine is not None and any(s.code == code and s.start <= day for s in mine.spans):
                continue  # held since that day or earlier: nothing new
            record_fact(session, member, find_practice(session, code), ADOPTED, day, day)
            count += 1
    return count

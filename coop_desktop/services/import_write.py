"""The database side of an import: the one all-or-nothing write (bulk inserts in integer
minor units, the import batch, a fingerprint per row, one audit record)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.numbers import D
from coop_desktop.domain.measures import MEASURES
from coop_desktop.services.association import load_association
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.services.import_table import Problem
from coop_desktop.services.members import insert_member
from coop_desktop.services.numbering import reserve_numbers
from coop_desktop.storage.bulk import insert_rows, sqlite_date, sqlite_datetime
from coop_desktop.storage.columns import table_columns
from coop_desktop.storage.models import Delivery, ImportBatch, Member, QualityTest

if TYPE_CHECKING:
    from coop_desktop.domain.import_columns import ColumnMatch
    from coop_desktop.services.import_report import ImportReport

DELIVERY_COLUMNS = table_columns("delivery", leave_out=("centre_id",))  # none in a file
# the measures in the table's order (the rows are built in it)
TEST_MEASURES = tuple(c for c in table_columns("quality_test") if c in MEASURES)
TEST_COLUMNS = table_columns("quality_test")


def same_shift_warnings(
    session: Session, fresh: list[tuple[int, Any, str]], match: ColumnMatch | None
) -> list[Problem]:
    """A member who already delivered in that shift (on file or earlier in the file): the
    screen asks before such a delivery; an import says so in its report."""
    if not fresh:
        return []
    days = [rec[1] for _, rec, _ in fresh]
    existing = set(
        session.execute(
            select(Delivery.member_id, Delivery.date, Delivery.shift).where(
                Delivery.date >= min(days), Delivery.date <= max(days)
            )
        ).all()
    )
    codes = dict(session.execute(select(Member.id, Member.code)).all())
    column = None if match is None else match.column_of.get("member")
    seen: dict[tuple[int, date, str], int] = {}
    out: list[Problem] = []
    from coop_desktop.language import formatting

    for row, rec, _ in fresh:
        key = (rec[0], rec[1], rec[2])
        shift = rec[2]
        if key in existing:
            out.append(
                Problem(
                    row,
                    column,
                    ValidationError(
                        "same_shift_in_db",
                        "member",
                        value=codes[rec[0]],
                        day=formatting.day(rec[1]),
                        shift=shift,
                    ),
                )
            )
        elif key in seen:
            out.append(
                Problem(
                    row,
                    column,
                    ValidationError(
                        "same_shift_in_file",
                        "member",
                        value=codes[rec[0]],
                        day=formatting.day(rec[1]),
                        shift=shift,
                        other=seen[key],
                    ),
                )
            )
        seen.setdefault(key, row)
    return out


def write_all(
    session: Session,
    kind: str,
    report: ImportReport,
    fresh: list[tuple[int, Any, str]],
    step: Callable[[int, int], None],
) -> int:
    """Write every fresh record, the batch and the fingerprints, in the caller's unit of
    work; any error (or a cancel from `step`) rolls all of it back."""
    batch = ImportBatch(
        kind=kind,
        file_name=report.table.file_name[:300],
        file_sha256=report.table.sha256,
        rows=len(fresh),
        imported_by=actor(),
        imported_at=now(),
    )
    session.add(batch)
    session.flush()
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    who, when = actor(), now()
    stamp: Any = sqlite_datetime(when) if sqlite else when
    total = len(fresh)
    if kind == "members":
        department = load_association(session).department
        for n, (_, rec, _) in enumerate(fresh):
            insert_member(session, rec.draft, department, rec.status)
            if n % 200 == 0:
                step(n, total)
        session.flush()
    elif kind == "deliveries":
        # Each imported delivery gets its ticket number from the series' counter, as a typed
        # one does (numbering.reserve_numbers), in one reservation for the whole file.
        series = load_association(session).ticket_series
        first = reserve_numbers(session, series, total)
        data = [
            (m, sqlite_date(d) if sqlite else d, *rest, who, stamp, series, first + n)
            for n, (_, (m, d, *rest), _) in enumerate(fresh)
        ]
        for i in range(0, total, 20_000):
            insert_rows(conn, "delivery", DELIVERY_COLUMNS, data[i : i + 20_000], adapted=True)
            step(min(total, i + 20_000), total)
    else:
        data = [
            (
                member_id,
                sqlite_date(day) if sqlite else day,
                delivery,
                *(stored.get(k) for k in TEST_MEASURES),
                lab,
                bool(derived),
                who,
                stamp,
            )
            for _, (member_id, day, delivery, stored, lab, _code, derived), _ in fresh
        ]
        insert_rows(conn, "quality_test", TEST_COLUMNS, data, adapted=True)
    insert_rows(
        conn,
        "import_row",
        ("kind", "fingerprint", "batch_id"),
        [(kind, fingerprint, batch.id) for _, _, fingerprint in fresh],
        adapted=True,
    )
    days = [rec[1] for _, rec, _ in fresh if kind != "members"]
    days += [c.day for c in report.corrections]
    audit(
        session,
        "import",
        "import_batch",
        batch.id,
        after={
            "kind": kind,
            "file": report.table.file_name,
            "sha256": report.table.sha256,
            "rows": total,
            "corrections": len(report.corrections),
            "first_day": min(days).isoformat() if days else None,
            "last_day": max(days).isoformat() if days else None,
        },
    )
    step(total, total)
    return total


def apply_corrections(session: Session, kind: str, corrections: list[Any]) -> None:
    """Write the confirmed corrections: the delivery's quantity (and unit), or the test's
    measures the file gives, each audited with what it was."""
    for c in corrections:
        target: Any = session.get(Delivery if kind == "deliveries" else QualityTest, c.target)
        before = row_dict(target)
        for key, value in c.after.items():
            if kind == "deliveries" and key == "quantity":
                value = D(value).scaleb(-3)
            elif kind == "tests" and not MEASURES[key].boolean:
                value = D(value).scaleb(-MEASURES[key].scale)
            setattr(target, key, value)
        if kind == "tests" and c.record[6]:  # ST derived again from the corrected fat + SNF
            target.st = D(c.record[3]["st"]).scaleb(-MEASURES["st"].scale)
            target.st_derived = True
        session.flush()
        audit(
            session,
            "correct",
            "delivery" if kind == "deliveries" else "quality_test",
            target.id,
            before=before,
            after=row_dict(target),
        )

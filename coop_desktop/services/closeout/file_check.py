"""A close refuses a damaged SQLite file: before it writes, it checks what it reads
(storage/file_check.py) — every page of the file, the smaller tables it reads with all their
indexes, and the period's deliveries through the date index against the table itself. A
damaged file is refused in words (restore the last backup), naming what is wrong.

The lists are data: a feature whose close reads another table adds it here.
"""

from __future__ import annotations

from coop_desktop.core.errors import StorageError
from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.storage import file_check
from coop_desktop.storage.engine import Database

# Read by the close and checked whole (pages, records, every index against the table).
CLOSE_TABLES = [
    "association",
    "setting",
    "member",
    "quality_test",
    "ledger_entry",
    "charge",
    "loan",
    "period",
    "settlement",
    "price_scheme",
    "price_scheme_version",
    "document_counter",
]
# Read by the close over the period through an index (EXPLAIN QUERY PLAN of its reads).
CLOSE_RANGES = [
    file_check.IndexRange(
        "delivery",
        "ix_delivery_date_shift",
        "date >= :start AND date <= :end",
        (
            "total(substr(date, 6, 2) * 40 + substr(date, 9, 2))",
            "total(unicode(shift) + unicode(substr(shift, 2)) * 3)",
        ),
    ),
]


def verify_close_reads(db: Database, span: PeriodSpan) -> None:
    """Refuse a damaged SQLite file before a close of `span` writes anything."""
    if not db.is_sqlite:
        return  # the server keeps its own pages
    params = {"start": span.start.isoformat(), "end": span.end.isoformat()}
    with db.read() as session:  # a driver error here is said in words too
        conn = session.connection()
        problems = file_check.quick_problems(conn)
        problems += file_check.table_problems(conn, CLOSE_TABLES)
        problems += file_check.range_problems(conn, CLOSE_RANGES, params)
    if problems:
        raise StorageError(
            "db_damaged", value=db.location.describe(), reason="; ".join(problems[:5])
        )

"""Is a SQLite file whole where a reader looks? `PRAGMA quick_check` proves every page and
record readable but not that an index agrees with its table: one flipped bit in an index leaf
can point a delivery at another row, and a close reading through that index pays the wrong
member. So a reader that must not be wrong (the close, a backup) also checks:

- `integrity_check(TABLE)` — pages, records and every index against the table — for the
  tables it reads that are small enough to check whole;
- for a large table read through one index over a range (the close's deliveries by date),
  that the index and the table agree on that range: the same rows, the same row ids, the same
  key values (counted and summed once through the index and once through the table alone).

Each problem comes back in words; an empty list means all is well.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class IndexRange:
    """A range a reader takes from `table` through `index`, and the sums that must agree."""

    table: str
    index: str
    where: str  # SQL over the table's columns, with :named parameters
    sums: tuple[str, ...]  # cheap SQL over the indexed columns (read from the index)


def _rows(conn: Any, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in conn.exec_driver_sql(sql, dict(params or {})).all()]


def quick_problems(conn: Any, limit: int = 5) -> list[str]:
    found = _rows(conn, f"PRAGMA quick_check({limit})")
    return [] if found == [("ok",)] else [str(r[0]) for r in found]


def table_problems(conn: Any, tables: Iterable[str], limit: int = 5) -> list[str]:
    """`integrity_check` of each table and its indexes."""
    problems: list[str] = []
    for table in tables:
        found = _rows(conn, f'PRAGMA integrity_check("{table}")')
        if found != [("ok",)]:
            problems += [str(r[0]) for r in found[:limit]]
    return problems


def range_problems(conn: Any, ranges: Iterable[IndexRange], params: Mapping[str, Any]) -> list[str]:
    """Each range read through its index and through its table alone must give the same
    count, row ids (their sum and the sum of their squares) and key sums."""
    problems: list[str] = []
    for r in ranges:
        sums = ", ".join(("count(*)", "total(rowid)", "total(rowid * rowid)", *r.sums))
        by_index = _rows(
            conn, f'SELECT {sums} FROM "{r.table}" INDEXED BY "{r.index}" WHERE {r.where}', params
        )
        by_table = _rows(
            conn, f'SELECT {sums} FROM "{r.table}" NOT INDEXED WHERE {r.where}', params
        )
        if by_index != by_table:
            problems.append(
                f"el índice {r.index} no coincide con la tabla {r.table} "
                f"({by_index[0][0]} filas por el índice, {by_table[0][0]} en la tabla)"
            )
    return problems

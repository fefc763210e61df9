"""Bulk inserts without ORM objects, for demo data, imports and benchmarks.

Rows hold values already in storage form: integers in minor units, dates, booleans. Dates and
times are turned into what each engine stores (ISO text on SQLite, as SQLAlchemy does).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the closeout's worker process reads with sqlite3 alone, without SQLAlchemy
    from sqlalchemy import Connection


def sqlite_date(value: date) -> str:
    return value.isoformat()


def sqlite_datetime(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def adapt_row(row: Sequence[Any], sqlite: bool) -> tuple[Any, ...]:
    if not sqlite:
        return tuple(row)
    out = []
    for value in row:
        if isinstance(value, datetime):
            out.append(sqlite_datetime(value))
        elif isinstance(value, date):
            out.append(sqlite_date(value))
        else:
            out.append(value)
    return tuple(out)


def insert_rows(
    conn: Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    adapted: bool = False,
) -> int:
    """INSERT many rows with the driver's executemany; returns the count.

    `adapted=True` says the caller already gave SQLite-ready values (fast path).
    """
    sqlite = conn.dialect.name == "sqlite"
    if conn.dialect.driver == "psycopg":
        return _copy_rows(conn, table, columns, rows)
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    data = list(rows) if adapted else [adapt_row(r, sqlite) for r in rows]
    if data:
        conn.exec_driver_sql(sql, data)
    return len(data)


def _copy_rows(
    conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """PostgreSQL: the same rows through COPY FROM STDIN on the connection's own transaction
    (row triggers fire as for INSERT), an order of magnitude faster than executemany. The
    statement events never see a COPY, so the write is noted for the change topics here."""
    from coop_desktop.storage.change_record import note

    note(conn, table)
    count = 0
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    finally:
        cursor.close()
    return count


def max_id(conn: Connection, table: str) -> int:
    return int(conn.exec_driver_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table}").scalar_one())


def is_sqlite(conn: Connection | sqlite3.Connection) -> bool:
    return isinstance(conn, sqlite3.Connection) or conn.dialect.name == "sqlite"


def fetch_raw(
    conn: Connection | sqlite3.Connection, sql: str, params: Sequence[Any]
) -> list[tuple[Any, ...]]:
    """Run a SELECT written with `?` placeholders on the DBAPI cursor and return plain tuples
    (no Row objects: the closeout reads a million rows this way). `conn` is a SQLAlchemy
    connection or a bare sqlite3 one. Rows are fetched in chunks: one `fetchall` of a million
    rows is a single C call that holds the interpreter for most of a second, and a window
    reading on a worker thread would freeze that long."""
    if isinstance(conn, sqlite3.Connection):
        return _chunked(conn.execute(sql, tuple(params)))
    if conn.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, tuple(params))
        return _chunked(cursor)
    finally:
        cursor.close()


FETCH_CHUNK = 20_000


def _chunked(cursor: Any) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    while chunk := cursor.fetchmany(FETCH_CHUNK):
        rows.extend(chunk)
    return rows


def iterate_raw(
    conn: Connection | sqlite3.Connection, sql: str, params: Sequence[Any]
) -> Iterable[tuple[Any, ...]]:
    """`fetch_raw` row by row: the DBAPI cursor itself, iterated in C (a close reads a
    million deliveries once; holding them all as a list costs a few hundred MB it does not
    need). Consume it while `conn` is open; it closes when dropped."""
    if isinstance(conn, sqlite3.Connection):
        return conn.execute(sql, tuple(params))
    if conn.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(sql, tuple(params))
    return cursor  # type: ignore[no-any-return]

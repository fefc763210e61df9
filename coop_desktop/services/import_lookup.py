"""What an import looks up before it writes: the rows an earlier import already wrote (by
their fingerprints) and the member each delivery a test names belongs to."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.storage.bulk import fetch_raw
from coop_desktop.storage.models import Delivery

CHUNK = 900  # bound parameters per IN (...), under the limit of SQLite before 3.32
PRINT_CHUNK = 20_000  # under SQLite's 32,766 (3.32 and later) and PostgreSQL's 65,535


def known_prints(session: Session, kind: str, prints: list[str]) -> set[str]:
    """The fingerprints among `prints` that an earlier import already wrote (plain driver
    queries in large chunks: a re-imported 100,000-row file is checked in a blink)."""
    conn = session.connection()
    if not prints or not fetch_raw(conn, "SELECT 1 FROM import_row WHERE kind = ? LIMIT 1", [kind]):
        return set()
    found: set[str] = set()
    chunk = (
        PRINT_CHUNK
        if conn.dialect.name != "sqlite" or sqlite3.sqlite_version_info >= (3, 32)
        else CHUNK
    )
    for i in range(0, len(prints), chunk):
        part = prints[i : i + chunk]
        sql = (
            "SELECT fingerprint FROM import_row WHERE kind = ? AND fingerprint IN ("
            + ",".join("?" * len(part))
            + ")"
        )
        found.update(r[0] for r in fetch_raw(conn, sql, [kind, *part]))
    return found


def delivery_owners(session: Session, ids: list[int]) -> dict[int, int]:
    owners: dict[int, int] = {}
    for i in range(0, len(ids), CHUNK):
        owners.update(
            session.execute(
                select(Delivery.id, Delivery.member_id).where(Delivery.id.in_(ids[i : i + CHUNK]))
            ).all()
        )
    return owners

"""The audit trail as a hash chain: each row carries SHA-256 over its canonical content and the
previous row's hash, in the order of `seq`. Editing, deleting, reordering or inserting a row
breaks the chain at that row, and `verify` says where.

Rows are appended only here, one at a time, with the previous row read under a lock (an
advisory transaction lock on PostgreSQL; SQLite's write transactions are already exclusive),
so two PCs writing at once never fork the chain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select

from coop_desktop.storage.models import AuditLog

GENESIS = "0" * 64
CHAIN_VERSION = 1
_LOCK_KEY = 0x636F6F70  # "coop": the advisory lock that serialises appends on PostgreSQL
TABLE: Table = AuditLog.__table__  # type: ignore[assignment]


def canonical(
    seq: int,
    at: datetime,
    user_id: int | None,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    before: str | None,
    after: str | None,
) -> str:
    """The exact text a row's hash covers: every column but the id and the hash itself."""
    fields = [
        CHAIN_VERSION,
        seq,
        at.isoformat(sep=" "),
        user_id,
        actor,
        action,
        entity,
        entity_id,
        before,
        after,
    ]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def link(previous: str, content: str) -> str:
    return hashlib.sha256(f"{previous}\n{content}".encode()).hexdigest()


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")


def head(conn: Connection) -> tuple[int, str]:
    """The last sequence number and hash of the chain (0 and the genesis when empty)."""
    row = conn.execute(
        select(TABLE.c.seq, TABLE.c.chain_hash)
        .where(TABLE.c.seq.is_not(None))
        .order_by(TABLE.c.seq.desc())
        .limit(1)
    ).first()
    if row is None:
        return 0, GENESIS
    return int(row[0]), str(row[1] or GENESIS)


def append(
    conn: Connection,
    *,
    at: datetime,
    user_id: int | None,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    before: str | None,
    after: str | None,
) -> int:
    """Append one row to the chain in the caller's transaction; returns its sequence number."""
    _lock(conn)
    last_seq, last_hash = head(conn)
    seq = last_seq + 1
    content = canonical(seq, at, user_id, actor, action, entity, entity_id, before, after)
    conn.execute(
        insert(TABLE).values(
            seq=seq,
            at=at,
            user_id=user_id,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
            chain_hash=link(last_hash, content),
        )
    )
    return seq


@dataclass(frozen=True, slots=True)
class Finding:
    """One break in the chain: `code` names what was found (see services/audit_trail.py)."""

    code: str
    seq: int | None
    row_id: int
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ChainReport:
    rows: int
    last_seq: int
    last_hash: str
    findings: list[Finding]


_COLUMNS = [
    TABLE.c.id,
    TABLE.c.seq,
    TABLE.c.at,
    TABLE.c.user_id,
    TABLE.c.actor,
    TABLE.c.action,
    TABLE.c.entity,
    TABLE.c.entity_id,
    TABLE.c.before,
    TABLE.c.after,
    TABLE.c.chain_hash,
]


def verify(conn: Connection) -> ChainReport:
    """Recompute the chain from the first row and report every row that does not follow."""
    columns = _COLUMNS
    findings: list[Finding] = []
    count = 0
    previous_seq, previous_hash = 0, GENESIS
    legacy_last_id = 0
    sealed = select(*columns).where(TABLE.c.seq.is_not(None))
    for row in conn.execute(sealed.order_by(TABLE.c.seq, TABLE.c.id)):
        count += 1
        if row.action == LEGACY_ACTION and row.entity == "audit_log" and row.after:
            findings += _check_legacy(conn, row)
            legacy_last_id = max(legacy_last_id, int(json.loads(row.after)["last_id"]))
        if row.seq != previous_seq + 1:
            code = "audit_gap" if row.seq > previous_seq + 1 else "audit_duplicate_seq"
            findings.append(
                Finding(code, row.seq, row.id, {"first": previous_seq + 1, "last": row.seq - 1})
            )
        content = canonical(
            row.seq,
            row.at,
            row.user_id,
            row.actor,
            row.action,
            row.entity,
            row.entity_id,
            row.before,
            row.after,
        )
        if link(previous_hash, content) != row.chain_hash:
            findings.append(Finding("audit_broken", row.seq, row.id, {"action": row.action}))
        # Carry on from the stored hash: one edited row is one finding, not a cascade.
        previous_seq, previous_hash = row.seq, row.chain_hash or ""
    unsealed = select(*columns).where(TABLE.c.seq.is_(None), TABLE.c.id > legacy_last_id)
    for row in conn.execute(unsealed.order_by(TABLE.c.id)):
        count += 1
        findings.append(Finding("audit_unsealed", None, row.id, {"action": row.action}))
    return ChainReport(count, previous_seq, previous_hash, findings)


def _check_legacy(conn: Connection, seal: Any) -> list[Finding]:
    recorded = json.loads(seal.after)
    count, digest = _legacy_digest(conn, int(recorded["last_id"]))
    if (count, digest) == (recorded["rows"], recorded["digest"]):
        return []
    detail = {"rows": recorded["rows"], "found": count}
    return [Finding("audit_legacy_changed", seal.seq, seal.id, detail)]


LEGACY_ACTION = "seal"


def _legacy_digest(conn: Connection, last_id: int) -> tuple[int, str]:
    """How many rows written before the chain existed (no `seq`) up to `last_id`, and one
    SHA-256 over all of them in id order."""
    digest = hashlib.sha256()
    count = 0
    rows = conn.execute(
        select(*_COLUMNS).where(TABLE.c.seq.is_(None), TABLE.c.id <= last_id).order_by(TABLE.c.id)
    )
    for row in rows:
        count += 1
        fields = [
            row.id,
            row.at.isoformat(sep=" "),
            row.actor,
            row.action,
            row.entity,
            row.entity_id,
            row.before,
            row.after,
        ]
        digest.update(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode())
        digest.update(b"\n")
    return count, digest.hexdigest()


def seal_legacy(conn: Connection, at: datetime) -> int:
    """Cover the rows written before the chain existed with one chained row holding their
    digest (the migration that introduced the chain calls this; no old row is rewritten, so
    the append-only triggers stay as they are). Returns how many rows it covers."""
    last_id = conn.execute(select(func.max(TABLE.c.id)).where(TABLE.c.seq.is_(None))).scalar()
    if last_id is None:
        return 0
    count, digest = _legacy_digest(conn, int(last_id))
    append(
        conn,
        at=at,
        user_id=None,
        actor="",
        action=LEGACY_ACTION,
        entity="audit_log",
        entity_id=None,
        before=None,
        after=json.dumps({"last_id": int(last_id), "rows": count, "digest": digest}),
    )
    return count

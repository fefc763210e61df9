"""Reading and verifying the audit trail: `coop audit list|verify`, `coop check`, Auditoría."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, select

from coop_desktop.core.messages import render
from coop_desktop.storage import audit_chain
from coop_desktop.storage.audit_chain import ChainReport, Finding
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import AuditLog


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int | None
    at: datetime
    user: str
    action: str
    entity: str
    entity_id: str | None
    before: dict[str, Any] | list[Any] | None
    after: dict[str, Any] | list[Any] | None


def _parsed(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return {"text": text}


def list_audit(
    db: Database,
    user: str | None = None,
    start: date | None = None,
    end: date | None = None,
    entity: str | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[AuditEntry]:
    """The trail in chain order, filtered by user name, dates (inclusive) and entity."""
    query = select(AuditLog)
    if user:
        query = query.where(AuditLog.actor == user.strip().lower())
    if start is not None:
        query = query.where(AuditLog.at >= datetime.combine(start, time()))
    if end is not None:
        query = query.where(AuditLog.at < datetime.combine(end + timedelta(days=1), time()))
    if entity:
        query = query.where(AuditLog.entity == entity.strip())
    # Rows older than the chain (no seq) first, as they were written.
    order = (
        (AuditLog.seq.desc().nulls_last(), AuditLog.id.desc())
        if newest_first
        else (AuditLog.seq.asc().nulls_first(), AuditLog.id)
    )
    query = query.order_by(*order)
    if limit:
        query = query.limit(limit)
    with db.read() as session:
        return [
            AuditEntry(
                a.seq,
                a.at,
                a.actor,
                a.action,
                a.entity,
                a.entity_id,
                _parsed(a.before),
                _parsed(a.after),
            )
            for a in session.scalars(query)
        ]


def describe(finding: Finding, lang: str = "es") -> str:
    return render(finding.code, lang, seq=finding.seq, row_id=finding.row_id, **finding.detail)


def expect_head(conn: Connection, seq: int, expected: str) -> list[Finding]:
    """Compare row `seq` with a hash written down earlier (on a closing minute, a printout):
    a chain rebuilt after tampering has new hashes from the forged row on."""
    stored = conn.execute(
        select(AuditLog.chain_hash, AuditLog.id).where(AuditLog.seq == seq)
    ).first()
    if stored is not None and (stored[0] or "").startswith(expected.lower()):
        return []
    return [
        Finding(
            "audit_head_differs", seq, 0 if stored is None else stored[1], {"expected": expected}
        )
    ]


def verify_audit(db: Database, expect: tuple[int, str] | None = None) -> ChainReport:
    db.acting()
    with db.engine.connect() as conn:
        report = audit_chain.verify(conn)
        if expect is not None:
            report.findings.extend(expect_head(conn, *expect))
    return report


def chain_problems(conn: Connection) -> list[str]:
    """`coop check`: every break in the audit chain, in words."""
    return [describe(f) for f in audit_chain.verify(conn).findings]

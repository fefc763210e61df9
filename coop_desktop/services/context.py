"""Who is acting and when: the signed-in user, and the audit trail every write appends to."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.domain.roles import Principal
from coop_desktop.storage import audit_chain
from coop_desktop.storage.engine import ACTING


def acting() -> Principal | None:
    """The user the current service call runs for (set by `Database.write()`/`read()` and by
    the permission check of `services/authz.py`)."""
    return ACTING.get()


def actor() -> str:
    """The signed-in user's name, as `recorded_by` columns and the audit trail store it."""
    principal = ACTING.get()
    return "" if principal is None else principal.name


def now() -> datetime:
    return clock.now()


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def row_dict(obj: Any) -> dict[str, Any]:
    """The column values of an ORM object, JSON-ready (for the audit log)."""
    return {c.key: _jsonable(getattr(obj, c.key)) for c in obj.__table__.columns}


def table_rows(conn: Connection, table: str, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """`columns` of every row of `table`, JSON-ready: a bulk writer records the rows it wrote
    in one audit record ({"rows": [...]}), which `coop check` compares with the table."""
    from sqlalchemy import select

    from coop_desktop.storage.models import Base

    found = Base.metadata.tables[table]
    query = select(*(found.c[c] for c in columns)).order_by(found.c.id)
    return [{k: _jsonable(v) for k, v in row.items()} for row in conn.execute(query).mappings()]


def _text(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=_jsonable)


def audit(
    session: Session,
    action: str,
    entity: str,
    entity_id: object,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    *,
    who: Principal | None = None,
    name: str | None = None,
) -> None:
    """Append one audit record, chained to the previous one, in the caller's transaction.
    `who` defaults to the signed-in user; `name` records a name typed at a failed sign-in."""
    audit_on(session.connection(), action, entity, entity_id, before, after, who=who, name=name)


def audit_on(
    conn: Connection,
    action: str,
    entity: str,
    entity_id: object,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    *,
    who: Principal | None = None,
    name: str | None = None,
) -> None:
    """`audit` for bulk paths that write through a Core connection."""
    principal = who or ACTING.get()
    audit_chain.append(
        conn,
        at=now(),
        user_id=None if principal is None else principal.user_id,
        actor=(name if name is not None else "" if principal is None else principal.name)[:60],
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id)[:40],
        before=_text(before),
        after=_text(after),
    )

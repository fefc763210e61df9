"""Who is acting and when: the app user, or the operating-system user until logins exist."""

from __future__ import annotations

import getpass
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from coop_desktop.storage.models import AuditLog


def actor() -> str:
    try:
        return getpass.getuser()[:60]
    except Exception:  # no user name available (service account without a login name)
        return "desconocido"


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


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


def audit(
    session: Session,
    action: str,
    entity: str,
    entity_id: object,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Append one audit record in the caller's transaction."""
    session.add(
        AuditLog(
            at=now(),
            actor=actor(),
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            before=None
            if before is None
            else json.dumps(before, ensure_ascii=False, sort_keys=True),
            after=None if after is None else json.dumps(after, ensure_ascii=False, sort_keys=True),
        )
    )

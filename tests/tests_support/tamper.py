"""What someone with the database owner's rights can do to the audit trail."""

from __future__ import annotations

from sqlalchemy import Connection


def drop_audit_triggers(conn: Connection) -> None:
    """What someone with the database owner's rights can do before tampering."""
    if conn.dialect.name == "sqlite":
        names = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        ).scalars()
        for name in list(names):
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        return
    names = conn.exec_driver_sql(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal"
    ).scalars()
    for name in list(names):
        conn.exec_driver_sql(f"DROP TRIGGER {name} ON audit_log")

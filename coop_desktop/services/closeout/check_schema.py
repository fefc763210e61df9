"""`coop check` for the database's own defences: every table, index and trigger the current
revision defines is there, unchanged, enabled, and nothing else guards or silences a table.

On SQLite the live schema is compared with a database freshly built by the migrations (the
trigger texts included: a same-name trigger that does nothing is reported). On PostgreSQL the
triggers are compared by name, enabled state and the source of the functions they call, and
the tables by name.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from coop_desktop.storage import protection

# Triggers that migrations create outside `protection` (their names, per engine).
OTHER_TRIGGERS = {
    "postgresql": {"audit_log_append_only", "price_scheme_version_closed"},  # 0006
    "sqlite": set[str](),
}


@functools.cache
def _reference_schema(head: str) -> dict[str, Any]:
    """The schema of a new SQLite database at revision `head` (built once per process)."""
    from coop_desktop.storage.backup import schema_of
    from coop_desktop.storage.connect import open_database

    with tempfile.TemporaryDirectory(prefix="coop-reference-") as tmp:
        path = Path(tmp) / "reference.db"
        open_database(str(path), create=True, backup_dir=Path(tmp)).dispose()
        return schema_of(path)


def _sqlite_file(conn: Connection) -> Path | None:
    for row in conn.exec_driver_sql("PRAGMA database_list"):
        if row[1] == "main" and row[2]:
            return Path(row[2])
    return None


def sqlite_schema(conn: Connection) -> list[str]:
    from coop_desktop.storage.backup import schema_differences, schema_of
    from coop_desktop.storage.migrate import head_revision

    path = _sqlite_file(conn)
    if path is None:
        return []
    expected = _reference_schema(head_revision())
    found = schema_of(path)
    problems = schema_differences(expected, found)
    for name in sorted(set(found["triggers"]) - set(expected["triggers"])):
        problems.append(f"disparador desconocido {name}: no lo creó el programa")
    for name in sorted(set(found["tables"]) - set(expected["tables"])):
        problems.append(f"tabla desconocida {name}")
    return problems


def _pg_body(create: str) -> str:
    return create.split("$$")[1].strip()


def pg_schema(conn: Connection) -> list[str]:
    from coop_desktop.storage import sales_models  # noqa: F401  (every table of the program)
    from coop_desktop.storage.models import Base

    problems: list[str] = []
    expected = protection.expected_triggers("postgresql") | OTHER_TRIGGERS["postgresql"]
    rows = conn.exec_driver_sql(
        "SELECT t.tgname, t.tgenabled, c.relname, p.proname FROM pg_trigger t JOIN pg_class c "
        "ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace n ON "
        "n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
    ).all()
    found = {r[0]: r for r in rows}
    for name in sorted(expected - set(found)):
        problems.append(f"falta el disparador {name}: la tabla queda sin protección")
    for name, row in sorted(found.items()):
        if name not in expected:
            problems.append(f"disparador desconocido {name} en {row[2]}: no lo creó el programa")
        elif row[1] == "D":
            problems.append(f"el disparador {name} está desactivado")
    sources: dict[str, str] = dict(
        conn.exec_driver_sql(
            "SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n ON "
            "n.oid = p.pronamespace WHERE n.nspname = current_schema()"
        ).all()
    )
    for create in protection.PG_FUNCTIONS:
        name = create.split("FUNCTION ", 1)[1].split("(", 1)[0].strip()
        if " ".join(str(sources.get(name, "")).split()) != " ".join(_pg_body(create).split()):
            problems.append(f"la función {name} de los disparadores fue cambiada o falta")
    tables = {
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
    }
    for table in sorted(set(Base.metadata.tables) - tables):
        problems.append(f"falta la tabla {table}")
    return problems


def schema_intact(conn: Connection) -> list[str]:
    return sqlite_schema(conn) if conn.dialect.name == "sqlite" else pg_schema(conn)

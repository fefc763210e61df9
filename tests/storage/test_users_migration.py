"""A database in use before users existed migrates with one administrator whose password is
chosen on first use, and its old audit rows are sealed into the chain (both engines)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from coop_desktop.core.errors import Forbidden
from coop_desktop.services import auth
from coop_desktop.services.audit_trail import describe, list_audit, verify_audit
from coop_desktop.storage import location as loc
from coop_desktop.storage.engine import make_engine
from coop_desktop.storage.migrate import upgrade


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, to be migrated to the revision before users existed."""
    if request.param == "sqlite":
        yield str(tmp_path / "old.db")
        return
    yield request.getfixturevalue("empty_pg_url")


def _before_users_with_data(target: str, tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    from coop_desktop.storage.migrate import alembic_config

    users = ScriptDirectory.from_config(alembic_config()).get_revision("0007")
    assert users is not None and isinstance(users.down_revision, str)
    location = loc.resolve(target)
    engine = make_engine(location)
    upgrade(engine, location, backup_dir=tmp_path, target=users.down_revision)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO association (name, language, currency, cycle, receipt_series, "
                "settlement_series, ticket_series, created_at) VALUES ('Asociación Llalli', "
                "'es', 'PEN', 'month', 'R001', 'L001', 'T001', '2026-01-01 08:00:00')"
            )
        )
        for n, action in enumerate(("create", "create", "print"), start=1):
            conn.execute(
                text(
                    "INSERT INTO audit_log (at, actor, action, entity, entity_id, after) "
                    "VALUES (:at, 'tesoreria', :a, 'member', :e, '{}')"
                ),
                {"at": f"2026-01-0{n} 09:00:00", "a": action, "e": str(n)},
            )
    engine.dispose()


def test_an_existing_database_gets_an_administrator_without_a_password(
    old_database: str, tmp_path: Path
) -> None:
    from coop_desktop.storage.connect import open_database

    _before_users_with_data(old_database, tmp_path)
    db = open_database(old_database, backup_dir=tmp_path)
    try:
        assert auth.has_users(db) and auth.needs_password(db, "admin")
        with pytest.raises(Forbidden) as refused:
            auth.sign_in(db, "admin", "")
        assert refused.value.code == "password_not_set"
        auth.sign_in(db, "admin", "", new_password="clave-elegida", for_command=True)
        assert not auth.needs_password(db, "admin")
        auth.sign_in(db, "admin", "clave-elegida")
        report = verify_audit(db)
        assert report.findings == []
        actions = [(e.seq, e.user, e.action) for e in list_audit(db)]
        assert actions[:3] == [
            (None, "tesoreria", "create"),
            (None, "tesoreria", "create"),
            (None, "tesoreria", "print"),
        ]
        assert [a for _, _, a in actions[3:6]] == ["seal", "create", "set_password"]
        # A row of the time before the chain is deleted: the seal no longer matches.
        with db.engine.begin() as conn:
            if db.is_sqlite:
                conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
            else:
                conn.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")
            conn.exec_driver_sql("DELETE FROM audit_log WHERE entity_id = '2' AND seq IS NULL")
        problems = [describe(f) for f in verify_audit(db).findings]
        assert problems == [
            "auditoría: las 3 filas anteriores a la cadena (selladas en la fila n.º 1) fueron "
            "modificadas: hoy se encuentran 2"
        ]
    finally:
        db.dispose()


def test_a_new_database_has_no_user_and_no_default_password(tmp_path: Path) -> None:
    from coop_desktop.storage.connect import open_database

    db = open_database(str(tmp_path / "nueva.db"), create=True)
    try:
        assert not auth.has_users(db)
        with pytest.raises(Forbidden):
            auth.sign_in(db, "admin", "")
    finally:
        db.dispose()

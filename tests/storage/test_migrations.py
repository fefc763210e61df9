"""Migrations are the schema: autogenerate finds nothing to add, on both engines."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from coop_desktop.core.errors import StorageError
from coop_desktop.storage import migrate
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Base


def test_models_match_migrations(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_foreign_and_corrupt_files_are_refused(tmp_path: Path) -> None:
    text_file = tmp_path / "notas.db"
    text_file.write_text("esto no es una base de datos")
    with pytest.raises(StorageError) as err:
        open_database(str(text_file))
    assert "no es una base de datos" in err.value.render("es")
    assert text_file.read_text() == "esto no es una base de datos"

    foreign = tmp_path / "otro.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE clientes (id INTEGER PRIMARY KEY, nombre TEXT)")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    with pytest.raises(StorageError):
        open_database(str(foreign))
    assert foreign.read_bytes() == before  # not even switched to WAL
    assert not (tmp_path / "otro.db-wal").exists() and not (tmp_path / "otro.db-shm").exists()
    conn = sqlite3.connect(foreign)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("clientes",)]
    conn.close()


EXTRA_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "zz01"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("setting") as batch:
        batch.add_column(sa.Column("note", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("setting") as batch:
        batch.drop_column("note")
"""


def test_upgrade_backs_up_first_and_keeps_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database at an older revision is copied aside, then migrated in batch mode."""
    path = tmp_path / "coop.db"
    db = open_database(str(path), create=True)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('k', 'v')")
        conn.exec_driver_sql(
            "INSERT INTO member (code, given_names, surnames, payment_method, "
            "status, search_key, created_at) VALUES ('S1', 'Rosa', 'Mamani', 'cash', "
            "'active', 's1', '2026-01-01 00:00:00')"
        )
    db.dispose()
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts)
    (scripts / "versions" / "zz01_extra.py").write_text(
        EXTRA_REVISION.format(head=migrate.head_revision())
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)

    upgraded = open_database(str(path), backup_dir=tmp_path / "backups")
    upgraded.dispose()

    backups = list((tmp_path / "backups").glob("coop-before-zz01-*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT value FROM setting").fetchall() == [("v",)]
    assert old.execute("SELECT version_num FROM alembic_version").fetchall() != [("zz01",)]
    old.close()
    new = sqlite3.connect(path)
    assert new.execute("SELECT key, value, note FROM setting").fetchall() == [("k", "v", None)]
    assert new.execute("SELECT version_num FROM alembic_version").fetchall() == [("zz01",)]
    assert new.execute("SELECT code FROM member").fetchall() == [("S1",)]
    assert new.execute("PRAGMA foreign_keys").fetchone() == (0,)  # a fresh raw connection
    new.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "coop.db"
    open_database(str(path), create=True).dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError) as err:
        open_database(str(path))
    assert "más nueva" in err.value.render("es")
    # refused byte for byte untouched: not switched to WAL, no journal files left
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coop.db"]


def test_a_missing_file_is_created_only_when_asked(tmp_path: Path) -> None:
    typo = tmp_path / "coop-tesoreria.db"
    with pytest.raises(StorageError) as err:
        open_database(str(typo))
    assert err.value.code == "db_not_found" and "coop init" in err.value.render("es")
    assert not typo.exists()
    open_database(str(typo), create=True).dispose()
    assert typo.exists()


def test_the_revisions_read_from_the_files_are_alembics() -> None:
    """A start reads the revisions as text (no Alembic import); they must be Alembic's."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    graph = {s.revision: s.down_revision for s in script.walk_revisions()}
    parsed = migrate.revisions()
    assert set(parsed) == set(graph)
    for revision, downs in parsed.items():
        expected = graph[revision]
        assert downs == (
            ()
            if expected is None
            else (expected,)
            if isinstance(expected, str)
            else tuple(expected)
        )
    assert migrate.head_revision() == script.get_current_head()

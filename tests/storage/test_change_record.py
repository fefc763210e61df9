"""The storage layer says what each committed write changed: every table has a topic, every
kind of write statement is seen, a rollback (or a savepoint rolled back) says nothing, and
each thread hears only its own commits."""

import threading

import pytest
from sqlalchemy import insert, inspect, text, update
from tests_support.clock import NOW

from coop_desktop.core.topics import TOPICS
from coop_desktop.storage import change_record
from coop_desktop.storage.bulk import insert_rows
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Base, Centre, Setting
from coop_desktop.storage.sales_models import Buyer


def test_every_table_has_a_topic(db: Database) -> None:
    """A new table in the models or in a migration must be given a topic (or None, said)."""
    assert set(Base.metadata.tables) == set(change_record.TOPIC_OF)
    migrated = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
    assert migrated == set(change_record.TOPIC_OF)
    assert {t for t in change_record.TOPIC_OF.values() if t is not None} == TOPICS


@pytest.mark.parametrize(
    ("statement", "tables"),
    [
        ("SELECT * FROM delivery WHERE action = 'update'", set()),
        ("SELECT id FROM document_counter FOR UPDATE", set()),
        ("PRAGMA foreign_keys=ON", set()),
        ("BEGIN IMMEDIATE", set()),
        ("  insert into delivery (id) values (?)", {"delivery"}),
        ("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", {"setting"}),
        ("REPLACE INTO setting (key, value) VALUES (?, ?)", {"setting"}),
        ('UPDATE "member" SET status = %(s)s', {"member"}),
        ("UPDATE public.period SET status = 'closed'", {"period"}),
        ("DELETE FROM quality_test WHERE id = 1", {"quality_test"}),
        (
            "INSERT INTO setting (key, value) VALUES ('a', 'b') "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            {"setting", "set"},  # "SET" names no table: it maps to no topic
        ),
        (
            "WITH s AS (SELECT id FROM settlement) UPDATE ledger_entry SET x = 1",
            {"ledger_entry"},
        ),
        ("COPY delivery (id, member_id) FROM STDIN", {"delivery"}),
    ],
)
def test_the_tables_a_statement_writes(statement: str, tables: set[str]) -> None:
    assert change_record.tables_written(statement) == tables


def test_committed_writes_of_every_kind_are_taken_once(db: Database) -> None:
    change_record.take()
    with db.write() as session:  # ORM
        session.add(Centre(code="C1", name="Huaychani"))
    assert change_record.take() == {"centres"}
    assert change_record.take() == frozenset()  # taken once
    with db.write() as session:  # Core, executemany
        session.execute(insert(Setting), [{"key": "a", "value": "1"}, {"key": "b", "value": "2"}])
    assert change_record.take() == {"association"}
    with db.write() as session:  # text()
        session.execute(text("UPDATE centre SET name = 'Cupi' WHERE code = 'C1'"))
    assert change_record.take() == {"centres"}
    with db.write_connection() as conn:  # the bulk path (COPY on PostgreSQL)
        insert_rows(conn, "setting", ["key", "value"], [("c", "3"), ("d", "4")])
    assert change_record.take() == {"association"}
    with db.write() as session:  # bookkeeping only: the data version, the audit
        session.execute(text("UPDATE data_version SET version = version"))
    assert change_record.take() == frozenset()


def test_rolled_back_writes_say_nothing(db: Database) -> None:
    change_record.take()
    with pytest.raises(RuntimeError), db.write() as session:
        session.add(Centre(code="C1", name="Huaychani"))
        session.flush()
        raise RuntimeError("refused half-way")
    assert change_record.take() == frozenset()
    with db.write() as session:
        session.add(Centre(code="C2", name="Cupi"))
        session.flush()
        with pytest.raises(RuntimeError), session.begin_nested():
            session.execute(update(Setting).values(value="x"))
            session.add(Buyer(code="B1", name="Planta", kind="planta", created_at=NOW))
            session.flush()
            raise RuntimeError("the savepoint rolls back")
    assert change_record.take() == {"centres"}
    with db.write() as session, session.begin_nested():  # released: its writes stand
        session.execute(update(Setting).values(value="x"))
    assert change_record.take() == {"association"}


def test_each_thread_takes_its_own_commits(db: Database) -> None:
    change_record.take()
    seen: list[frozenset[str]] = []

    def elsewhere() -> None:
        with db.write() as session:
            session.add(Centre(code="C9", name="Llalli"))
        seen.append(change_record.take())

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()
    assert seen == [{"centres"}]
    assert change_record.take() == frozenset()

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from tests_support.users import open_signed_in

from coop_desktop.core.errors import Refused
from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.demo import load_demo
from coop_desktop.storage.engine import Database

START = date(2026, 9, 1)


def _fingerprint(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT m.code, m.given_names, m.surnames, m.dni, d.date, d.shift, d.quantity, "
                    "d.rejected FROM delivery d JOIN member m ON m.id = d.member_id "
                    "ORDER BY d.date, d.shift, m.code"
                )
            )
        ]


def test_demo_is_realistic_and_passes_check(db: Database) -> None:
    summary = load_demo(db, members=40, days=31, start=START, seed=7, today=date(2026, 11, 27))
    assert summary.deliveries == 40 * 31 * 2
    assert summary.tests > 0 and summary.ledger_entries > 0
    with db.engine.connect() as conn:
        women = conn.execute(text("SELECT COUNT(*) FROM member WHERE gender = 'f'")).scalar()
        districts = {r[0] for r in conn.execute(text("SELECT DISTINCT district FROM member"))}
        litres = conn.execute(text("SELECT MIN(quantity), MAX(quantity) FROM delivery")).one()
        schemes = conn.execute(text("SELECT COUNT(*) FROM price_scheme_version")).scalar()
    assert 0.4 < (women or 0) / 40 < 0.8
    assert districts == {"Ácora", "Cupi", "Llalli", "Umachiri"}
    assert litres[0] >= 5000 and litres[1] <= 30000
    assert schemes == 1
    assert run_checks(db) == []


def test_demo_is_deterministic(tmp_path: Path) -> None:
    prints = []
    for name in ("a.db", "b.db"):
        db = open_signed_in(str(tmp_path / name))
        load_demo(db, members=10, days=5, start=START, seed=3, today=date(2026, 11, 27))
        prints.append(_fingerprint(db))
        db.dispose()
    assert prints[0] == prints[1] and len(prints[0]) == 100


def test_demo_refuses_a_database_with_members(sqlite_db: Database) -> None:
    load_demo(sqlite_db, members=3, days=2, start=START, today=date(2026, 11, 27))
    with pytest.raises(Refused):
        load_demo(sqlite_db, members=3, days=2, start=START, today=date(2026, 11, 27))


def test_check_reports_broken_invariants(sqlite_db: Database) -> None:
    load_demo(sqlite_db, members=3, days=2, start=START, today=date(2026, 11, 27))
    with sqlite_db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE delivery SET reject_reason = NULL, rejected = 1 WHERE id = 1")
        conn.exec_driver_sql("UPDATE quality_test SET fat = 25000 WHERE id = 1")
    problems = run_checks(sqlite_db)
    assert any("rechazada sin motivo" in p for p in problems)
    assert any("Grasa imposible" in p for p in problems)

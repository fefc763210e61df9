"""Guards found missing by trying to break the closeout: a receipt voided while being paid,
a second current settlement, charges added during a close, payments that held a period
open, the triggers' blind spots (REPLACE, odd dates, extra triggers), and restores that
overwrote each other."""

import sqlite3
import threading
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from tests_support.clock import TODAY

from coop_desktop.core.errors import Refused, StorageError, ValidationError
from coop_desktop.core.resources import resource_path
from coop_desktop.services.accounts import add_adjustment, add_charge, add_loan, ledger
from coop_desktop.services.backups import backup, restore
from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.closeout.closing import close_period, next_to_close
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import import_scheme
from coop_desktop.services.settlements import pay, settlement_for, void_receipt
from coop_desktop.storage.engine import Database

Q1 = "2026-10-q1"


def test_a_paid_receipt_is_not_voided(example: Database) -> None:
    close_period(example, Q1)
    pay(example, Q1, "cash", member_code="S0001", day=date(2026, 10, 16))
    number = settlement_for(example, "S0001", Q1).number
    with pytest.raises(Refused) as err:
        void_receipt(example, number, "se mojó")
    assert err.value.code == "settlement_paid_void"
    # nor by raw SQL: paid → void is no move the program makes
    with pytest.raises(Refused), example.write() as s:
        s.execute(text("UPDATE settlement SET status = 'void', void_reason = 'x' WHERE number = 1"))


def test_one_current_settlement_per_member_and_period(example: Database) -> None:
    close_period(example, Q1)
    copy = (
        "INSERT INTO settlement (period_id, member_id, series, number, kg, litres, gross, "
        "credits, deductions, carried_in, carried_out, net, status, created_at) SELECT "
        "period_id, member_id, series, 99, kg, litres, gross, credits, deductions, carried_in, "
        "carried_out, net, status, created_at FROM settlement WHERE number = 1"
    )
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"), example.write() as s:
        s.execute(text(copy))
    # a period reopens only once its settlements are void (the program voids them first)
    with pytest.raises(Refused), example.write() as s:
        s.execute(text("UPDATE period SET status = 'open', totals = NULL"))
    assert run_checks(example) == []


def test_charges_wait_for_a_close_on_postgresql(example: Database) -> None:
    if example.is_sqlite:
        pytest.skip("SQLite's write transactions already exclude each other")
    from coop_desktop.storage.protection import LOCK_CLASS, TERMS_KEY

    done: list[object] = []
    with example.engine.connect() as conn, conn.begin():
        conn.execute(
            text("SELECT pg_advisory_xact_lock(:c, :k)"), {"c": LOCK_CLASS, "k": TERMS_KEY}
        )  # as a close holds it
        worker = threading.Thread(
            target=lambda: done.append(add_charge(example, "dues", "2.00", "period", "Cuota")),
        )
        worker.start()
        # the charge's session asks for the same lock and waits: seen in pg_locks, not slept on
        deadline = time.monotonic() + 15
        waiting = 0
        while not waiting and time.monotonic() < deadline:
            with example.engine.connect() as watch:
                waiting = watch.execute(
                    text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                        "AND NOT granted AND classid = :c AND objid = :k"
                    ),
                    {"c": LOCK_CLASS, "k": TERMS_KEY},
                ).scalar_one()
            time.sleep(0.02)
        assert waiting == 1 and done == []  # waiting for the close
    worker.join(timeout=30)
    assert len(done) == 1


def test_a_payment_in_a_month_without_milk_does_not_hold_it_open(association: Database) -> None:
    import_scheme(
        association, resource_path("schemes/peru-additive.json").read_text(), date(2026, 1, 1)
    )
    add_member(association, MemberDraft(code="S0001", given_names="Rosa", surnames="Mamani"))
    for day in range(1, 6):
        add_delivery(association, "S0001", "15", "L", date(2026, 10, day), "am", today=TODAY)
    add_test(association, "S0001", "2026-10-03", {"st": "12.1", "ufc": "250000"}, today=TODAY)
    close_period(association, Q1)
    pay(association, Q1, "cash", day=date(2026, 10, 20))  # dated in the second fortnight
    with pytest.raises(Refused) as err:
        next_to_close(association)
    assert err.value.code == "nothing_open"  # the payment leaves nothing to close there
    add_delivery(association, "S0001", "12", "L", "2026-11-03", "am", today=TODAY)
    assert next_to_close(association).startswith("2026-11")


def test_odd_dates_and_replace_are_refused(example: Database) -> None:
    close_period(example, Q1)
    if not example.is_sqlite:
        pytest.skip("PostgreSQL's date columns hold dates only; REPLACE is SQLite's")
    statements = [
        "INSERT INTO delivery (member_id, date, shift, quantity, unit, cooled, rejected, "
        "recorded_by, recorded_at, ticket_series, ticket_number) VALUES (1, "
        "'2026-10-15 00:00:00', 'pm', 5000, 'L', 0, 0, 'x', '2026-10-15 00:00:00', 'T001', 999)",
        "INSERT OR REPLACE INTO quality_test (id, member_id, sample_date, recorded_by, "
        "recorded_at) SELECT id, member_id, '2026-11-03', 'x', recorded_at FROM quality_test "
        "LIMIT 1",
        "UPDATE OR REPLACE delivery SET ticket_number = 1 WHERE ticket_number = 2",
        "INSERT OR REPLACE INTO price_scheme_version SELECT * FROM price_scheme_version",
    ]
    for sql in statements:
        with pytest.raises(Refused), example.write() as s:
            s.execute(text(sql))
    assert run_checks(example) == []


def test_restore_refuses_and_check_reports_an_extra_trigger(
    sqlite_db: Database, tmp_path: Path
) -> None:
    from coop_desktop.services.demo import load_demo

    load_demo(sqlite_db, members=3, days=3, start=date(2026, 10, 1), today=TODAY)
    copy = backup(sqlite_db, tmp_path / "copia.db")
    quiet = (
        "CREATE TRIGGER zz_quiet BEFORE INSERT ON delivery WHEN NEW.member_id = 2 "
        "BEGIN SELECT RAISE(IGNORE); END"
    )
    conn = sqlite3.connect(copy)
    conn.execute(quiet)
    conn.commit()
    conn.close()
    with pytest.raises(StorageError) as err:
        restore(sqlite_db, copy, keep_dir=tmp_path / "kept")
    assert "zz_quiet" in err.value.render("es")
    assert sqlite_db.location.path is not None
    with sqlite_db.engine.begin() as c:
        c.exec_driver_sql(quiet)
    assert any("zz_quiet" in p for p in run_checks(sqlite_db))


def test_kept_copies_never_overwrite_each_other(sqlite_db: Database, tmp_path: Path) -> None:
    from coop_desktop.services.demo import load_demo

    load_demo(sqlite_db, members=2, days=2, start=date(2026, 10, 1), today=TODAY)
    copy = backup(sqlite_db, tmp_path / "copia.db")
    kept = {restore(sqlite_db, copy)[1] for _ in range(3)}
    assert len(kept) == 3
    assert sqlite_db.location.path is not None
    assert all(k.parent == sqlite_db.location.path.parent / "backups" for k in kept)


def test_a_wal_database_is_judged_with_its_wal(sqlite_db: Database, tmp_path: Path) -> None:
    """A checkpoint cut short leaves pages only in the WAL: the file is still ours."""
    from coop_desktop.storage.connect import open_database

    assert sqlite_db.location.path is not None
    holder = sqlite3.connect(sqlite_db.location.path)
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("CREATE TABLE wal_only (x)")  # only in the WAL while this stays open
    holder.commit()
    frozen = tmp_path / "copia"
    frozen.mkdir()
    for suffix in ("", "-wal"):
        source = Path(str(sqlite_db.location.path) + suffix)
        (frozen / f"coop.db{suffix}").write_bytes(source.read_bytes())
    holder.close()
    open_database(str(frozen / "coop.db")).dispose()


def test_adjustments_and_payments_take_sensible_dates(example: Database) -> None:
    close_period(example, Q1)
    with pytest.raises(ValidationError):
        pay(example, Q1, "cash", day=date(2031, 1, 1))
    with pytest.raises(ValidationError) as err:
        pay(example, Q1, "cash", day=date(2020, 1, 1))
    assert err.value.code == "paid_before_period"
    with pytest.raises(ValidationError):
        add_adjustment(example, "S0001", "5", "x", day="2031-06-01", today=TODAY)
    advance = next(e for e in ledger(example, "S0002") if e.kind == "advance")
    with pytest.raises(Refused) as err2:
        add_adjustment(example, "S0001", "5", "x", corrects=advance.id, today=TODAY)
    assert err2.value.code == "corrects_other_member"
    # after an early close, an adjustment without a date goes to the next open day
    close_period(example, "2026-10-q2", before_end=True, today=date(2026, 10, 20))
    entry_id = add_adjustment(example, "S0001", "5", "Entrega tardía", today=date(2026, 10, 20))
    entry = next(e for e in ledger(example, "S0001") if e.id == entry_id)
    assert entry.date == date(2026, 11, 1) and entry.amount == Decimal("5.00")


def test_loans_and_charges_cannot_start_in_a_closed_period(example: Database) -> None:
    close_period(example, Q1)
    with pytest.raises(Refused):
        add_charge(example, "dues", "1.00", "period", "Cuota", "2026-10-10")
    with pytest.raises(Refused):
        add_loan(example, "S0001", "100", 2, "Préstamo", "2026-10-10")

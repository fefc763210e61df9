"""Money that cannot be lost, on both engines: an append-only ledger (reopen and payment
reversal write reversal entries), raw SQL refused on every money table, and `coop check`
reporting each tampering made after the triggers are dropped."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from tests_support.clock import TODAY

from coop_desktop.core.errors import Refused
from coop_desktop.services.accounts import add_loan, ledger
from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.settlements import (
    pay,
    reopen_period,
    reverse_payment,
    settlement_for,
)
from coop_desktop.storage.engine import Database

Q1 = "2026-10-q1"
D = Decimal


def test_pay_then_reopen_is_refused_until_the_payment_is_reversed(example: Database) -> None:
    close_period(example, Q1)
    pay(example, Q1, "cash", member_code="S0001", day=date(2026, 10, 16))
    with pytest.raises(Refused) as err:
        reopen_period(example, Q1, "Faltó una entrega")
    assert err.value.code == "period_paid" and "S0001" in err.value.render("es")
    assert settlement_for(example, "S0001", Q1).status == "paid"  # nothing changed
    with pytest.raises(Refused) as err:
        reverse_payment(example, Q1, "S0002", "no se pagó")
    assert err.value.code == "settlement_not_paid"

    number = reverse_payment(example, Q1, "S0001", "Se registró por error", TODAY)
    assert number == "L001-00000001"
    assert settlement_for(example, "S0001", Q1).status == "issued"
    assert run_checks(example) == []
    assert reopen_period(example, Q1, "Faltó una entrega") == 2
    add_delivery(example, "S0001", "10", "L", "2026-10-15", "pm", today=TODAY)
    again = close_period(example, Q1)
    rosa = next(m for m in again.members if m.code == "S0001")
    assert rosa.number == "L001-00000003"
    assert run_checks(example) == []

    lines = ledger(example, "S0001")
    kinds = [(e.kind, e.reverses_id is not None) for e in lines]
    assert ("payment", False) in kinds and ("payment", True) in kinds  # payment and reversal
    payment = next(e for e in lines if e.kind == "payment" and e.reverses_id is None)
    reversal = next(e for e in lines if e.reverses_id == payment.id)
    assert reversal.amount == -payment.amount == D("165.97")
    # First close's milk credit, its reversal at the reopen, the new close's credit.
    milk = [e for e in lines if e.kind == "milk"]
    assert [e.reverses_id is not None for e in milk] == [False, True, False]
    # The balance is the new settlement's net, to the céntimo: nothing paid twice or lost.
    assert lines[-1].balance == rosa.calc.net == settlement_for(example, "S0001", Q1).net
    pay(example, Q1, "cash", member_code="S0001", day=date(2026, 10, 16))
    assert ledger(example, "S0001")[-1].balance == 0
    assert run_checks(example) == []


def _is_pg(db: Database) -> bool:
    return not db.is_sqlite


RAW = [
    "UPDATE ledger_entry SET amount = amount + 1",
    "DELETE FROM ledger_entry",
    "UPDATE settlement_line SET amount = amount + 1",
    "DELETE FROM settlement_line",
    "UPDATE settlement SET net = net + 100",
    "UPDATE settlement SET status = 'void' WHERE number = 1",
    "UPDATE settlement SET status = 'bogus' WHERE number = 1",
    "DELETE FROM settlement",
    "UPDATE period SET totals = '{}'",
    "DELETE FROM period",
    "UPDATE document_counter SET last_number = 0",
    "DELETE FROM document_counter",
    "DELETE FROM audit_log",
    "UPDATE audit_log SET actor = 'x'",
]
REPLACE = [
    "INSERT OR REPLACE INTO ledger_entry SELECT * FROM ledger_entry WHERE kind = 'advance'",
    "INSERT OR REPLACE INTO settlement SELECT * FROM settlement",
    "INSERT OR REPLACE INTO settlement_line SELECT * FROM settlement_line",
    "INSERT OR REPLACE INTO period SELECT * FROM period",
    "INSERT OR REPLACE INTO document_counter SELECT * FROM document_counter",
    "INSERT OR REPLACE INTO audit_log SELECT * FROM audit_log",
    "INSERT OR REPLACE INTO delivery SELECT * FROM delivery",
    "INSERT OR REPLACE INTO quality_test SELECT * FROM quality_test",
]
TRUNCATE = [
    "ledger_entry",
    "settlement_line",
    "settlement",
    "period",
    "document_counter",
    "audit_log",
    "delivery",
    "quality_test",
]


def test_raw_sql_cannot_change_the_money(example: Database) -> None:
    close_period(example, Q1)
    with example.read() as s:
        before = _snapshot(s)
    statements = list(RAW)
    if example.is_sqlite:
        statements += REPLACE
    else:
        statements += [f"TRUNCATE {t} CASCADE" for t in TRUNCATE]
    for sql in statements:
        with pytest.raises(Refused) as err, example.write() as s:
            s.execute(text(sql))
            pytest.fail(f"accepted: {sql}")
        assert err.value.code in ("protected_data", "closed_period_write"), sql
    with example.read() as s:
        assert _snapshot(s) == before
    assert run_checks(example) == []


def _snapshot(session: object) -> list[object]:
    rows: list[object] = []
    for table in ("ledger_entry", "settlement", "settlement_line", "period", "document_counter"):
        rows += session.execute(text(f"SELECT * FROM {table} ORDER BY 1")).all()  # type: ignore[attr-defined]
    return rows


# Each tampering is made with raw SQL after every protective trigger is dropped; `coop check`
# must report it, naming what it found.
TAMPERINGS: dict[str, tuple[str, str]] = {
    "net": ("UPDATE settlement SET net = net + 1000 WHERE number = 1", "neto"),
    "credits": ("UPDATE settlement SET credits = credits + 500 WHERE number = 1", "abonos"),
    "carried_out": (
        "UPDATE settlement SET carried_out = carried_out - 100 WHERE number = 2",
        "pasa",
    ),
    "gross_and_net": (
        "UPDATE settlement SET gross = gross + 100, net = net + 100 WHERE number = 1",
        "bruto",
    ),
    "line_amount": (
        "UPDATE settlement_line SET amount = amount + 100 WHERE kind = 'milk'",
        "línea",
    ),
    "line_unit_price": (
        "UPDATE settlement_line SET unit_price = unit_price + 1000 WHERE kind = 'milk'",
        "línea",
    ),
    "status_paid": (
        "UPDATE settlement SET status = 'paid', paid_on = '2026-10-16' WHERE number = 1",
        "pagada",
    ),
    "audit_wipe": ("DELETE FROM audit_log", "auditoría"),
    "delivery_quantity": (
        "UPDATE delivery SET quantity = quantity + 5000 WHERE date = '2026-10-02'",
        "recalcular",
    ),
    "delivery_deleted": ("DELETE FROM delivery WHERE date = '2026-10-05'", "recalcular"),
    "delivery_added": (
        "INSERT INTO delivery (member_id, date, shift, quantity, unit, cooled, rejected, "
        "recorded_by, recorded_at, ticket_series, ticket_number) SELECT member_id, "
        "'2026-10-06', 'pm', 20000, 'L', cooled, rejected, 'x', recorded_at, ticket_series, "
        "9999 FROM delivery WHERE date = '2026-10-06'",
        "recalcular",
    ),
    "quality_edit": ("UPDATE quality_test SET st = 1400", "recalcular"),
    "advance_amount": (
        "UPDATE ledger_entry SET amount = amount + 1000 WHERE kind = 'advance' "
        "AND member_id = (SELECT id FROM member WHERE code = 'S0001')",
        "recalcular",
    ),
    "milk_entry_deleted": ("DELETE FROM ledger_entry WHERE kind = 'milk'", "leche abonada"),
    "period_totals": (
        'UPDATE period SET totals = replace(totals, \'"net": "165.97"\', \'"net": "1.00"\')',
        "control",
    ),
    "counter_lowered": (
        "UPDATE document_counter SET last_number = 1 WHERE series = 'L001'",
        "contador",
    ),
    "settlement_deleted": (
        "DELETE FROM ledger_entry WHERE settlement_id = (SELECT id FROM settlement "
        "WHERE number = 2); DELETE FROM settlement_line WHERE settlement_id = (SELECT id FROM "
        "settlement WHERE number = 2); DELETE FROM settlement WHERE number = 2",
        "no liquidación",
    ),
    "number_reused": (
        "UPDATE settlement SET number = 1 WHERE number = 2",
        "emitido 2 veces",
    ),
}


@pytest.mark.parametrize("name", sorted(TAMPERINGS))
def test_check_reports_each_tampering(
    example: Database, unprotect: Callable[[object], None], name: str
) -> None:
    close_period(example, Q1)
    assert run_checks(example) == []
    sql, expected = TAMPERINGS[name]
    with example.write() as s:
        unprotect(s)
        if name == "number_reused":  # the unique key goes first, as an attacker would
            if example.is_sqlite:
                pytest.skip("SQLite's unique key lives in the table (a rebuild would be needed)")
            s.execute(text("ALTER TABLE settlement DROP CONSTRAINT uq_settlement_series"))
        for statement in sql.split("; "):
            s.execute(text(statement))
    problems = run_checks(example)
    assert problems, name
    assert any(expected in p for p in problems), (name, problems)
    assert any("disparador" in p for p in problems)  # and the dropped triggers


def test_uncovered_kind_is_no_false_alarm(example: Database) -> None:
    """A member whose milk covers nothing of a kind (0.00 applied) checks clean."""
    add_loan(example, "S0002", "100.00", 2, "Préstamo", "2026-10-01")
    result = close_period(example, Q1)
    juan = next(m for m in result.members if m.code == "S0002")
    assert juan.calc.applied_by_kind().get("advance") == D("0.00")
    assert run_checks(example) == []


def test_loan_instalments_are_never_zero_or_negative(example: Database) -> None:
    from coop_desktop.core.errors import ValidationError
    from coop_desktop.domain.settlement import instalments

    schedule = add_loan(example, "S0001", "1.00", 60, "Préstamo", "2026-10-01")
    assert sum(schedule) == D("1.00") and min(schedule) == D("0.01")
    with pytest.raises(ValidationError) as err:
        add_loan(example, "S0001", "1.00", 150, "Préstamo", "2026-10-01")
    assert err.value.code == "loan_too_split" and "100" in err.value.render("es")
    assert instalments(D("100.00"), 3) == [D("33.33"), D("33.33"), D("33.34")]  # as before


@pytest.mark.parametrize("cents", [1, 7, 99, 100, 101, 12345, 1000000])
@pytest.mark.parametrize("count", [1, 2, 3, 6, 7, 12, 60, 150])
def test_instalments_add_up_and_stay_positive(cents: int, count: int) -> None:
    from coop_desktop.core.errors import ValidationError
    from coop_desktop.domain.settlement import instalments

    principal = D(cents) / 100
    if count > cents:
        with pytest.raises(ValidationError):
            instalments(principal, count)
        return
    schedule = instalments(principal, count)
    assert len(schedule) == count and sum(schedule) == principal
    assert min(schedule) >= D("0.01")

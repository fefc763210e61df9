"""Closeout end to end on both engines: the worked example, carried debt, reopen, payments,
immutability (service and trigger), and `coop check` on closed periods."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from coop_desktop.errors import NotFound, Refused, ValidationError
from coop_desktop.resources import resource_path
from coop_desktop.services.accounts import (
    add_adjustment,
    add_advance,
    add_charge,
    add_loan,
    add_product,
    ledger,
    sell_input,
)
from coop_desktop.services.check import run_checks
from coop_desktop.services.closeout import close_period, preview_close
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import import_scheme
from coop_desktop.services.settlements import (
    pay,
    reopen_period,
    settlement_for,
    stored_totals,
    void_receipt,
)
from coop_desktop.storage.engine import Database

D = Decimal
TODAY = date(2026, 11, 27)
Q1 = "2026-10-q1"


@pytest.fixture
def example(association: Database) -> Database:
    """DOMAIN.md's worked example: 15 × 15 L, ST 12.1, 250k UFC, dues, bran, advance,
    transport; plus a second member whose deductions exceed the milk."""
    db = association
    import_scheme(db, resource_path("schemes/peru-additive.json").read_text(), date(2026, 1, 1))
    add_member(db, MemberDraft(code="S0001", given_names="Rosa", surnames="Mamani Quispe"))
    add_member(db, MemberDraft(code="S0002", given_names="Juan", surnames="Condori Apaza"))
    for day in range(1, 16):
        add_delivery(db, "S0001", "15", "L", date(2026, 10, day), "am", today=TODAY)
    add_delivery(db, "S0002", "20", "L", date(2026, 10, 2), "am", today=TODAY)
    add_delivery(
        db,
        "S0002",
        "10",
        "L",
        date(2026, 10, 3),
        "pm",
        today=TODAY,
        reject_reason="Prueba de alcohol positiva",
    )
    add_test(db, "S0001", "2026-10-07", {"st": "12.1", "ufc": "250000"}, today=TODAY)
    add_test(db, "S0002", "2026-10-07", {"st": "11.4", "ufc": "50000"}, today=TODAY)
    add_charge(db, "dues", "5.00", "period", "Cuota social", "2026-01-01")
    add_charge(db, "transport", "0.05", "litre", "Transporte", "2026-01-01")
    add_product(db, "Afrecho de trigo", "65.00", "saco 40 kg")
    sell_input(db, "S0001", "Afrecho de trigo", "1", "2026-10-05", today=TODAY)
    add_advance(db, "S0001", "50", "2026-10-08", today=TODAY)
    add_advance(db, "S0002", "40", "2026-10-08", today=TODAY)
    return db


def test_worked_example_closes_to_165_97(example: Database) -> None:
    preview = preview_close(example, Q1)
    result = close_period(example, Q1)
    rosa, juan = result.members
    assert (rosa.code, rosa.milk.kg, rosa.calc.gross, rosa.calc.applied_total, rosa.calc.net) == (
        "S0001",
        D("232.200"),
        D("297.22"),
        D("131.25"),
        D("165.97"),
    )
    assert rosa.number == "L001-00000001" and juan.number == "L001-00000002"
    # Juan: 20 L = 20.640 kg × 1.23 = 25.39; dues 5.00, transport 1.00, advance 40 → short
    assert (juan.calc.gross, juan.calc.net, juan.calc.carried_out) == (
        D("25.39"),
        D("0.00"),
        D("20.61"),
    )
    assert juan.milk.rejected_litres == D("10.000")
    assert [(m.calc.net, m.milk.kg) for m in preview.members] == [
        (m.calc.net, m.milk.kg) for m in result.members
    ]
    totals = stored_totals(example, Q1)
    assert totals is not None and totals["net"] == "165.97" and totals["carried_out"] == "20.61"
    assert totals["deductions"] == {
        "dues": "10.00",
        "transport": "12.25",
        "input": "65.00",
        "advance": "69.39",
    }
    view = settlement_for(example, "S0001", Q1)
    assert view.net == D("165.97") and view.number == "L001-00000001"
    assert [ln.amount for ln in view.lines] == [
        D("297.22"),
        D("-5.00"),
        D("-11.25"),
        D("-65.00"),
        D("-50.00"),
    ]
    assert run_checks(example) == []


def test_closed_period_is_immutable(example: Database) -> None:
    close_period(example, Q1)
    with pytest.raises(Refused) as err:
        add_delivery(example, "S0001", "10", "L", "2026-10-03", "pm", today=TODAY)
    assert "2026-10-q1" in err.value.render("es")
    with pytest.raises(Refused):
        add_advance(example, "S0001", "10", "2026-10-10", today=TODAY)
    with pytest.raises(Refused):
        add_test(example, "S0001", "2026-10-12", {"fat": "3.5"}, today=TODAY)
    statements = [
        "UPDATE delivery SET quantity = 1 WHERE date = '2026-10-02'",
        "DELETE FROM delivery WHERE date = '2026-10-02'",
        "UPDATE quality_test SET st = 1300",
        "DELETE FROM ledger_entry WHERE kind = 'advance'",
        "INSERT INTO ledger_entry (member_id, date, kind, description, amount, recorded_by, "
        "recorded_at) VALUES (1, '2026-10-09', 'bonus', 'x', 100, 'x', '2026-10-09 00:00:00')",
    ]
    for sql in statements:
        with pytest.raises(DBAPIError, match="closed period"), example.write() as s:
            s.execute(text(sql))
    assert run_checks(example) == []
    # A correction goes into the next open period, referencing what it corrects.
    advance_id = next(e.id for e in ledger(example, "S0001") if e.kind == "advance")
    add_adjustment(
        example,
        "S0001",
        "50",
        "Adelanto registrado dos veces",
        corrects=advance_id,
        day="2026-10-16",
        today=TODAY,
    )


def test_close_twice_reopen_and_reclose(example: Database) -> None:
    close_period(example, Q1)
    with pytest.raises(Refused) as err:
        close_period(example, Q1)
    assert err.value.code == "period_already_closed"
    assert reopen_period(example, Q1, "Faltó una entrega") == 2
    assert settlement_for(example, "S0001", Q1).status == "void"
    assert [e.kind for e in ledger(example, "S0002")] == ["advance"]  # generated ones removed
    add_delivery(example, "S0002", "30", "L", "2026-10-04", "am", today=TODAY)
    again = close_period(example, Q1)
    assert [m.number for m in again.members] == ["L001-00000003", "L001-00000004"]
    assert settlement_for(example, "S0001", Q1).status == "issued"
    assert run_checks(example) == []


def test_carried_debt_reaches_the_next_period(example: Database) -> None:
    close_period(example, Q1)
    for day in range(16, 20):
        add_delivery(example, "S0002", "20", "L", date(2026, 10, day), "am", today=TODAY)
    add_test(example, "S0002", "2026-10-18", {"st": "11.4", "ufc": "50000"}, today=TODAY)
    result = close_period(example, "2026-10-q2")
    juan = next(m for m in result.members if m.code == "S0002")
    assert juan.calc.carried_in == D("20.61")
    assert juan.calc.deductions[0].item.kind == "carried"  # first in priority
    balance = ledger(example, "S0002")[-1].balance
    assert balance == juan.calc.net - juan.calc.carried_out
    with pytest.raises(Refused) as err:
        reopen_period(example, Q1, "x")
    assert err.value.code == "later_period_closed"


def test_loans_and_payments(example: Database) -> None:
    add_loan(example, "S0001", "100.00", 3, "Préstamo para vaca", "2026-10-01")
    result = close_period(example, Q1)
    rosa = result.members[0]
    assert rosa.calc.applied_by_kind()["loan"] == D("33.33")
    assert rosa.calc.net == D("132.64")
    assert pay(example, Q1, "cash", member_code="S0001", day=date(2026, 10, 16)) == 1
    assert settlement_for(example, "S0001", Q1).status == "paid"
    assert stored_totals(example, Q1) is not None
    assert pay(example, Q1, "wallet", reference="OP-1", day=date(2026, 10, 16)) == 1
    with pytest.raises(Refused) as err:
        reopen_period(example, Q1, "x")
    assert err.value.code == "period_paid"
    assert ledger(example, "S0001")[-1].balance == 0
    assert run_checks(example) == []


def test_missing_tests_stop_the_close(example: Database) -> None:
    add_member(example, MemberDraft(code="S0003", given_names="Ana", surnames="Pari"))
    add_delivery(example, "S0003", "12", "L", "2026-10-05", "am", today=TODAY)
    with pytest.raises(Refused) as err:
        close_period(example, Q1)
    assert "S0003" in err.value.render("es") and err.value.code == "close_missing_tests"
    assert stored_totals(example, Q1) is None
    assert preview_close(example, Q1).missing[0][0] == "S0003"


def test_check_detects_tampering(example: Database) -> None:
    close_period(example, Q1)
    with example.write() as s:
        s.execute(
            text("UPDATE settlement SET gross = gross + 100, net = net + 100 WHERE number = 1")
        )
    problems = run_checks(example)
    assert any("total de control" in p for p in problems)
    assert any("entregas valorizadas" in p for p in problems)


def test_void_receipt_reissues_it_and_reopen_still_undoes_the_close(example: Database) -> None:
    close_period(example, Q1)
    before = settlement_for(example, "S0001", Q1)
    entries = [e.kind for e in ledger(example, "S0002")]
    with pytest.raises(ValidationError):
        void_receipt(example, before.number, "  ")
    with pytest.raises(NotFound):
        void_receipt(example, "L001-00000099", "Se perdió")
    assert void_receipt(example, before.number, "Se mojó el recibo") == "L001-00000003"
    with pytest.raises(Refused) as err:
        void_receipt(example, before.number, "otra vez")
    assert err.value.code == "settlement_void"
    after = settlement_for(example, "S0001", Q1)
    assert after.number == "L001-00000003" and after.status == "issued"
    assert (after.net, after.gross, after.lines) == (before.net, before.gross, before.lines)
    assert run_checks(example) == []  # same totals, gapless numbering
    # the ledger entries the close wrote (immutable) still point at the voided settlement:
    # reopening removes them all the same
    assert reopen_period(example, Q1, "Faltó una entrega") == 2
    assert [e.kind for e in ledger(example, "S0002")] == ["advance"]
    assert entries != ["advance"]
    assert run_checks(example) == []

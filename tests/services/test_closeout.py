"""Closeout end to end on both engines: the worked example, carried debt, reopen, payments,
immutability (service and trigger), and `coop check` on closed periods."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from tests_support.clock import TODAY

from coop_desktop.core.errors import NotFound, Refused, ValidationError
from coop_desktop.core.resources import resource_path
from coop_desktop.services.accounts import (
    add_adjustment,
    add_advance,
    add_loan,
    ledger,
)
from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.closeout.closing import close_period, preview_close
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.quality import add_test
from coop_desktop.services.settlements import (
    pay,
    reopen_period,
    settlement_for,
    stored_totals,
    void_receipt,
)
from coop_desktop.storage.engine import Database

D = Decimal
Q1 = "2026-10-q1"


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
        with pytest.raises(Refused, match=r"closed period|never changed"), example.write() as s:
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
    assert_close_reversed(example, "S0002")
    add_delivery(example, "S0002", "30", "L", "2026-10-04", "am", today=TODAY)
    again = close_period(example, Q1)
    assert [m.number for m in again.members] == ["L001-00000003", "L001-00000004"]
    assert settlement_for(example, "S0001", Q1).status == "issued"
    assert run_checks(example) == []


def assert_close_reversed(db: Database, code: str) -> None:
    """Reopening deletes nothing: each entry the close wrote has its reversal, and the
    balance is back to the member's own entries (here the advance)."""
    lines = ledger(db, code)
    generated = [e for e in lines if e.settlement_id is not None and e.reverses_id is None]
    reversals = {e.reverses_id: e for e in lines if e.reverses_id is not None}
    assert generated and {e.id for e in generated} == set(reversals)
    for e in generated:
        assert reversals[e.id].amount == -e.amount
    own = [e for e in lines if e.settlement_id is None]
    assert [e.kind for e in own] == ["advance"]
    assert lines[-1].balance == own[0].amount


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


def test_check_detects_tampering(example: Database, unprotect) -> None:  # type: ignore[no-untyped-def]
    close_period(example, Q1)
    with example.write() as s:
        unprotect(s)
        s.execute(
            text("UPDATE settlement SET gross = gross + 100, net = net + 100 WHERE number = 1")
        )
    problems = run_checks(example)
    assert any("total de control" in p for p in problems)
    assert any("al recalcular" in p for p in problems)


def test_simulation_of_a_closed_period_compares_with_what_was_paid(  # type: ignore[no-untyped-def]
    example: Database, unprotect
) -> None:
    from coop_desktop.services.whatif import simulate

    close_period(example, Q1)
    with example.write() as s:  # S/ 100 less stored (minor units) than a fresh pricing
        unprotect(s)
        s.execute(
            text(
                "UPDATE settlement_line SET amount = amount - 10000 WHERE kind = 'milk' AND "
                "settlement_id = (SELECT id FROM settlement WHERE number = 1)"
            )
        )  # "current" is what the stored milk lines paid
    same = resource_path("schemes/peru-additive.json").read_text()
    sim = simulate(example, same, Q1)
    rosa = next(m for m in sim.members if m.code == "S0001")
    assert rosa.current == D("197.22") and rosa.simulated == D("297.22")


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
    assert_close_reversed(example, "S0002")
    assert entries != ["advance"]
    assert run_checks(example) == []

"""A hand-computed month of sales on both engines: two buyers (one paying on a quality
scheme), a local sale, tank stock carried overnight, a rejected dispatch, payments, a
reversal, the buyer's statement with two differing days, roles, closed periods, `coop check`.

Centre C01, members' milk at a flat S/ 1.55 per L (open period: the close preview).
01/10: 700 L in; QSR 600 L (received 598 × 1.70 = 1,016.60); local 50 L (× 2.00 = 100.00);
       closing 45 L → shrinkage 0 + 700 − 600 − 50 − 45 = 5 L = 0.71 %, transit 2 L.
02/10: opening not read: the 45 L carried; 700 L in; PLT 740 L, received 736 L at fat 3.8:
       736 × 1.030 = 758.080 kg × (1.50 + 4 × 0.02) = S/ 1,197.77; shrinkage 5 L = 0.67 %.
03/10: 700 L in; QSR 690 L rejected (acidez) → S/ 0; shrinkage 10 L = 1.43 % (amber).
Month: 2,100 L in, shrinkage 20 L = 0.95 %, transit 6 L; sales 2,314.37 on 1,384 L sold;
milk 2,100 × 1.55 = 3,255.00; expenses 50.00; margin −990.63 (−42.80 %, −0.7158 per L);
producers' share 140.64 %.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from tests_support.clock import TODAY
from tests_support.users import act_as, sign_in_admin

from coop_desktop.core.errors import Forbidden, Refused
from coop_desktop.services.centres import add_centre, set_route
from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.sales.accounts import (
    buyer_account,
    receive_payment,
    reconcile,
    reverse_payment_entry,
)
from coop_desktop.services.sales.balance import balance_report
from coop_desktop.services.sales.buyers import add_buyer
from coop_desktop.services.sales.dispatches import add_dispatch, receive_dispatch, void_dispatch
from coop_desktop.services.sales.expenses import add_expense, reverse_expense
from coop_desktop.services.sales.margin import margin_report
from coop_desktop.services.sales.tanks import record_tank
from coop_desktop.services.schemes import import_scheme
from coop_desktop.storage.engine import Database

MEMBERS = json.dumps(
    {
        "name": "socios-plano",
        "title": "Plano",
        "currency": "PEN",
        "unit": "L",
        "density": "1.030",
        "basis": {"kind": "delivery"},
        "components": [{"type": "base", "label": "Base", "rate": "1.55"}],
    }
)
PLANT = json.dumps(
    {
        "name": "planta-grasa",
        "title": "Planta: grasa",
        "currency": "PEN",
        "unit": "kg",
        "density": "1.030",
        "basis": {"kind": "delivery"},
        "components": [
            {"type": "base", "label": "Base", "rate": "1.50"},
            {
                "type": "steps",
                "label": "Grasa",
                "measure": "fat",
                "reference": "3.4",
                "step": "0.1",
                "bonus": "0.02",
                "penalty": "0.02",
            },
        ],
    }
)
D = Decimal


@pytest.fixture
def month(association: Database) -> Database:
    db = association
    import_scheme(db, MEMBERS, date(2026, 1, 1))
    add_centre(db, "C01", "Centro de acopio Huaychani")
    for code in ("S0001", "S0002"):
        add_member(db, MemberDraft(code=code, given_names="Rosa", surnames="Mamani"))
    set_route(db, "C01", ["S0001", "S0002"])
    for day in (1, 2, 3):
        add_delivery(db, "S0001", "400", "L", date(2026, 10, day), "am", today=TODAY)
        add_delivery(db, "S0002", "300", "L", date(2026, 10, day), "pm", today=TODAY)
    add_buyer(db, "QSR", "Quesería San Román", kind="queseria", price="1.70", per="L")
    add_buyer(db, "PLT", "Planta Láctea", kind="planta", scheme_text=PLANT)
    add_buyer(db, "LOC", "Venta local", kind="local", price="2.00", per="L")
    d1 = add_dispatch(db, "QSR", "600", "L", "2026-10-01", "pm")
    receive_dispatch(db, d1.id, "598", "L")
    d2 = add_dispatch(db, "LOC", "50", "L", "2026-10-01", "pm")
    receive_dispatch(db, d2.id, "50", "L")
    record_tank(db, "C01", "45", "2026-10-01", "closing")
    d3 = add_dispatch(db, "PLT", "740", "L", "2026-10-02", "pm", measures={"fat": "3.6"})
    receive_dispatch(db, d3.id, "736", "L", measures={"fat": "3.8"})
    record_tank(db, "C01", "0", "2026-10-02", "closing")
    d4 = add_dispatch(db, "QSR", "690", "L", "2026-10-03", "pm")
    receive_dispatch(db, d4.id, "690", "L", reject=True, reason="Acidez alta")
    add_expense(db, "cleaning", "50.00", "2026-10-03", "Detergente")
    receive_payment(db, "QSR", "500.00", "2026-10-10", "Depósito 123")
    wrong = receive_payment(db, "PLT", "100.00", "2026-10-10", "error")
    reverse_payment_entry(db, wrong.id, "Se registró por error")
    return db


def test_the_month_balances_and_margin(month: Database) -> None:
    report = balance_report(month, date(2026, 10, 1), date(2026, 10, 31), centre="C01")
    days = [
        (r.day.day, r.opening_l, r.shrinkage_l, r.shrinkage_pct, r.transit_l, r.amber)
        for r in report.rows
    ]  # type: ignore[union-attr]
    assert days == [
        (1, D("0.000"), D("5.000"), D("0.71"), D("2.000"), False),
        (2, D("45.000"), D("5.000"), D("0.67"), D("4.000"), False),
        (3, D("0.000"), D("10.000"), D("1.43"), D("0.000"), True),
    ]
    assert report.rows[0].local_sales_l == D("50.000")
    t = report.total
    assert (t.accepted_l, t.dispatched_l, t.shrinkage_l, t.shrinkage_pct, t.transit_l) == (
        D("2100.000"),
        D("2030.000"),
        D("20.000"),
        D("0.95"),
        D("6.000"),
    )
    m = margin_report(month, date(2026, 10, 1), date(2026, 10, 31))
    assert m.as_dict() == {
        "litres_bought": D("2100.000"),
        "litres_sold": D("1384.000"),
        "shrinkage_l": D("20.000"),
        "sales": D("2314.37"),
        "milk_cost": D("3255.00"),
        "expenses": D("50.00"),
        "margin": D("-990.63"),
        "margin_per_l": D("-0.7158"),
        "margin_pct": D("-42.80"),
        "producer_share_pct": D("140.64"),
        "provisional": True,
        "litres_untested": D("0.000"),
    }


def test_accounts_reversals_and_the_buyers_statement(month: Database, tmp_path: Path) -> None:
    qsr = buyer_account(month, "QSR")
    assert (qsr.sales, qsr.payments, qsr.balance) == (D("1016.60"), D("500.00"), D("516.60"))
    plt = buyer_account(month, "PLT")
    assert [e.amount for e in plt.entries] == [D("1197.77"), D("-100.00"), D("100.00")]
    assert plt.balance == D("1197.77")
    with pytest.raises(Refused):
        reverse_payment_entry(month, plt.entries[1].id, "otra vez")
    statement = tmp_path / "liquidacion.csv"
    statement.write_text(
        "Fecha,Cantidad,Grasa,Monto\n01/10/2026,598,,1016.60\n03/10/2026,690,3.4,1173.00\n"
        "05/10/2026,50,,85.00\n",
        encoding="utf-8",
    )
    found = reconcile(month, "QSR", statement, dry_run=True)
    assert [(d.day, d.fields) for d in found.differences] == [
        (date(2026, 10, 3), ("missing",)),
        (date(2026, 10, 5), ("missing",)),
    ]
    expense = add_expense(month, "other", "10.00", "2026-10-04")
    reverse_expense(month, expense.id, "duplicado")
    assert margin_report(month, date(2026, 10, 1), date(2026, 10, 31)).expenses == D("50.00")
    assert run_checks(month) == []


def test_roles_append_only_and_closed_periods(month: Database) -> None:
    act_as(month, "pedro", "acopiador")
    d = add_dispatch(month, "QSR", "100", "L", "2026-10-04", "am")
    record_tank(month, "C01", "10", "2026-10-04", "closing")
    with pytest.raises(Forbidden):
        receive_dispatch(month, d.id, "100", "L")
    with pytest.raises(Forbidden):
        receive_payment(month, "QSR", "1", "2026-10-04")
    with pytest.raises(Forbidden):
        add_expense(month, "transport", "1", "2026-10-04")
    act_as(sign_in_admin(month), "vilma", "vigilancia")
    with pytest.raises(Forbidden):
        add_dispatch(month, "QSR", "100", "L", "2026-10-04", "am")
    act_as(sign_in_admin(month), "tesorera", "tesorero")
    void_dispatch(month, d.id, "Se digitó mal")
    assert month.engine.dialect.name in ("sqlite", "postgresql")
    with month.engine.connect() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("UPDATE dispatch SET quantity = 1 WHERE id = :i"), {"i": d.id})
    sign_in_admin(month)
    from coop_desktop.services.closeout.closing import close_period

    close_period(month, "2026-10")
    with pytest.raises(Refused):
        add_dispatch(month, "QSR", "10", "L", "2026-10-05", "am")
    with (
        month.engine.connect() as conn,
        pytest.raises(Exception, match=r"closed period|append-only"),
    ):
        conn.execute(
            text(
                "INSERT INTO expense (date, category, amount, recorded_by, recorded_at) "
                "VALUES ('2026-10-06', 'other', 100, 'x', '2026-10-06 10:00:00')"
            )
        )
    assert run_checks(month) == []

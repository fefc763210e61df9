"""Cuentas: advances, sales, adjustments and loans recorded from the screen land in the
member's ledger, with its running balance."""

from decimal import Decimal

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from coop_desktop.services.accounts import add_charge, add_product, ledger
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.storage.engine import Database
from ui.accounts_view import AccountsView


def test_advance_sale_adjustment_and_loan(qtbot: QtBot, association: Database) -> None:
    add_member(association, MemberDraft(code="S0001", given_names="Rosa", surnames="Apaza"))
    add_product(association, "Afrecho de trigo", "65.00", "saco 40 kg")
    add_charge(association, "dues", "5.00", "period", "Cuota social", "2026-01-01")
    view = AccountsView(association)
    qtbot.addWidget(view)
    buttons = {b.text(): b for b in view.findChildren(QPushButton)}
    assert "Cuota social" in view.charges.text()
    qtbot.keyClicks(view.member, "apaza")
    qtbot.keyClicks(view.advance_amount, "-5")
    buttons["Registrar adelanto"].click()
    assert "mayor que cero" in view.status.text()
    view.advance_amount.setText("50")
    buttons["Registrar adelanto"].click()
    view.quantity.setText("2")
    buttons["Registrar venta"].click()
    view.adjust_amount.setText("10")
    view.adjust_reason.setText("Devolución de flete")
    buttons["Registrar ajuste"].click()
    view.loan_amount.setText("100")
    view.loan_count.setValue(3)
    buttons["Registrar préstamo"].click()
    assert "33.33 · 33.33 · 33.34" in view.status.text()
    entries = ledger(association, "S0001")
    assert [(e.kind, e.amount) for e in entries] == [
        ("advance", Decimal("-50.00")),
        ("input", Decimal("-130.00")),
        ("adjustment", Decimal("10.00")),
    ]
    assert view.ledger.rowCount() == 3 and view.ledger.item(2, 4).text() == "-170.00"

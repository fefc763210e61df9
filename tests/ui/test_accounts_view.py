"""Cuentas: advances, sales, adjustments and loans recorded from the screen land in the
member's ledger, with its running balance."""

import io
from decimal import Decimal

from print_dialogs import Answers
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from coop_desktop.services.accounts import add_charge, add_product, ledger, list_charges
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.storage.engine import Database
from ui.accounts.accounts_view import AccountsView

from .driving import click_section, settled, turn_wheel


def retype(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Select what a field holds (Ctrl+A) and type over it."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settled(qtbot)


def test_advance_sale_adjustment_and_loan(qtbot: QtBot, association: Database, cups_server) -> None:  # type: ignore[no-untyped-def]
    add_member(association, MemberDraft(code="S0001", given_names="Rosa", surnames="Apaza"))
    add_product(association, "Afrecho de trigo", "65.00", "saco 40 kg")
    add_charge(association, "dues", "5.00", "period", "Cuota social", "2026-01-01")
    view = AccountsView(association)
    qtbot.addWidget(view)
    view.show()
    settled(qtbot)
    buttons = {b.text(): b for b in view.findChildren(QPushButton)}
    assert "Cuota social" in view.charges.text()
    qtbot.keyClicks(view.member, "apaza")
    retype(qtbot, view.advance_amount, "-5")
    click(qtbot, buttons["Registrar adelanto"])
    assert "mayor que cero" in view.status.text()
    retype(qtbot, view.advance_amount, "50")
    before = cups_server.done("Oficina-PDF")
    answers = Answers(qtbot).printer("Oficina-PDF")  # the receipt the member signs
    click(qtbot, buttons["Registrar adelanto"])
    job = cups_server.job_after("Oficina-PDF", before)
    answers.stop()
    qtbot.waitUntil(lambda: "enviada a Oficina-PDF" in view.status.text(), timeout=10000)
    assert "recibo R001-00000001" in view.status.text()
    assert view.advance_amount.text() == ""  # recorded: a second click records nothing
    click(qtbot, buttons["Registrar adelanto"])
    assert "Monto" in view.status.text()  # refused: nothing typed
    assert [e.kind for e in ledger(association, "S0001")] == ["advance"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(job.data)).pages)
    assert "RECIBO DE ADELANTO" in text and "R001-00000001" in text and "S/ 50.00" in text
    assert "Rosa Apaza" in text and "cincuenta" in text.lower()
    from coop_desktop.services.printouts import render

    assert render(association, "advance", "R001-00000001").mark == "COPIA"  # it was sent
    retype(qtbot, view.quantity, "2")
    click(qtbot, buttons["Registrar venta"])
    retype(qtbot, view.adjust_amount, "10")
    retype(qtbot, view.adjust_reason, "Devolucion de flete")
    click(qtbot, buttons["Registrar ajuste"])
    view.loan_count.setFocus()
    qtbot.keyClick(view.loan_count, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.loan_count, "3")
    retype(qtbot, view.loan_amount, "100")
    qtbot.keyClick(view.loan_amount, Qt.Key.Key_Return)  # Enter records, like the button
    settled(qtbot)
    assert "33.33 · 33.33 · 33.34" in view.status.text()
    assert view.loan_amount.text() == "" and view.loan_count.value() == 6
    entries = ledger(association, "S0001")
    assert [(e.kind, e.amount) for e in entries] == [
        ("advance", Decimal("-50.00")),
        ("input", Decimal("-130.00")),
        ("adjustment", Decimal("10.00")),
    ]
    assert view.ledger.rowCount() == 3 and view.ledger.item(2, 4).text() == "−170.00"
    assert view.ledger.item(0, 1).text() == "Adelanto"  # the kind in words, not "advance"


def test_recurring_charges_are_configured_on_the_screen(
    qtbot: QtBot, association: Database
) -> None:
    view = AccountsView(association)
    qtbot.addWidget(view)
    view.show()
    settled(qtbot)
    assert "Ninguno" in view.charges.text()
    view.charge_kind.setCurrentIndex(view.charge_kind.findData("transport"))
    view.charge_per.setCurrentIndex(view.charge_per.findData("litre"))
    retype(qtbot, view.charge_amount, "cinco")
    click(qtbot, view.add_charge_button)
    assert "número" in view.status.text()  # the field is named, nothing is saved
    assert list_charges(association) == []
    retype(qtbot, view.charge_amount, "0,05")  # a decimal comma, as typed in Peru
    qtbot.keyClick(view.charge_amount, Qt.Key.Key_Return)  # Enter adds, like the button
    settled(qtbot)
    [charge] = list_charges(association)
    assert (charge.kind, charge.amount, charge.per) == ("transport", Decimal("0.05"), "litre")
    assert "Transporte: S/ 0.05 por litro" in view.charges.text()
    assert view.charge_amount.text() == ""


def test_products_are_added_to_the_catalogue(qtbot: QtBot, association: Database) -> None:
    view = AccountsView(association)
    qtbot.addWidget(view)
    view.show()
    settled(qtbot)
    retype(qtbot, view.product_name, "Sal mineral")
    retype(qtbot, view.product_unit, "bolsa 2 kg")
    retype(qtbot, view.product_price, "0")
    click(qtbot, view.add_product_button)
    assert "mayor que cero" in view.status.text()
    retype(qtbot, view.product_price, "18,50")
    qtbot.keyClick(view.product_price, Qt.Key.Key_Return)  # Enter adds the product
    settled(qtbot)
    assert view.product.currentData() == "Sal mineral"
    assert "Sal mineral (bolsa 2 kg) — S/ 18.50" in view.product.currentText()
    assert view.product_name.text() == view.product_price.text() == ""
    retype(qtbot, view.product_name, "sal MINERAL")
    retype(qtbot, view.product_price, "20")
    qtbot.keyClick(view.product_name, Qt.Key.Key_Return)
    settled(qtbot)
    assert "Ya existe" in view.status.text()


def test_the_wheel_never_changes_an_unfocused_field(qtbot: QtBot, association: Database) -> None:
    """Scrolling Cuentas over the instalments changed a loan from 6 to 1; now the wheel
    scrolls the page unless the field has the focus."""
    from ui.main_window import MainWindow

    window = MainWindow(association)
    qtbot.addWidget(window)
    window.show()
    view = click_section(qtbot, window, "accounts")
    assert isinstance(view, AccountsView)
    spin = view.loan_count
    view.member.setFocus()
    assert not spin.hasFocus()

    def wheel(widget: QWidget) -> None:
        turn_wheel(widget, -5)

    for field in (spin, view.charge_kind, view.charge_from):
        before = (
            field.value()
            if field is spin
            else field.currentIndex()
            if field is view.charge_kind
            else field.date()
        )
        wheel(field.edit if field is view.charge_from else field)
        after = (
            field.value()
            if field is spin
            else field.currentIndex()
            if field is view.charge_kind
            else field.date()
        )
        assert after == before, field
    assert spin.value() == 6
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin)  # a focused field is being edited on purpose: the wheel works there
    assert spin.value() == 1
    # dialogs too: Nuevo socio's choices keep what was chosen under a passing wheel
    from ui.members.member_dialog import MemberDialog

    dialog = MemberDialog(association, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    combos = [c for c in dialog.findChildren(QComboBox) if c.count() > 1]
    assert combos
    for combo in combos:
        before = combo.currentIndex()
        wheel(combo)
        assert combo.currentIndex() == before, combo.objectName()

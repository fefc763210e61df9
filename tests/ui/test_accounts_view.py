"""Cuentas: advances, sales, adjustments and loans recorded from the screen land in the
member's ledger, with its running balance."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from coop_desktop.services.accounts import add_charge, add_product, ledger, list_charges
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.storage.engine import Database
from ui.accounts.accounts_view import AccountsView


def test_advance_sale_adjustment_and_loan(
    qtbot: QtBot, association: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed: list[tuple[bytes, str]] = []

    def fake_print(_parent, _runner, title, build, on_sent, report, *_a, **_k):  # type: ignore[no-untyped-def]
        built = build(None, None)  # what a printer that took the job is sent
        printed.append((built.pdf, title))
        on_sent(built)
        report("Enviado.")

    monkeypatch.setattr("ui.accounts.accounts_view.print_document", fake_print)
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
    qtbot.mouseClick(buttons["Registrar adelanto"], Qt.MouseButton.LeftButton)
    assert "recibo R001-00000001" in view.status.text()
    qtbot.waitUntil(lambda: bool(printed), timeout=5000)
    assert "Enviado." in view.status.text()
    assert view.advance_amount.text() == ""  # recorded: a second click records nothing
    qtbot.mouseClick(buttons["Registrar adelanto"], Qt.MouseButton.LeftButton)
    assert "Monto" in view.status.text()  # refused: nothing typed
    assert [e.kind for e in ledger(association, "S0001")] == ["advance"]
    [(pdf, name)] = printed  # the receipt the member signs, printed on recording
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert name == "adelanto-R001-00000001"
    assert "RECIBO DE ADELANTO" in text and "R001-00000001" in text and "S/ 50.00" in text
    assert "Rosa Apaza" in text and "cincuenta" in text.lower()
    from coop_desktop.services.printouts import render

    assert render(association, "advance", "R001-00000001").mark == "COPIA"  # it was sent
    view.quantity.setText("2")
    buttons["Registrar venta"].click()
    view.adjust_amount.setText("10")
    view.adjust_reason.setText("Devolución de flete")
    buttons["Registrar ajuste"].click()
    view.loan_count.setValue(3)
    qtbot.keyClicks(view.loan_amount, "100")
    qtbot.keyClick(view.loan_amount, Qt.Key.Key_Return)  # Enter records, like the button
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
    assert "Ninguno" in view.charges.text()
    view.charge_kind.setCurrentIndex(view.charge_kind.findData("transport"))
    view.charge_per.setCurrentIndex(view.charge_per.findData("litre"))
    view.charge_amount.setText("cinco")
    view.add_charge()
    assert "número" in view.status.text()  # the field is named, nothing is saved
    assert list_charges(association) == []
    view.charge_amount.setText("0,05")  # a decimal comma, as typed in Peru
    view.add_charge()
    [charge] = list_charges(association)
    assert (charge.kind, charge.amount, charge.per) == ("transport", Decimal("0.05"), "litre")
    assert "Transporte: S/ 0.05 por litro" in view.charges.text()


def test_products_are_added_to_the_catalogue(qtbot: QtBot, association: Database) -> None:
    view = AccountsView(association)
    qtbot.addWidget(view)
    view.product_name.setText("Sal mineral")
    view.product_unit.setText("bolsa 2 kg")
    view.product_price.setText("0")
    view.add_product()
    assert "mayor que cero" in view.status.text()
    view.product_price.setText("18,50")
    view.add_product()
    assert view.product.currentData() == "Sal mineral"
    assert "Sal mineral (bolsa 2 kg) — S/ 18.50" in view.product.currentText()
    view.product_name.setText("sal MINERAL")
    view.product_price.setText("20")
    view.add_product()
    assert "Ya existe" in view.status.text()


def test_the_wheel_never_changes_an_unfocused_field(qtbot: QtBot, association: Database) -> None:
    """Scrolling Cuentas over the instalments changed a loan from 6 to 1; now the wheel
    scrolls the page unless the field has the focus."""
    from ui.main_window import MainWindow

    window = MainWindow(association)
    qtbot.addWidget(window)
    window.show()
    view = window.open_section("accounts")
    assert isinstance(view, AccountsView)
    spin = view.loan_count
    view.member.setFocus()
    assert not spin.hasFocus()

    def wheel(widget: QWidget) -> None:
        centre = QPointF(widget.rect().center())
        event = QWheelEvent(
            centre,
            QPointF(widget.mapToGlobal(widget.rect().center())),
            QPoint(0, 0),
            QPoint(0, -120 * 5),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)

    for field in (spin, view.charge_kind, view.charge_from):
        before = (
            field.value()
            if field is spin
            else field.currentIndex()
            if field is view.charge_kind
            else field.date()
        )
        wheel(field)
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

"""Cierre's money actions, clicked like a person and answered in the real dialogs: a close is
always asked first with the period, the members and the total; payments go to exactly the
members selected (or, with none selected, to everyone still unpaid, named with the total);
reversing a payment and reopening ask for the password on the screen before they run; and
after every change (here or from Documentos) the table shows the period as stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY
from tests_support.users import ADMIN, PASSWORD

from coop_desktop.services import auth
from coop_desktop.services.closeout.stored import period_state
from coop_desktop.services.demo import load_demo
from coop_desktop.services.settlements import settlement_for, stored_totals
from coop_desktop.storage.engine import Database
from ui.closeout.closeout_view import CloseoutView
from ui.closeout.money_actions import PaymentDialog
from ui.common.confirm import SafeQuestion
from ui.common.password import ReauthDialog

from .driving import answer_dialogs

LEFT = Qt.MouseButton.LeftButton
START = (TODAY.replace(day=1) - timedelta(days=40)).replace(day=1)
PERIOD = f"{START:%Y-%m}"


def ready(view: CloseoutView) -> Callable[[], bool]:
    return lambda: not view.busy and view.runner.idle


def column(view: CloseoutView, col: int) -> list[str]:
    model = view.rows
    return [model.index(r, col).data() for r in range(model.rowCount())]


def text_of(seen: list[str]) -> Callable[[QWidget], None]:
    def keep(dialog: QWidget) -> None:
        assert isinstance(dialog, SafeQuestion)
        seen.append(dialog.text())
        dialog.no.click()

    return keep


def yes(dialog: QWidget) -> None:
    assert isinstance(dialog, SafeQuestion), type(dialog).__name__
    dialog.yes.click()


def type_in(text: str) -> Callable[[QWidget], None]:
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog), type(dialog).__name__
        from PySide6.QtWidgets import QLineEdit

        field = dialog.findChild(QLineEdit)
        field.selectAll()
        QTest.keyClicks(field, text)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(ok, LEFT)

    return act


def password(text: str) -> Callable[[QWidget], None]:
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, ReauthDialog), type(dialog).__name__
        QTest.keyClicks(dialog.password, text)
        QTest.mouseClick(dialog.confirm_button, LEFT)

    return act


def select(view: CloseoutView, *rows: int) -> None:
    view.table.clearSelection()
    for row in rows:
        view.table.selectionModel().select(
            view.rows.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def closed_view(qtbot: QtBot, db: Database) -> CloseoutView:
    """The period previewed, then closed through the button and its question."""
    load_demo(db, members=5, days=31, start=START)
    auth.sign_in(db, ADMIN, PASSWORD)  # a desktop sign-in: sensitive actions ask again
    view = CloseoutView(db)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(ready(view), timeout=10000)
    view.period.setText(PERIOD)
    answer_dialogs([yes])
    qtbot.mouseClick(view.close_button, LEFT)
    qtbot.waitUntil(lambda: stored_totals(db, PERIOD) is not None, timeout=20000)
    qtbot.waitUntil(ready(view), timeout=10000)
    return view


def test_a_close_is_always_asked_with_the_period_members_and_total(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db, members=4, days=31, start=START)
    view = CloseoutView(sqlite_db)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(ready(view), timeout=10000)
    view.period.setText(PERIOD)
    seen: list[str] = []
    answer_dialogs([text_of(seen)])  # no preview yet: it is computed, then asked
    qtbot.mouseClick(view.close_button, LEFT)
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    qtbot.waitUntil(ready(view), timeout=10000)
    net = view.shown.totals()["summary"].net  # type: ignore[union-attr]
    assert view.rows.rowCount() == 4
    assert f"¿Cerrar el periodo {_period()}? Se emitirán las liquidaciones de 4 socios" in seen[0]
    assert f"neto a pagar S/ {net:,.2f}" in seen[0], seen[0]
    assert "No se cerró" in view.status.text()
    assert stored_totals(sqlite_db, PERIOD) is None
    answer_dialogs([yes])
    qtbot.mouseClick(view.close_button, LEFT)
    qtbot.waitUntil(lambda: "cerrado" in view.status.text(), timeout=20000)
    qtbot.waitUntil(ready(view), timeout=10000)
    assert column(view, 10) == [f"L001-0000000{i}" for i in range(1, 5)]
    assert column(view, 11) == ["por pagar"] * 4
    assert view.pay_button.isEnabled() and not view.close_button.isEnabled()


def test_payments_go_to_exactly_the_members_chosen(qtbot: QtBot, sqlite_db: Database) -> None:
    view = closed_view(qtbot, sqlite_db)
    codes = column(view, 0)
    nets = [Decimal(n.replace(",", "")) for n in column(view, 9)]
    select(view, 0, 2)
    listed: list[str] = []
    heading: list[str] = []

    def pay_by_wallet(dialog: QWidget) -> None:
        assert isinstance(dialog, PaymentDialog), type(dialog).__name__
        listed.extend(dialog.members.item(i).text() for i in range(dialog.members.count()))
        heading.append(dialog.heading.text())
        dialog.method.setCurrentIndex(dialog.method.findData("wallet"))
        QTest.keyClicks(dialog.reference, "OP-77")
        QTest.mouseClick(dialog.pay_button, LEFT)

    answer_dialogs([pay_by_wallet])
    qtbot.mouseClick(view.pay_button, LEFT)
    qtbot.waitUntil(lambda: "pagada" in view.status.text(), timeout=10000)
    qtbot.waitUntil(ready(view), timeout=10000)
    assert [line.split()[0] for line in listed] == [codes[0], codes[2]]
    total = nets[0] + nets[2]
    assert heading == [f"Se pagará a 2 socios seleccionados de {_period()} — S/ {total:,.2f}."]
    paid = {c: settlement_for(sqlite_db, c, PERIOD) for c in codes}
    assert [c for c, s in paid.items() if s.status == "paid"] == [codes[0], codes[2]]
    assert paid[codes[0]].payment_method == "wallet"
    assert column(view, 11) == ["pagada", "por pagar", "pagada", "por pagar", "por pagar"]
    assert "2 liquidaciones pagadas" in view.status.text()

    # nothing selected: everyone still unpaid, named with the total; Cancel pays nobody
    view.table.clearSelection()
    asked: list[str] = []

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, PaymentDialog)
        asked.append(dialog.heading.text())
        QTest.mouseClick(dialog.cancel_button, LEFT)

    answer_dialogs([cancel])
    qtbot.mouseClick(view.pay_button, LEFT)
    rest = nets[1] + nets[3] + nets[4]
    assert asked == [f"Se pagará a todos los 3 socios por pagar de {_period()} — S/ {rest:,.2f}."]
    assert [s.status for s in period_state(sqlite_db, PERIOD).rows].count("paid") == 2

    # a payment reversed from the table: the member, the reason, then the password
    select(view, 2)
    answer_dialogs([type_in(codes[2]), type_in("Se anoto por error"), password(PASSWORD)])
    qtbot.mouseClick(view.reverse_button, LEFT)
    qtbot.waitUntil(lambda: "revertido" in view.status.text(), timeout=10000)
    qtbot.waitUntil(ready(view), timeout=10000)
    assert settlement_for(sqlite_db, codes[2], PERIOD).status == "issued"
    assert column(view, 11)[2] == "por pagar"


def _period() -> str:
    from ui.common import fmt

    return fmt.period(PERIOD)


def test_reopen_asks_the_password_on_screen_and_reopens(qtbot: QtBot, sqlite_db: Database) -> None:
    view = closed_view(qtbot, sqlite_db)
    # a wrong password: refused, nothing reopened, said in words
    answer_dialogs([type_in("Falto una entrega"), password("equivocada")])
    qtbot.mouseClick(view.reopen_button, LEFT)
    qtbot.waitUntil(lambda: "incorrecta" in view.status.text(), timeout=10000)
    assert stored_totals(sqlite_db, PERIOD) is not None
    # Cancel on the password: nothing runs
    answer_dialogs(
        [
            type_in("Falto una entrega"),
            lambda d: QTest.mouseClick(
                next(b for b in d.findChildren(QPushButton) if b.text() == "Cancelar"), LEFT
            ),
        ]
    )
    qtbot.mouseClick(view.reopen_button, LEFT)
    qtbot.wait(100)
    assert stored_totals(sqlite_db, PERIOD) is not None
    answer_dialogs([type_in("Falto una entrega"), password(PASSWORD)])
    qtbot.mouseClick(view.reopen_button, LEFT)
    qtbot.waitUntil(lambda: "reabierto" in view.status.text(), timeout=10000)
    qtbot.waitUntil(ready(view), timeout=10000)
    assert stored_totals(sqlite_db, PERIOD) is None
    assert "5 liquidaciones anuladas" in view.status.text()
    assert view.rows.rowCount() == 0 and view.close_button.isEnabled()

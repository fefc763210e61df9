"""Cierre closes periods in order and asks before closing one that has not ended (the safe
answer is the default); afterwards a late delivery goes into the next period as an
adjustment that Acopio offers and that works. Driven with real clicks and typing."""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.domain.periods import period_of
from coop_desktop.services.accounts import ledger
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.demo import load_demo
from coop_desktop.services.settlements import pay, settlement_for, stored_totals
from coop_desktop.storage.engine import Database
from ui.closeout.closeout_view import CloseoutView
from ui.collection.collection_view import CollectionView
from ui.common.confirm import GRACE_MS, SafeQuestion

from .driving import settled

THIS_MONTH = TODAY.replace(day=1)
LAST_MONTH = (THIS_MONTH - timedelta(days=1)).replace(day=1)


def when_a_dialog_opens(qtbot: QtBot, *acts: Callable[[QDialog], None]) -> list[str]:
    """Act on the next modal dialogs, one act each, as a person would; returns their texts."""
    seen: list[str] = []
    todo = list(acts)
    handled: list[QDialog] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible() and dialog not in handled:
            handled.append(dialog)
            seen.append(dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle())
            todo.pop(0)(dialog)
        if todo:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return seen


def press_enter(qtbot: QtBot) -> Callable[[QDialog], None]:
    def act(dialog: QDialog) -> None:
        qtbot.wait(GRACE_MS + 100)  # keys in the question's first moments are ignored
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    return act


def click(qtbot: QtBot, text: str) -> Callable[[QDialog], None]:
    def act(dialog: QDialog) -> None:
        if isinstance(dialog, SafeQuestion) and text == "Yes":
            button = dialog.yes
        else:
            button = next(b for b in dialog.findChildren(QPushButton) if text in b.text())
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    return act


def type_period(qtbot: QtBot, view: CloseoutView, code: str) -> None:
    view.period.selectAll()
    qtbot.keyClicks(view.period, code)
    qtbot.keyClick(view.period, Qt.Key.Key_Return)
    settled(qtbot)


def test_cierre_offers_the_oldest_open_period(qtbot: QtBot, sqlite_db: Database) -> None:
    before = (LAST_MONTH - timedelta(days=1)).replace(day=1)
    load_demo(sqlite_db, members=4, days=(LAST_MONTH - before).days + 20, start=before, today=TODAY)
    first = f"{before:%Y-%m}"
    view = CloseoutView(sqlite_db)
    qtbot.addWidget(view)
    settled(qtbot)
    assert view.period.text() == first
    # closing a later one first is refused, naming the one to close: said, never asked
    type_period(qtbot, view, f"{LAST_MONTH:%Y-%m}")
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first in view.status.text(), timeout=15000)
    assert "en orden" in view.status.text()
    assert stored_totals(sqlite_db, f"{LAST_MONTH:%Y-%m}") is None
    close_period(sqlite_db, first)
    again = CloseoutView(sqlite_db)
    qtbot.addWidget(again)
    settled(qtbot)
    assert again.period.text() == f"{LAST_MONTH:%Y-%m}"


def test_early_close_asks_first_and_a_late_delivery_becomes_an_adjustment(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db, members=3, days=TODAY.day, start=THIS_MONTH, today=TODAY)
    code = f"{THIS_MONTH:%Y-%m}"
    view = CloseoutView(sqlite_db)
    qtbot.addWidget(view)
    settled(qtbot)
    assert view.period.text() == code
    # Enter takes the default answer, No: nothing is closed
    seen = when_a_dialog_opens(qtbot, press_enter(qtbot))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    assert "todavía no termina" in seen[0]
    settled(qtbot)
    assert stored_totals(sqlite_db, code) is None
    # Sí closes it
    when_a_dialog_opens(qtbot, click(qtbot, "Yes"))
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored_totals(sqlite_db, code) is not None, timeout=20000)
    settled(qtbot)

    # The afternoon's milk: Acopio says the day is closed and offers the adjustment.
    acopio = CollectionView(sqlite_db)
    qtbot.addWidget(acopio)
    acopio.show()
    settled(qtbot)
    assert acopio.adjust_button.isVisible()
    next_start = period_of(TODAY, "month").end + timedelta(days=1)

    def fill(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.member, "S0001")  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.amount, "12.50")  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.reason, "Entrega de la tarde, 10 L")  # type: ignore[attr-defined]
        click(qtbot, "Guardar")(dialog)

    seen = when_a_dialog_opens(qtbot, fill)
    qtbot.mouseClick(acopio.adjust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    entry = ledger(sqlite_db, "S0001")[-1]
    assert (entry.kind, entry.amount, entry.date) == ("adjustment", Decimal("12.50"), next_start)
    assert settlement_for(sqlite_db, "S0001", code).status == "issued"


def test_a_payment_is_reversed_from_cierre(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db, members=3, days=20, start=LAST_MONTH, today=TODAY)
    code = f"{LAST_MONTH:%Y-%m}"
    close_period(sqlite_db, code)
    pay(sqlite_db, code, "cash", member_code="S0002")
    view = CloseoutView(sqlite_db)
    qtbot.addWidget(view)
    settled(qtbot)
    type_period(qtbot, view, code)

    def answer(text: str) -> Callable[[QDialog], None]:
        def act(dialog: QDialog) -> None:
            from PySide6.QtWidgets import QLineEdit

            qtbot.keyClicks(dialog.findChild(QLineEdit), text)
            qtbot.keyClick(dialog, Qt.Key.Key_Return)

        return act

    seen = when_a_dialog_opens(qtbot, answer("S0002"), answer("Se anoto por error"))
    qtbot.mouseClick(view.reverse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    settled(qtbot)
    assert settlement_for(sqlite_db, "S0002", code).status == "issued"
    assert "revertido" in view.status.text()

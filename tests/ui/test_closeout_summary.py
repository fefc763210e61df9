"""Cierre's table says what the statement, the payroll and the receipt say: the same figures
under the same words, for a member who brings debt in and carries debt on."""

from datetime import date, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.domain.settlement import SUMMARY_WORDS
from coop_desktop.language import formatting as fmt
from coop_desktop.services import document_data as documents
from coop_desktop.services.accounts import add_advance
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.demo import load_demo
from coop_desktop.services.statements import statements
from coop_desktop.storage.engine import Database
from ui.closeout.closeout_view import CloseoutView
from ui.common.confirm import SafeQuestion

from .driving import answer_dialogs

FIRST = (TODAY.replace(day=1) - timedelta(days=70)).replace(day=1)
SECOND = (FIRST + timedelta(days=40)).replace(day=1)


def yes(dialog) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(dialog, SafeQuestion)
    dialog.yes.click()


def test_cierre_shows_the_summary_every_document_prints(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db, members=3, days=61, start=FIRST)
    add_advance(sqlite_db, "S0002", "5000", FIRST + timedelta(days=3))  # more than her milk
    close_period(sqlite_db, f"{FIRST:%Y-%m}")
    add_advance(sqlite_db, "S0002", "30", date(SECOND.year, SECOND.month, 5))
    view = CloseoutView(sqlite_db)
    qtbot.addWidget(view)
    view.show()
    code = f"{SECOND:%Y-%m}"
    view.period.selectAll()
    qtbot.keyClicks(view.period, code)
    qtbot.keyClick(view.period, Qt.Key.Key_Return)  # Enter reads the period
    qtbot.waitUntil(lambda: view.runner.idle, timeout=10000)
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.model().rowCount() == 3, timeout=10000)
    answer_dialogs([yes])  # the preview warns that S0002's deductions pass the milk
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cerrado" in view.status.text(), timeout=15000)
    model = view.table.model()
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4, 10)]
    assert heads == [f"{es} S/" for es in SUMMARY_WORDS.values()]
    [row] = [r for r in range(3) if model.index(r, 0).data() == "S0002"]
    shown = [model.index(row, c).data() for c in range(4, 10)]
    summary = statements(sqlite_db, code, "S0002")[0].money.summary
    assert summary.carried_in > 0 and summary.carried_out > 0 and summary.net == 0
    figures = (
        summary.milk,
        summary.credits,
        summary.deductions,
        summary.carried_in,
        summary.carried_out,
        summary.net,
    )
    assert shown == [fmt.amount(v) for v in figures]
    [payroll_row] = [r for r in documents.payroll(sqlite_db, code).rows if r.code == "S0002"]
    assert payroll_row.summary == summary
    assert documents.receipts(sqlite_db, code, "S0002", record=False)[0].money.summary == summary
    view.runner.shutdown()

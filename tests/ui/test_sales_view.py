"""Ventas and Balance clicked as a person does: the worked example's dispatch typed, received
on its tab, the balance grid with the day amber (double-click opens the day's rows), and the
margin on the Inicio box."""

from datetime import date

from driving import answer_dialogs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.core import clock
from coop_desktop.services.centres import add_centre, set_route
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.sales.buyers import add_buyer
from coop_desktop.services.schemes import import_scheme
from coop_desktop.storage.engine import Database
from ui.sales.balance_view import AMBER
from ui.sales.margin_panel import MarginPanel
from ui.sales.sales_view import SalesView

SCHEME = (
    '{"name": "plano", "title": "Plano", "currency": "PEN", "unit": "L", "density": "1.030",'
    ' "basis": {"kind": "delivery"}, "components": [{"type": "base", "label": "Base",'
    ' "rate": "1.55"}]}'
)


def _setup(db: Database) -> None:
    from coop_desktop.services.association import create_association

    create_association(db, "Asociación de Productores Lecheros Huaychani", None)
    import_scheme(db, SCHEME, date(2026, 1, 1))
    add_centre(db, "C01", "Centro de acopio Huaychani")
    for n, litres in enumerate(("340", "340", "340", "415", "415")):
        code = f"S000{n + 1}"
        add_member(db, MemberDraft(code=code, given_names="Rosa", surnames="Mamani"))
        set_route(db, "C01", [f"S000{i + 1}" for i in range(n + 1)])
        add_delivery(db, code, litres, "L", date(2026, 10, 5), "am" if n < 3 else "pm", today=TODAY)
    add_buyer(db, "QSR", "Quesería San Román", kind="queseria", price="1.70", per="L")


def test_dispatch_reception_balance_and_margin(qtbot: QtBot, sqlite_db: Database) -> None:
    _setup(sqlite_db)
    clock.fix(date(2026, 10, 5))
    view = SalesView(sqlite_db)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    tab = view.dispatches
    tab.shift.setCurrentIndex(1)
    qtbot.keyClicks(tab.buyer, "qsr")
    qtbot.keyClicks(tab.quantity, "1820")
    qtbot.keyClick(tab.quantity, Qt.Key.Key_Return)
    assert tab.status.text() == "Guía G001-00000001: 1,820.0 L para Quesería San Román."
    assert tab.table.rowCount() == 1 and tab.table.item(0, 7).text() == "pendiente"

    view.tabs.setCurrentWidget(view.receptions)
    rec = view.receptions
    qtbot.waitUntil(lambda: rec.pending.count() == 1)
    qtbot.keyClicks(rec.quantity, "1812")
    qtbot.mouseClick(rec.receive_button, Qt.MouseButton.LeftButton)
    assert rec.status.text() == "Guía G001-00000001: venta de S/ 3,080.40."
    assert rec.pending.count() == 0

    view.tabs.setCurrentWidget(view.buyers)
    qtbot.waitUntil(lambda: "saldo por cobrar S/ 3,080.40" in view.buyers.account.title.text())

    view.tabs.setCurrentWidget(view.balance)
    grid = view.balance
    qtbot.waitUntil(lambda: grid.runner.idle)  # the view's first reading, made when built
    grid.report = None
    qtbot.mouseClick(grid.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: grid.report is not None and grid.grid.rowCount() == 5)
    cell = grid.grid.item(4, 0)  # 05/10 is the fifth day of the month
    assert cell.text() == "30.0 L  1.62 %"
    assert cell.background().color() == AMBER
    assert "Días en ámbar (más de 1.0 %): 1." in grid.summary.text()

    def close(dialog: object) -> None:
        assert isinstance(dialog, QDialog)
        rows.append((dialog.deliveries.rowCount(), dialog.dispatches.rowCount()))  # type: ignore[attr-defined]
        dialog.reject()

    rows: list[tuple[int, int]] = []
    answer_dialogs([close])
    rect = grid.grid.visualItemRect(cell)
    qtbot.mouseClick(grid.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(grid.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(rows) == 1)
    assert rows == [(5, 1)]

    panel = MarginPanel(sqlite_db)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.result is not None)
    assert panel.result is not None and str(panel.result.sales) == "3080.40"
    assert "Margen: <b>S/ 212.90</b>" in panel.figures.text()  # no expenses recorded here
    assert "Participación del productor: <b>93.09 %</b>" in panel.figures.text()

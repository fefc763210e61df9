"""Route mode: only quantities are typed, member after member, in route order; centres and
routes are set up on their own tab."""

from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from tests_support.clock import TODAY

from coop_desktop.services.centres import route_members
from coop_desktop.services.deliveries import list_deliveries
from coop_desktop.services.demo import load_demo
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.storage.engine import Database
from ui.collection.centres_view import CentresView
from ui.collection.collection_section import CollectionSection
from ui.collection.route_view import QUANTITY, RouteView


def type_quantity(qtbot: QtBot, route: RouteView, text: str) -> None:
    """Type into the current cell (any key opens its editor) and press Enter."""
    qtbot.keyClicks(route.table, text[0])
    [editor] = [e for e in route.table.findChildren(QLineEdit) if e.isVisible()]
    assert editor.text() == text[0]
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(editor))  # Qt commits the cell just after Enter


def test_typing_quantities_along_the_route(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db, members=12, days=5, start=TODAY - timedelta(days=8))
    section = CollectionSection(sqlite_db)
    qtbot.addWidget(section)
    section.show()
    today = TODAY
    section.collection.day.setDate(QDate(today.year, today.month, today.day))
    section.setCurrentIndex(1)  # Por ruta, read in the background
    route = section.route
    assert isinstance(route, RouteView)
    qtbot.waitUntil(lambda: route.model.history_loaded, timeout=10000)
    assert route.model.rowCount() == 3  # 12 members over 4 centres
    first = route.stops[0]
    assert len(first.last) == 3 and first.this_shift is None
    assert route.model.index(0, 3).data().count("·") == 2
    assert route.table.currentIndex().row() == 0
    assert route.table.currentIndex().column() == QUANTITY
    route.table.setFocus()
    type_quantity(qtbot, route, "14.5")
    qtbot.waitUntil(lambda: route.table.currentIndex().row() == 1)
    assert route.error.text() == ""
    type_quantity(qtbot, route, "catorce")
    assert "no es un número" in route.error.text()
    assert route.model.index(1, QUANTITY).data() == "catorce"  # kept, marked
    route.table.setFocus()
    type_quantity(qtbot, route, "9")
    saved = list_deliveries(sqlite_db, day=today)
    assert sorted(str(d.quantity) for d in saved) == ["14.500", "9.000"]
    assert route.stops[0].this_shift is not None
    assert route.model.index(0, 5).data() == "Registrada"
    section.setCurrentIndex(0)  # the shift list shows them too
    qtbot.waitUntil(lambda: len(section.collection.model.rows) == 2)


def test_centres_and_routes_on_the_screen(qtbot: QtBot, association: Database) -> None:
    for i, name in enumerate(("Rosa Quispe", "Delia Mamani", "Justina Ccama"), start=1):
        given, surname = name.split()
        add_member(association, MemberDraft(code=f"S000{i}", given_names=given, surnames=surname))
    view = CentresView(association)
    qtbot.addWidget(view)
    view.show()
    assert not view.add_member_button.isEnabled()  # no centre yet
    qtbot.keyClicks(view.code, "c01")
    qtbot.keyClick(view.code, Qt.Key.Key_Return)
    assert "Falta nombre" in view.status.text()
    qtbot.keyClicks(view.name, "Centro Huaychani")
    qtbot.keyClick(view.name, Qt.Key.Key_Return)
    assert view.code.text() == "" and view.centres.count() == 1
    assert view.centres.item(0).text() == "C01 — Centro Huaychani (0 socios)"
    for typed in ("justina", "rosa", "delia"):
        qtbot.keyClicks(view.member, typed)
        qtbot.keyClick(view.member, Qt.Key.Key_Return)
    assert [m.code for m in route_members(association, "C01")] == ["S0003", "S0001", "S0002"]
    view.route.setCurrentRow(2)
    qtbot.mouseClick(view.up, Qt.MouseButton.LeftButton)
    assert [m.code for m in route_members(association, "C01")] == ["S0003", "S0002", "S0001"]
    view.route.setCurrentRow(0)
    qtbot.mouseClick(view.remove, Qt.MouseButton.LeftButton)
    assert [m.code for m in route_members(association, "C01")] == ["S0002", "S0001"]
    assert view.centres.item(0).text() == "C01 — Centro Huaychani (2 socios)"

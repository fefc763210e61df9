"""Route mode: only quantities are typed, member after member, in route order; centres and
routes are set up on their own tab."""

from datetime import timedelta

from PySide6.QtCore import Qt
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
from ui.collection.collection_view import CollectionView
from ui.collection.route_view import QUANTITY, RouteView

from .driving import key_to_screen, settled, type_date


def type_quantity(qtbot: QtBot, route: RouteView, text: str, enter: bool = True) -> None:
    """Type into the current cell (any key opens its editor) and press Enter."""
    qtbot.keyClicks(route.table, text[0])
    [editor] = [e for e in route.table.findChildren(QLineEdit) if e.isVisible()]
    assert editor.text() == text[0]
    qtbot.keyClicks(editor, text[1:])
    if enter:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not isValid(editor))  # Qt commits the cell just after Enter
        settled(qtbot)


def test_typing_quantities_along_the_route(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db, members=12, days=5, start=TODAY - timedelta(days=8))
    section = CollectionSection(sqlite_db)
    qtbot.addWidget(section)
    section.show()
    settled(qtbot)
    tabs = section.tabBar()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())  # Por ruta
    route = section.route
    assert isinstance(route, RouteView)
    qtbot.waitUntil(lambda: route.model.history_loaded, timeout=10000)
    settled(qtbot)
    # its own date and shift, said in words above the table
    assert route.day.edit.text() == f"{TODAY:%d/%m/%Y}"
    assert route.where.text().startswith("Se registra en: viernes, 27 de noviembre de 2026, turno")
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
    saved = list_deliveries(sqlite_db, day=TODAY)
    assert sorted(str(d.quantity) for d in saved) == ["14.500", "9.000"]
    assert route.stops[0].this_shift is not None
    assert route.model.index(0, 5).data() == "Registrada"
    # a quantity typed and not entered is not lost when the tab is left
    cell = route.table.visualRect(route.model.index(1, QUANTITY)).center()
    qtbot.mouseClick(route.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.keyClick(route.table, Qt.Key.Key_F2)  # edit the refused text: it comes selected
    [editor] = [e for e in route.table.findChildren(QLineEdit) if e.isVisible()]
    assert editor.selectedText() == "catorce"
    qtbot.keyClicks(editor, "7.5")
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(0).center())
    settled(qtbot)
    assert sorted(str(d.quantity) for d in list_deliveries(sqlite_db, day=TODAY)) == [
        "14.500",
        "7.500",
        "9.000",
    ]
    qtbot.waitUntil(lambda: len(section.collection.model.rows) == 3)  # the shift shows them


def test_route_has_its_own_date_and_a_rejection_says_so(qtbot: QtBot, sqlite_db: Database) -> None:
    from coop_desktop.services.deliveries import add_delivery

    load_demo(sqlite_db, members=4, days=5, start=TODAY - timedelta(days=8))
    route = RouteView(sqlite_db, CollectionView(sqlite_db))
    qtbot.addWidget(route)
    route.show()
    settled(qtbot)
    yesterday = TODAY - timedelta(days=1)
    shift = route.shift.currentData()
    add_delivery(
        sqlite_db,
        route.stops[0].member.code,
        "8",
        "L",
        yesterday,
        shift,
        rejected=True,
        reject_reason="Prueba de alcohol positiva",
    )
    type_date(qtbot, route.day, f"{yesterday:%d/%m}")
    settled(qtbot)
    assert route.where.text().startswith("Se registra en: jueves, 26 de noviembre de 2026")
    assert route.model.index(0, 5).data() == "Rechazada"


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


def test_nine_codes_typed_each_with_enter_are_nine_on_the_route(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    """The field empties after each code and nothing the list of matches showed comes back
    into it: the next code never joins the previous one."""
    from coop_desktop.services.association import create_association
    from coop_desktop.services.centres import add_centre

    create_association(sqlite_db, "Asociación Umachiri")
    for i in range(1, 10):
        add_member(
            sqlite_db,
            MemberDraft(code=f"S00{i}", given_names="Rosa", surnames=f"Apaza {i}", gender="f"),
        )
    add_centre(sqlite_db, "C01", "Centro Umachiri")
    view = CentresView(sqlite_db)
    qtbot.addWidget(view)
    view.show()
    settled(qtbot)
    for i in range(1, 10):
        view.member.setFocus()
        qtbot.keyClicks(view.member, f"S00{i}")
        key_to_screen(qtbot, view.member, Qt.Key.Key_Return)
        assert view.member.text() == ""
        assert view.status.text() == f"Rosa Apaza {i} agregada a la ruta, en el lugar {i}."
    assert [m.code for m in route_members(sqlite_db, "C01")] == [f"S00{i}" for i in range(1, 10)]

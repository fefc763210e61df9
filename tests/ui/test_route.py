"""Route mode: only quantities are typed, member after member, in route order."""

from datetime import date, timedelta

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from coop_desktop.services.deliveries import list_deliveries
from coop_desktop.services.demo import load_demo
from coop_desktop.storage.engine import Database
from ui.collection_section import CollectionSection
from ui.route_view import QUANTITY


def test_typing_quantities_along_the_route(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db, members=12, days=5, start=date.today() - timedelta(days=8))
    section = CollectionSection(sqlite_db)
    qtbot.addWidget(section)
    today = date.today()
    section.collection.day.setDate(QDate(today.year, today.month, today.day))
    route = section.route
    assert route.table.rowCount() == 3  # 12 members over 4 centres
    first = route.stops[0]
    assert len(first.last) == 3 and first.this_shift is None
    assert route.table.item(0, 3).text().count("·") == 2
    route.table.item(0, QUANTITY).setText("14.5")
    assert route.table.currentRow() == 1 and route.error.text() == ""
    route.table.item(1, QUANTITY).setText("catorce")
    assert "no es un número" in route.error.text()
    route.table.item(1, QUANTITY).setText("9")
    saved = list_deliveries(sqlite_db, day=today)
    assert sorted(str(d.quantity) for d in saved) == ["14.500", "9.000"]
    assert route.stops[0].this_shift is not None
    assert len(section.collection.model.rows) == 2  # the shift list shows them too

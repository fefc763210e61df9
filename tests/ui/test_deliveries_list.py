"""The list of every delivery reads pages in the background as it scrolls, newest first;
filters and a jump to a date restart it on the same keyset."""

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.services.deliveries import DeliveryFilter, browse_deliveries
from coop_desktop.services.demo import load_demo
from coop_desktop.storage.engine import Database
from ui.collection.collection_section import CollectionSection
from ui.collection.deliveries_view import PAGE, DeliveriesView

from .driving import type_date

START = TODAY - timedelta(days=25)


def loaded(view: DeliveriesView) -> bool:
    return not view.model.loading and "Contando" not in view.count.text()


def test_lazy_pages(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db, members=30, days=20, start=START)
    view = DeliveriesView(sqlite_db)
    qtbot.addWidget(view)
    model = view.model
    qtbot.waitUntil(lambda: loaded(view), timeout=10000)
    assert view.count.text() == "1,200 entregas"
    assert model.rowCount() == PAGE and model.canFetchMore(model.index(-1, -1))
    keys = [(d.date, d.shift, d.id) for d in model.rows]
    assert keys == sorted(keys, reverse=True)
    model.fetchMore(model.index(-1, -1))
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE, timeout=10000)
    model.fetchMore(model.index(-1, -1))
    qtbot.waitUntil(lambda: model.rowCount() == 1200, timeout=10000)
    assert not model.canFetchMore(model.index(-1, -1))
    assert len({d.id for d in model.rows}) == 1200


def test_filters_and_jump(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db, members=30, days=20, start=START)
    view = DeliveriesView(sqlite_db)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: loaded(view), timeout=10000)
    oldest = START + timedelta(days=2)
    type_date(qtbot, view.until, f"{oldest:%d/%m/%Y}")  # Enter jumps to the old end
    qtbot.waitUntil(lambda: loaded(view), timeout=10000)
    assert view.model.rows[0].date == oldest and view.model.rowCount() == 3 * 60
    assert view.count.text() == "180 entregas"
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: loaded(view), timeout=10000)
    qtbot.keyClicks(view.member, "S0007")
    qtbot.keyClick(view.member, Qt.Key.Key_Return)
    for _ in range(2):  # Ambos turnos → Mañana → Tarde, with the arrow keys
        qtbot.keyClick(view.shift, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: loaded(view), timeout=10000)
    rows = view.model.rows
    assert len(rows) == 20 and {(d.member_code, d.shift) for d in rows} == {("S0007", "pm")}
    assert view.count.text() == "20 entregas con estos filtros"
    for _ in range(2):
        qtbot.keyClick(view.state, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: loaded(view), timeout=10000)
    assert all(d.rejected for d in view.model.rows)


def test_keyset_pages_follow_each_other(sqlite_db: Database) -> None:
    load_demo(sqlite_db, members=5, days=10, start=START)
    f = DeliveryFilter(until=TODAY)
    first = browse_deliveries(sqlite_db, f, None, 30)
    second = browse_deliveries(sqlite_db, f, (first[-1].date, first[-1].shift, first[-1].id), 30)
    whole = browse_deliveries(sqlite_db, f, None, 60)
    assert [d.id for d in first + second] == [d.id for d in whole]


def test_section_loads_the_list_on_demand(qtbot: QtBot, association: Database) -> None:
    section = CollectionSection(association)
    qtbot.addWidget(section)
    assert 2 not in section.built
    section.setCurrentIndex(2)
    assert isinstance(section.widget(2), DeliveriesView) and section.currentIndex() == 2

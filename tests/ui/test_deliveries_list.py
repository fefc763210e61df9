"""The list of every delivery reads pages as it scrolls, newest first."""

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from coop_desktop.services.demo import load_demo
from coop_desktop.storage.engine import Database
from ui.collection_section import CollectionSection
from ui.deliveries_view import PAGE, DeliveriesView


def test_lazy_pages(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db, members=30, days=20, start=date.today() - timedelta(days=25))
    view = DeliveriesView(sqlite_db)
    qtbot.addWidget(view)
    model = view.model
    assert "1,200 entregas" in view.count.text()
    assert model.rowCount() == PAGE and model.canFetchMore(model.index(-1, -1))
    ids = [d.id for d in model.rows]
    assert ids == sorted(ids, reverse=True) and ids[0] == 1200
    model.fetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 1200 and not model.canFetchMore(model.index(-1, -1))
    assert len({d.id for d in model.rows}) == 1200


def test_section_loads_the_list_on_demand(qtbot: QtBot, association: Database) -> None:
    section = CollectionSection(association)
    qtbot.addWidget(section)
    assert not section.all_loaded
    section.setCurrentIndex(2)
    assert section.all_loaded and isinstance(section.widget(2), DeliveriesView)

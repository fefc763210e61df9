"""Screens follow what the services say they changed: a write typed on one screen refreshes
another screen on view, with no topic typed anywhere — on the worker (a delivery) or on the
window's thread (a centre, a route) — and a refused write refreshes nothing."""

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coop_desktop.services.association import create_association
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.storage.engine import Database
from ui.collection.centres_view import CentresView
from ui.collection.collection_view import CollectionView
from ui.collection.deliveries_view import DeliveriesView
from ui.collection.route_view import RouteView
from ui.common.runner import app_runner

from .driving import key_to_screen, settled


def heard(qtbot: QtBot) -> list[tuple[frozenset[str], QObject | None]]:
    """Every announcement the app's runner makes from now on."""
    said: list[tuple[frozenset[str], QObject | None]] = []
    app_runner().changed.connect(lambda topics, source: said.append((topics, source)))
    return said


def shown(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    settled(qtbot)


def test_a_delivery_typed_in_acopio_shows_in_the_list(qtbot: QtBot, sqlite_db: Database) -> None:
    create_association(sqlite_db, "Asociación Umachiri")
    add_member(sqlite_db, MemberDraft(code="S0001", given_names="Rosa", surnames="Quispe"))
    add_member(sqlite_db, MemberDraft(code="S0002", given_names="Delia", surnames="Mamani"))
    acopio, listed = CollectionView(sqlite_db), DeliveriesView(sqlite_db)
    shown(qtbot, acopio)
    shown(qtbot, listed)
    qtbot.waitUntil(lambda: listed.count.text() == "0 entregas", timeout=10000)
    said = heard(qtbot)

    def type_row(member: str, quantity: str) -> None:
        acopio.member.setFocus()
        qtbot.keyClicks(acopio.member, member)
        key_to_screen(qtbot, acopio.member, Qt.Key.Key_Tab)
        qtbot.keyClicks(acopio.quantity, quantity)
        qtbot.keyClick(acopio.quantity, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not acopio.saving, timeout=10000)
        settled(qtbot)

    type_row("S0001", "12.5")
    qtbot.waitUntil(lambda: listed.count.text() == "1 entrega", timeout=10000)
    assert [d.member_code for d in listed.model.rows] == ["S0001"]
    assert said == [(frozenset({"deliveries"}), acopio)]  # Acopio shows its own row itself
    type_row("S0002", "-3")  # refused: nothing written, nothing announced
    assert acopio.error.text() != ""
    assert said == [(frozenset({"deliveries"}), acopio)]
    assert listed.count.text() == "1 entrega"


def test_centres_and_routes_typed_show_in_por_ruta(qtbot: QtBot, sqlite_db: Database) -> None:
    create_association(sqlite_db, "Asociación Umachiri")
    add_member(sqlite_db, MemberDraft(code="S0001", given_names="Rosa", surnames="Quispe"))
    centres = CentresView(sqlite_db)
    route = RouteView(sqlite_db, CollectionView(sqlite_db))
    shown(qtbot, centres)
    shown(qtbot, route)
    assert route.centre.count() == 0
    said = heard(qtbot)
    qtbot.keyClicks(centres.code, "c01")
    qtbot.keyClicks(centres.name, "Centro Huaychani")
    qtbot.mouseClick(centres.add_button, Qt.MouseButton.LeftButton)  # written on this thread
    qtbot.waitUntil(lambda: route.centre.count() == 1, timeout=10000)
    assert route.centre.itemText(0) == "C01 — Centro Huaychani (0 socios)"
    qtbot.keyClicks(centres.member, "rosa")
    qtbot.keyClick(centres.member, Qt.Key.Key_Return)  # the route is kept on the members
    qtbot.waitUntil(
        lambda: route.centre.itemText(0) == "C01 — Centro Huaychani (1 socio)", timeout=10000
    )
    assert said == [(frozenset({"centres"}), centres), (frozenset({"members"}), centres)]

"""Configuración → Asociación: the RUC recorded on an existing database, as the receipt's
warning tells the treasurer to."""

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coop_desktop.services.association import create_association, get_association
from coop_desktop.storage.engine import Database
from ui.admin.settings_view import SettingsView


def test_the_ruc_is_recorded_from_configuracion(qtbot: QtBot, sqlite_db: Database) -> None:
    create_association(sqlite_db, "Asociación Huaychani")
    view = SettingsView(sqlite_db)
    qtbot.addWidget(view)
    box = view.association
    qtbot.keyClicks(box.ruc, "20131312954")
    qtbot.mouseClick(box.save_ruc, Qt.MouseButton.LeftButton)
    assert "20131312954" in box.status.text() and "RUC" in box.status.text()
    assert get_association(sqlite_db).ruc is None  # type: ignore[union-attr]  # nothing saved
    box.ruc.clear()
    qtbot.keyClicks(box.ruc, "20131312955")
    qtbot.mouseClick(box.save_ruc, Qt.MouseButton.LeftButton)
    assert box.status.text() == (
        "RUC guardado: 20131312955. Los recibos salen como liquidación de compra."
    )
    assert get_association(sqlite_db).ruc == "20131312955"  # type: ignore[union-attr]
    view.printers.runner.shutdown()

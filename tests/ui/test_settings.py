"""Configuración: language and data location are saved for the next start and tested."""

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coop_desktop.storage.engine import Database
from ui.admin.settings_view import SettingsView
from ui.app import chosen_location
from ui.common.settings import language as ui_language


def test_settings_are_saved_and_used_at_start(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("COOP_DB", raising=False)
    monkeypatch.delenv("COOP_LANG", raising=False)
    view = SettingsView(sqlite_db)
    qtbot.addWidget(view)
    view.language.setCurrentIndex(1)
    view.location.setText(str(tmp_path / "otra.db"))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert ui_language() == "en"
    assert chosen_location(None) == str(tmp_path / "otra.db")
    assert chosen_location("x.db") == "x.db"
    view.test_button.click()
    qtbot.waitUntil(lambda: view.test_button.isEnabled(), timeout=5000)
    assert "se creará" in view.status.text() and not (tmp_path / "otra.db").exists()
    junk = tmp_path / "notas.db"
    junk.write_text("no soy una base de datos")
    view.location.setText(str(junk))
    view.test_button.click()
    qtbot.waitUntil(lambda: view.test_button.isEnabled(), timeout=5000)
    assert "no es una base de datos" in view.status.text()
    assert sqlite_db.location.path is not None
    view.location.setText(str(sqlite_db.location.path))
    view.test_button.click()
    qtbot.waitUntil(lambda: view.test_button.isEnabled(), timeout=5000)
    assert "Conexión correcta" in view.status.text()
    view.runner.shutdown()

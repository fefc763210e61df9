"""Usuarios and Auditoría through their widgets; no password in the INI or the log during a
PostgreSQL session, and both files user-only."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests_support.tamper import drop_audit_triggers
from tests_support.users import act_as

from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member, set_status
from coop_desktop.storage import secrets
from coop_desktop.storage.engine import Database
from ui.admin.audit_view import AuditView
from ui.admin.users_view import UsersView

from .driving import settled

LEFT = Qt.MouseButton.LeftButton


def test_users_screen_asks_and_the_services_decide(qtbot: QtBot, association: Database) -> None:
    view = UsersView(association)
    qtbot.addWidget(view)
    assert view.table.rowCount() == 1 and view.lock_minutes.isEnabled()
    qtbot.keyClicks(view.name, "consejo")
    view.role.setCurrentIndex(view.role.findData("vigilancia"))
    qtbot.keyClicks(view.password, "clave-consejo")
    qtbot.keyClicks(view.repeat, "clave-consejo")
    qtbot.mouseClick(view.add_button, LEFT)
    assert "Usuario creado: consejo" in view.status.text()
    view.table.setCurrentCell(1, 0)
    qtbot.mouseClick(view.toggle_button, LEFT)
    assert view.table.item(1, 3).text() == "desactivado"
    qtbot.mouseClick(view.toggle_button, LEFT)
    assert view.table.item(1, 3).text() == "activo"
    # A collector sees the screen; the service refuses the change, naming who may.
    act_as(association, "quispe", "acopiador")
    view = UsersView(association)
    qtbot.addWidget(view)
    assert not view.lock_minutes.isEnabled()
    qtbot.keyClicks(view.name, "otro")
    qtbot.keyClicks(view.password, "clave-de-otro")
    qtbot.keyClicks(view.repeat, "clave-de-otro")
    qtbot.mouseClick(view.add_button, LEFT)
    assert "Su rol (acopiador) no permite administrar usuarios" in view.status.text()
    assert view.table.rowCount() == 3


def test_audit_screen_lists_filters_and_verifies(qtbot: QtBot, association: Database) -> None:
    add_member(association, MemberDraft(code="S1", given_names="Rosa", surnames="Ticona"))
    set_status(association, 1, "suspended")
    act_as(association, "consejo", "vigilancia")  # the oversight committee reads it
    view = AuditView(association)
    qtbot.addWidget(view)
    settled(qtbot)
    actions = [view.table.item(r, 3).text() for r in range(view.table.rowCount())]
    assert actions[0] == "ingreso" and "cambio de estado" in actions and "alta" in actions
    qtbot.keyClicks(view.entity, "socio")  # the entities by name
    assert view.entity.currentData() == "member"
    qtbot.mouseClick(view.search_button, LEFT)
    settled(qtbot)
    assert [view.table.item(r, 3).text() for r in range(view.table.rowCount())] == [
        "cambio de estado",
        "alta",
    ]
    assert {view.table.item(r, 4).text() for r in range(view.table.rowCount())} == {"socio"}
    view.table.setCurrentCell(0, 0)
    assert "Antes:" in view.detail.toPlainText() and '"suspended"' in view.detail.toPlainText()
    qtbot.mouseClick(view.verify_button, LEFT)
    settled(qtbot)
    assert "Cadena de auditoría íntegra" in view.status.text()
    with association.engine.begin() as conn:
        drop_audit_triggers(conn)
        conn.exec_driver_sql("UPDATE audit_log SET actor = 'otro' WHERE entity = 'member'")
    qtbot.mouseClick(view.verify_button, LEFT)
    settled(qtbot)
    assert "La cadena de auditoría está rota" in view.status.text()
    assert view.table.rowCount() == 2  # nothing on the screen wrote anything


SECRET = "Pg-Secreta:2026"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_no_password_in_the_ini_or_the_log_during_a_postgresql_session(
    qtbot: QtBot, pg_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = pg_db
    import ui.common.error_text
    from coop_desktop.storage import log_file
    from ui import app
    from ui.admin.settings_view import SettingsView
    from ui.common import settings
    from ui.main_window import MainWindow

    monkeypatch.setattr(log_file, "data_dir", lambda: tmp_path / "datos")
    monkeypatch.delenv("COOP_DB", raising=False)
    from sqlalchemy.engine import make_url

    with_password = make_url(db.location.url).set(password=SECRET)
    typed = with_password.render_as_string(hide_password=False)
    view = SettingsView(db)
    qtbot.addWidget(view)
    view.location.clear()
    qtbot.keyClicks(view.location, typed)
    qtbot.mouseClick(view.save_button, LEFT)
    assert view.location.text() == db.location.url
    assert keyring.get_password("coop-desktop", secrets.credential_key(db.location.url)) == SECRET
    # The next start opens the saved location; its log and INI are user-only.
    import logging

    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        for h in handlers:
            root.removeHandler(h)
        ui.common.error_text.setup_logging()
        umask = os.umask(0o022)
        os.umask(umask)
        app.keep_files_private()
        session = app.open_or_explain(app.chosen_location(None))
        assert session is not None
        try:
            from tests_support.users import sign_in_admin

            sign_in_admin(session)
            window = MainWindow(session)
            qtbot.addWidget(window)
            with session.engine.connect() as conn:
                assert conn.connection.driver_connection.info.password == SECRET  # type: ignore[union-attr]
            ui.common.error_text.message(RuntimeError(f"fallo con {session.location.describe()}"))
            window.close()
        finally:
            session.dispose()
        for h in list(root.handlers):
            h.flush()
    finally:
        for h in list(root.handlers):
            root.removeHandler(h)
            h.close()
        for h in handlers:
            root.addHandler(h)
        os.umask(umask)
    ini = Path(settings.store().fileName())
    log = tmp_path / "datos" / "coop.log"
    assert "db/location" in ini.read_text() or "location=" in ini.read_text()
    assert "fallo con" in log.read_text()
    for path in (ini, log):
        assert SECRET not in path.read_text(), path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    view.runner.shutdown()

"""Signing in to the desktop through the real widgets: the first administrator, the sign-in
dialog (wrong password, a migrated account choosing its password), the password asked again
before a sensitive action, the lock after inactivity, and the user in the status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from tests_support.users import ADMIN, PASSWORD

from coop_desktop.services import auth, users
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database
from ui.admin.sign_in import FirstAdminDialog, ReauthDialog, SignInDialog
from ui.app import sign_in_dialog

LEFT = Qt.MouseButton.LeftButton


def test_a_new_database_asks_for_the_first_administrator(qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(str(tmp_path / "nueva.db"), create=True)
    try:
        dialog = sign_in_dialog(db)
        assert isinstance(dialog, FirstAdminDialog)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.password, "clave-elegida")
        qtbot.keyClicks(dialog.repeat, "clave-distinta")
        qtbot.mouseClick(dialog.create_button, LEFT)
        assert "no coinciden" in dialog.error.text() and not auth.has_users(db)
        dialog.repeat.clear()
        qtbot.keyClicks(dialog.repeat, "clave-elegida")
        qtbot.mouseClick(dialog.create_button, LEFT)
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert db.principal is not None and db.principal.name == "admin"
        assert not db.password_confirmed  # the desktop asks again for sensitive actions
        assert isinstance(sign_in_dialog(db), SignInDialog)
    finally:
        db.dispose()


def test_sign_in_with_the_real_widgets(qtbot: QtBot, db: Database) -> None:
    auth.sign_out(db)
    dialog = SignInDialog(db, last_user=ADMIN)
    qtbot.addWidget(dialog)
    assert dialog.user.text() == ADMIN
    qtbot.keyClicks(dialog.password, "equivocada")
    qtbot.mouseClick(dialog.sign_in_button, LEFT)
    assert "Contraseña incorrecta" in dialog.error.text() and db.principal is None
    assert dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert db.principal is not None and db.principal.name == ADMIN


def test_an_account_without_password_chooses_one(qtbot: QtBot, db: Database) -> None:
    users.add_user(db, "tesorera", "tesorero", "provisional")
    with db.engine.begin() as conn:  # as a migrated database's administrator is
        conn.exec_driver_sql("UPDATE app_user SET password_hash = NULL WHERE name = 'tesorera'")
    auth.sign_out(db)
    dialog = SignInDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.user, "tesorera")
    qtbot.mouseClick(dialog.sign_in_button, LEFT)
    assert dialog.new_password.isVisible() and "aún no tiene contraseña" in dialog.error.text()
    qtbot.keyClicks(dialog.new_password, "clave-tesorera")
    qtbot.keyClicks(dialog.repeat, "clave-tesorera")
    qtbot.mouseClick(dialog.sign_in_button, LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert db.principal is not None and db.principal.name == "tesorera"
    auth.sign_in(db, "tesorera", "clave-tesorera")


def answer_modal(qtbot: QtBot, kind: type[QWidget], answer: Callable[[QWidget], None]) -> None:
    """Answer the next modal dialog of `kind` once it is shown (exec() blocks the test)."""

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind):
            answer(modal)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_a_sensitive_action_asks_for_the_password_again(qtbot: QtBot, db: Database) -> None:
    from ui.admin.users_view import UsersView
    from ui.main_window import MainWindow

    auth.sign_in(db, ADMIN, PASSWORD)  # a desktop sign-in: nothing confirmed in advance
    window = MainWindow(db)
    qtbot.addWidget(window)
    view = window.open_section("users")
    assert isinstance(view, UsersView)

    def type_password(text: str) -> Callable[[QWidget], None]:
        def answer(dialog: QWidget) -> None:
            assert isinstance(dialog, ReauthDialog)
            assert "administrar usuarios" in dialog.findChildren(type(view.status))[0].text()
            qtbot.keyClicks(dialog.password, text)
            qtbot.mouseClick(dialog.confirm_button, LEFT)

        return answer

    qtbot.keyClicks(view.name, "quispe")
    view.role.setCurrentIndex(view.role.findData("acopiador"))
    qtbot.keyClicks(view.password, "clave-quispe")
    qtbot.keyClicks(view.repeat, "clave-quispe")
    answer_modal(qtbot, ReauthDialog, type_password("equivocada"))
    qtbot.mouseClick(view.add_button, LEFT)
    assert "Contraseña incorrecta" in view.status.text()
    assert "quispe" not in [u.name for u in users.list_users(db)]
    answer_modal(qtbot, ReauthDialog, type_password(PASSWORD))
    qtbot.mouseClick(view.add_button, LEFT)
    assert "Usuario creado: quispe" in view.status.text()
    assert view.table.item(1, 0).text() == "quispe" and view.table.item(1, 2).text() == "acopiador"


def test_the_window_locks_after_inactivity(qtbot: QtBot, db: Database) -> None:
    from ui.common import settings
    from ui.main_window import MainWindow

    settings.LOCK_MINUTES.set(0.002)  # about 120 ms
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert window.user_label.text() == "Usuario: admin (administrador)"
    lock = window.idle_lock
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    assert not window.centralWidget().isVisible()
    dialog = lock.dialog
    assert dialog.user.text() == ADMIN and dialog.user.isReadOnly()
    qtbot.keyClicks(dialog.password, "equivocada")
    qtbot.mouseClick(dialog.sign_in_button, LEFT)
    assert lock.locked and "Contraseña incorrecta" in dialog.error.text()
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, LEFT)
    assert not lock.locked and window.centralWidget().isVisible()
    lock.stop()


def test_input_in_any_window_keeps_the_lock_away(qtbot: QtBot, db: Database) -> None:
    """A keystroke, a click or the wheel, in the main window or in a dialog, starts the idle
    clock again; input the person did not make (a screen refreshing) does not."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    from ui.common import settings
    from ui.main_window import MainWindow

    settings.LOCK_MINUTES.set(10)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is window.windowHandle())
    lock = window.idle_lock
    full = lock.timer.interval()
    lock.timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer's remainder is rough
    lock.timer.start()

    def waited() -> int:
        qtbot.wait(400)  # a wait may end a little early: its timer is coarse
        left = lock.timer.remainingTime()
        assert left <= full - 300
        return left

    left = waited()
    window.nav.viewport().update()  # the program's own work is no input
    qtbot.wait(10)
    assert lock.timer.remainingTime() < left
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
    assert lock.timer.remainingTime() > left
    left = waited()
    QTest.mouseClick(window.windowHandle(), LEFT, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert lock.timer.remainingTime() > left
    dialog = QDialog(window)
    QVBoxLayout(dialog).addWidget(QLineEdit())
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle())
    left = waited()
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_A)
    assert lock.timer.remainingTime() > left
    dialog.close()
    lock.stop()

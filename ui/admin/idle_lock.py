"""Lock the main window after a while without keyboard or mouse: the office PC is often left
on. The signed-in user unlocks it with their password (or quits). Minutes in Configuración
(`security/lock_minutes` in the INI, default 10; 0 never locks)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from coop_desktop.storage.engine import Database

DEFAULT_MINUTES = 10
INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


def lock_minutes() -> float:
    from ui.common import settings

    return max(0.0, settings.LOCK_MINUTES.get())


class IdleLock(QObject):
    """An application-wide event filter that restarts a timer on every input event."""

    def __init__(
        self,
        window: QMainWindow,
        db: Database,
        minutes: float | None = None,
        on_quit: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.on_quit = on_quit or window.close
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        chosen = lock_minutes() if minutes is None else minutes
        if chosen > 0:
            self.timer.setInterval(max(1, int(chosen * 60_000)))
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked and event.type() in INPUT_EVENTS and self.timer.interval() > 0:
            self.timer.start()
        return False

    def lock(self) -> None:
        """Hide the data and ask for the password; Salir closes the program."""
        if self.locked or self.db.principal is None:
            return
        from ui.admin.sign_in import SignInDialog

        self.locked = True
        central = self.window.centralWidget()
        if central is not None:
            central.setVisible(False)
        self.dialog = SignInDialog(self.db, locked_user=self.db.principal.name, parent=self.window)
        self.dialog.finished.connect(self._finished)
        self.dialog.open()

    def _finished(self, result: int) -> None:
        self.locked = False
        central = self.window.centralWidget()
        if result == QDialog.DialogCode.Accepted:
            if central is not None:
                central.setVisible(True)
            self.timer.start()
        else:
            self.on_quit()
        self.dialog.deleteLater()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

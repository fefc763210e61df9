"""Lock the main window after a while without keyboard or mouse: the office PC is often left
on. The signed-in user unlocks it with their password (or quits). Minutes in Configuración
(`security/lock_minutes` in the INI, default 10; 0 never locks)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QTimer
from PySide6.QtGui import QMouseEvent, QWindow
from PySide6.QtWidgets import QDialog, QMainWindow

from coop_desktop.storage.engine import Database
from ui.common.window_events import window_events

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
    """A timer that every input event of the app's windows starts again."""

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
        self.pointer = QPointF(-1, -1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        chosen = lock_minutes() if minutes is None else minutes
        if chosen > 0:
            self.timer.setInterval(max(1, int(chosen * 60_000)))
            window_events().watch(self._input, self)
            self.timer.start()

    def _input(self, _window: QWindow, event: QEvent) -> bool:
        """Any keystroke, click or movement in any of the app's windows starts the clock again."""
        if self.locked or event.type() not in INPUT_EVENTS or self.timer.interval() <= 0:
            return False
        if isinstance(event, QMouseEvent) and event.type() == QEvent.Type.MouseMove:
            # Qt moves the pointer itself when a window or widget appears under it: only a
            # movement to another place is the person's
            where = event.globalPosition()
            if where == self.pointer:
                return False
            self.pointer = where
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
        window_events().unwatch(self._input)

"""Driving modal dialogs the way a person does: a dialog's exec() blocks the test, so the
answer is scheduled before the click that opens it and runs once the dialog is on screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

Action = Callable[[QWidget], None]


def answer_dialogs(actions: Sequence[Action], *, after_ms: int = 0) -> list[QWidget]:
    """Run each action on the next modal dialog that shows, in order, waiting `after_ms`
    once it is on screen; returns the dialogs seen (to assert on after the click)."""
    seen: list[QWidget] = []
    pending = list(actions)

    def poll() -> None:
        if not pending:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible() or dialog in seen:
            QTimer.singleShot(10, poll)
            return
        seen.append(dialog)
        action = pending.pop(0)
        QTimer.singleShot(after_ms, lambda: (action(dialog), QTimer.singleShot(10, poll)))

    QTimer.singleShot(0, poll)
    return seen

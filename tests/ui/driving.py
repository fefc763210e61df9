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


def choose_file(path: object) -> Action:
    """Answer Qt's own file dialog (offscreen there is no native one) as a person does: type
    the path into the file name field and press its Open/Save button."""

    def act(dialog: QWidget) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit

        assert isinstance(dialog, QFileDialog), type(dialog).__name__
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        name.clear()
        QTest.keyClicks(name, str(path))
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        accept = next(
            b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
        )
        QTest.mouseClick(accept, Qt.MouseButton.LeftButton)

    return act


def settled(qtbot: object, timeout: int = 10_000) -> None:
    """Wait, as a person watching the screen does, until the app's op runner has nothing
    left to do (writes and reads of the screens run there, off the window's thread)."""
    from ui.common.runner import app_runner

    runner = app_runner()
    qtbot.waitUntil(lambda: runner.idle, timeout=timeout)  # type: ignore[attr-defined]


def type_date(qtbot: object, field: QWidget, text: str) -> None:
    """Select what a date field shows (Ctrl+A), type `text` and press Enter, as a person."""
    from PySide6.QtCore import Qt

    edit = field.edit  # type: ignore[attr-defined]
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    qtbot.keyClicks(edit, text)  # type: ignore[attr-defined]
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]


def click_section(qtbot: object, window: QWidget, key: str) -> QWidget:
    """Click a section in the main window's list, as a person does; returns its screen."""
    from PySide6.QtCore import Qt

    views = window.views  # type: ignore[attr-defined]
    nav = window.nav  # type: ignore[attr-defined]
    item = nav.item(list(views).index(key))
    nav.scrollToItem(item)
    qtbot.mouseClick(  # type: ignore[attr-defined]
        nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center()
    )
    # a screen is built once the program's modules are imported (ui/warmup.py)
    qtbot.waitUntil(lambda: not views[key].objectName().startswith("lazy-"), timeout=20_000)  # type: ignore[attr-defined]
    return views[key]  # type: ignore[no-any-return]


def key_to_screen(qtbot: object, field: QWidget, key: object) -> None:
    """A key where a person's key goes: to the open list of matches (a popup takes the
    keyboard while it shows), else to the field."""
    popup = QApplication.activePopupWidget()
    target = popup if popup is not None and popup.isVisible() else field
    qtbot.keyClick(target, key)  # type: ignore[attr-defined]


def turn_wheel(widget: QWidget, notches: int) -> None:
    """Turn the mouse wheel over `widget` (negative: towards the person) as the platform
    delivers it: to the widget's window, which hands it to the widget under the pointer."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtTest import QTest

    top = widget.window()
    handle = top.windowHandle()
    assert handle is not None, "the widget's window is not on screen"
    where = QPointF(widget.mapTo(top, widget.rect().center()))
    QTest.wheelEvent(handle, where, QPoint(0, 120 * notches))

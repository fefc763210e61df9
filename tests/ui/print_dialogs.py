"""Answer the modal dialogs a print opens (the printer chooser, the failure box, the save
box) by clicking their real buttons, as the user would, from a timer while they run."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot


class Answers:
    """Queue answers; each runs on the next modal dialog that opens. `seen` keeps what the
    message boxes said."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.steps: list[Callable[[QDialog], None]] = []
        self.seen: list[str] = []
        self.items: list[list[str]] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible() and self.steps:
            step = self.steps.pop(0)
            self.timer.stop()
            try:
                step(dialog)
            finally:
                self.timer.start()

    def printer(self, name: str) -> Answers:
        """Choose `name` in the printer chooser (its item may say what the printer prints of
        the document: "Termica-80 — recibo de 80 mm") and press OK; `seen` keeps the items."""

        def step(dialog: QDialog) -> None:
            assert isinstance(dialog, QInputDialog), type(dialog)
            items = list(dialog.comboBoxItems())
            self.items.append(items)
            chosen = [i for i in items if i == name or i.startswith(f"{name} — ")]
            assert chosen, items
            dialog.setTextValue(chosen[0])
            box = dialog.findChild(QDialogButtonBox)
            ok = box.button(QDialogButtonBox.StandardButton.Ok)
            self.qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

        self.steps.append(step)
        return self

    def item(self, text: str) -> Answers:
        return self.printer(text)

    def press(self, label: str, before: Callable[[], object] | None = None) -> Answers:
        """Press the button `label` of a message box (Reintentar, Guardar PDF…, Cancelar…),
        having first done `before` (what the user does outside the program meanwhile)."""

        def step(dialog: QDialog) -> None:
            assert isinstance(dialog, QMessageBox), type(dialog)
            self.seen.append(dialog.text())
            if before is not None:
                before()
            buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
            assert label in buttons, list(buttons)
            self.qtbot.mouseClick(buttons[label], Qt.MouseButton.LeftButton)

        self.steps.append(step)
        return self

    def stop(self) -> None:
        self.timer.stop()
        assert self.steps == [], f"{len(self.steps)} dialogs never opened"

"""Questions that cannot be answered by accident.

The safe answer is the default (Enter and Escape give it); the buttons carry no mnemonic, so a
letter typed for the next entry (the S of "S0012") never answers "Sí"; and keys pressed in the
first moments after the question appears are ignored: that typing began before it was there.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

GRACE_MS = 600
KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)


class SafeQuestion(QMessageBox):
    def __init__(
        self, parent: QWidget | None, title: str, text: str, yes: str, no: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(title)
        self.setText(text)
        self.yes = self.addButton(yes.replace("&", "&&"), QMessageBox.ButtonRole.YesRole)
        self.no = self.addButton(
            (no or self.tr("Cancelar")).replace("&", "&&"), QMessageBox.ButtonRole.NoRole
        )
        self.setDefaultButton(self.no)
        self.setEscapeButton(self.no)
        self.opened = QElapsedTimer()

    def showEvent(self, event: QEvent) -> None:
        self.opened.start()
        for child in (self, *self.findChildren(QAbstractButton)):
            child.installEventFilter(self)
        self.no.setFocus()
        super().showEvent(event)  # type: ignore[arg-type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        early = not self.opened.isValid() or self.opened.elapsed() < GRACE_MS
        return early and event.type() in KEY_EVENTS

    def answered_yes(self) -> bool:
        return self.clickedButton() is self.yes


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str | None = None) -> bool:
    """True only when the person clicked (or deliberately chose) `yes`."""
    box = SafeQuestion(parent, title, text, yes, no)
    box.exec()
    return box.answered_yes()

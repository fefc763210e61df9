"""Typing a buyer as Acopio types a member: by code or any part of the name, accent- and
case-insensitive (`domain.text.fold`), with a completer that lists the matches as you type."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from coop_desktop.core.errors import ValidationError
from coop_desktop.domain.text import fold
from coop_desktop.services.sales.buyers import BuyerInfo

MAX_SHOWN = 15


class BuyerIndex:
    def __init__(self, buyers: list[BuyerInfo] | None = None) -> None:
        self.replace(buyers or [])

    def replace(self, buyers: list[BuyerInfo]) -> None:
        self.buyers = buyers
        self.keys = [fold(f"{b.code} {b.name} {b.ruc or ''}") for b in buyers]
        self.by_code = {b.code.lower(): b for b in buyers}

    def matches(self, text: str, limit: int = MAX_SHOWN) -> list[BuyerInfo]:
        words = fold(text).split()
        if not words:
            return []
        found = [
            b for key, b in zip(self.keys, self.buyers, strict=True) if all(w in key for w in words)
        ]
        return found[:limit]

    def resolve(self, text: str) -> BuyerInfo:
        """The buyer a typed text means: an exact code, or the only name that matches."""
        typed = text.strip()
        code = typed.split(" ")[0].lower()
        if code in self.by_code:
            return self.by_code[code]
        found = self.matches(typed, limit=2)
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError("unknown_buyer", "buyer", value=typed)
        raise ValidationError("ambiguous_buyer", "buyer", value=typed)


class BuyerField(QLineEdit):
    """A line edit with an accent-insensitive completer over the buyers."""

    def __init__(self, index: BuyerIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setPlaceholderText(self.tr("Código o nombre del comprador"))
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.textEdited.connect(self._suggest)

    def _suggest(self, text: str) -> None:
        self._model.setStringList([f"{b.code}  {b.name}" for b in self.index.matches(text)])

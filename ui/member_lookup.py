"""Typing a member: by code or any part of the name, accent- and case-insensitive, with a
completer that lists the matches as you type."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from coop_desktop.domain.text import fold, member_search_key
from coop_desktop.errors import ValidationError
from coop_desktop.services.dto import MemberInfo
from coop_desktop.storage.engine import Database

MAX_SHOWN = 15


class MemberIndex:
    def __init__(self, members: list[MemberInfo]) -> None:
        self.replace(members)

    def replace(self, members: list[MemberInfo]) -> None:
        """Take a fresh list (after members change), in place: every field that types into
        this index finds the new members at once."""
        self.members = members
        self.keys = [
            member_search_key(m.code, m.given_names, m.surnames, m.dni, m.community)
            for m in members
        ]
        self.by_code = {m.code.lower(): m for m in members}

    def matches(self, text: str, limit: int = MAX_SHOWN) -> list[MemberInfo]:
        words = fold(text).split()
        if not words:
            return []
        found = []
        for key, m in zip(self.keys, self.members, strict=True):
            if all(w in key for w in words):
                found.append(m)
                if len(found) >= limit:
                    break
        return found

    def resolve(self, text: str) -> MemberInfo:
        """The member a typed text means: an exact code, or the only name that matches."""
        typed = text.strip()
        code = typed.split(" ")[0].lower()
        if code in self.by_code:
            return self.by_code[code]
        found = self.matches(typed, limit=2)
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError("unknown_member", "member", value=typed)
        raise ValidationError("ambiguous_member", "member", value=typed)


class MemberField(QLineEdit):
    """A line edit with an accent-insensitive completer over the members."""

    def __init__(self, index: MemberIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setPlaceholderText(self.tr("Código o nombre del socio"))
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.textEdited.connect(self._suggest)

    def _suggest(self, text: str) -> None:
        self._model.setStringList([f"{m.code}  {m.full_name}" for m in self.index.matches(text)])


def follow_members(
    owner: QWidget, index: MemberIndex, db: Database, status: str | None = None
) -> None:
    """Keep `index` current: when members change (here, on another PC or from the CLI) the
    list is read again in the background and replaces the index's contents."""
    from coop_desktop.services.members import list_members
    from ui.changes import follow
    from ui.runner import app_runner

    runner = app_runner()

    def reload() -> None:
        def read(_context: object) -> list[MemberInfo]:
            return list_members(db, status=status)

        runner.run(read, index.replace, lambda _e: None)

    follow(owner, runner, ("members",), reload)

"""Typing a member: by code or any part of the name, accent- and case-insensitive, with a
completer that lists the matches as you type."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from coop_desktop.core.errors import Refused, ValidationError
from coop_desktop.domain.text import fold, member_search_key
from coop_desktop.services.dto import MemberInfo
from coop_desktop.storage.engine import Database

MAX_SHOWN = 15


def keyed_index(
    members: list[MemberInfo],
) -> tuple[list[MemberInfo], list[str], dict[str, MemberInfo]]:
    """Members, their search keys and their codes (pure Python: the worker builds them; for
    16,000 members this is most of a second)."""
    keys = [
        member_search_key(m.code, m.given_names, m.surnames, m.dni, m.community) for m in members
    ]
    return members, keys, {m.code.lower(): m for m in members}


class MemberIndex:
    """Members to type into. Built from a list, or from a `loader` read in the background
    (`shared_index`); if typing comes before the background read, it is read then."""

    def __init__(
        self,
        members: list[MemberInfo] | None = None,
        loader: Callable[[], list[MemberInfo]] | None = None,
        why_not: Callable[[str], Exception | None] | None = None,
    ) -> None:
        self.loader = loader
        self.why_not = why_not  # a code this index leaves out (a retired member): why
        self.replace(members or [])
        self.loaded = members is not None

    def ensure(self) -> None:
        if not self.loaded and self.loader is not None:
            self.replace(self.loader())

    def replace(self, members: list[MemberInfo]) -> None:
        """Take a fresh list (after members change), in place: every field that types into
        this index finds the new members at once."""
        self.take(keyed_index(members))

    def take(self, built: tuple[list[MemberInfo], list[str], dict[str, MemberInfo]]) -> None:
        """Take members with their keys, built off the window's thread (`keyed_index`)."""
        self.members, self.keys, self.by_code = built
        self.loaded = True

    def matches(self, text: str, limit: int = MAX_SHOWN) -> list[MemberInfo]:
        self.ensure()
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
        self.ensure()
        typed = text.strip()
        code = typed.split(" ")[0].lower()
        if code in self.by_code:
            return self.by_code[code]
        found = self.matches(typed, limit=2)
        if len(found) == 1:
            return found[0]
        if not found:
            reason = self.why_not(code) if self.why_not is not None else None
            raise reason or ValidationError("unknown_member", "member", value=typed)
        raise ValidationError("ambiguous_member", "member", value=typed)


class MemberField(QLineEdit):
    """A line edit with an accent-insensitive list of the matching members under it.

    The list never writes into the field on its own (Qt's completer puts the highlighted
    entry in and, after Enter, the entry it still had): the field holds what the person
    typed, or the code of the entry they chose with the arrows and Enter, or a click. So a
    row saved with Enter leaves nothing behind, and the next code typed starts clean."""

    chosen = Signal(str)  # a member code picked from the list with the mouse

    def __init__(self, index: MemberIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setPlaceholderText(self.tr("Código o nombre del socio"))
        self._model = QStringListModel(self)
        self.matches = QCompleter(self._model, self)
        self.matches.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.matches.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.matches.setWidget(self)  # not setCompleter(): nothing is written back
        self.matches.activated.connect(self._clicked)
        self._keyed = False
        self.textEdited.connect(self._suggest)

    def _popup(self) -> QAbstractItemView:
        popup = self.matches.popup()
        assert popup is not None  # a completer always has its list
        return popup

    def _suggest(self, text: str) -> None:
        self._model.setStringList([f"{m.code}  {m.full_name}" for m in self.index.matches(text)])
        popup = self._popup()
        if self._model.rowCount() and text.strip():
            self.matches.setCompletionPrefix("")
            self.matches.complete()
            popup.setCurrentIndex(QModelIndex())  # nothing chosen until the arrows say so
        else:
            popup.hide()

    def _picked(self) -> str | None:
        """The entry the person moved to with the arrows, if the list is open."""
        popup = self._popup()
        if not popup.isVisible():
            return None
        chosen = popup.selectionModel().selectedIndexes() if popup.selectionModel() else []
        return str(chosen[0].data()) if chosen else None

    def event(self, event: QEvent) -> bool:
        """Enter or Tab with the list open: the entry moved to with the arrows (if any)
        becomes the field's code first; then the key does what it does in any field. What
        Qt's completer would write after the key is ignored."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
        ):
            picked = self._picked()
            self._popup().hide()
            self._keyed = True
            QTimer.singleShot(0, self._key_done)
            if picked is not None:
                self.setText(picked.split()[0])
        return super().event(event)

    def _key_done(self) -> None:
        self._keyed = False

    def _clicked(self, chosen: object) -> None:
        if self._keyed:
            return  # the completer's own answer to Enter: the field already holds it
        text = str(chosen.data() if isinstance(chosen, QModelIndex) else chosen)
        self.setText(text.split()[0])
        self.setFocus()
        self.chosen.emit(self.text())

    def forget(self) -> None:
        """After a row is saved: the list of matches goes with what was typed."""
        self._popup().hide()
        self._model.setStringList([])


_shared: weakref.WeakValueDictionary[tuple[int, str | None, int], MemberIndex] = (
    weakref.WeakValueDictionary()
)


def shared_index(db: Database, status: str | None = None) -> MemberIndex:
    """The app's index of members (or of the active ones): one for every screen, read in the
    background when first asked for (no screen waits for 16,000 members to open) and again
    whenever members change — here, on another PC or from the CLI."""
    from coop_desktop.services.members import list_members
    from ui.common.runner import app_runner

    runner = app_runner()
    key = (id(db), status, id(runner))
    index = _shared.get(key)
    if index is not None:
        return index

    def why_not(code: str) -> Exception | None:
        """A code left out by the status filter: say the member's status, not "no existe"."""
        if status is None:
            return None
        found = [m for m in list_members(db, search=code, limit=50) if m.code.lower() == code]
        if not found:
            return None
        m = found[0]
        return Refused("member_not_active", "member", value=m.code, status=m.status)

    index = MemberIndex(loader=lambda: list_members(db, status=status), why_not=why_not)
    _shared[key] = index

    def read(_context: object) -> tuple[list[MemberInfo], list[str], dict[str, MemberInfo]]:
        return keyed_index(list_members(db, status=status))

    def reload() -> None:
        runner.run(read, index.take, lambda _e: None)

    def changed(topics: frozenset[str], _source: object) -> None:
        if "members" in topics:
            reload()

    runner.changed.connect(changed)
    reload()
    return index

"""Acopio's undo history: a save, a correction and a deletion of the shift on screen, each
undone (Ctrl+Z) and redone by the op runner like every write of the screen — a write dated in
a month that another PC is closing waits there, never in the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from coop_desktop.services import deliveries as svc
from coop_desktop.services.dto import DeliveryInfo
from ui.common import fmt

if TYPE_CHECKING:
    from ui.collection.collection_view import CollectionView


class _Command(QUndoCommand):
    def __init__(self, view: CollectionView, text: str) -> None:
        super().__init__(text)
        self.view = view

    def write(self, work: Callable[[], Any], then: Callable[[Any], None] | None = None) -> None:
        """Run `work` on the op runner; the shift is read again once it is done."""
        view = self.view

        def done(result: Any) -> None:
            if then is not None:
                then(result)
            view.refresh()

        view.runner.run(lambda _c: work(), done, view.failed, source=view)


class SaveDelivery(_Command):
    """A saved delivery; undo deletes it, redo records it again."""

    def __init__(self, view: CollectionView, saved: DeliveryInfo, args: dict[str, Any]) -> None:
        super().__init__(view, view.tr("Entrega de %1").replace("%1", saved.member_code))
        self.saved = saved
        self.args = args
        self.first = True

    def redo(self) -> None:
        if self.first:  # the save already happened when the row was typed
            self.first = False
            return
        db, args = self.view.db, self.args

        def again(saved: DeliveryInfo) -> None:
            self.saved = saved

        self.write(lambda: svc.add_delivery(db, **args), again)

    def undo(self) -> None:
        db, saved, view = self.view.db, self.saved, self.view
        self.write(
            lambda: svc.delete_delivery(db, saved.id),
            lambda _d: view.said(
                view.tr("Se deshizo la entrega de %1 (%2).")
                .replace("%1", saved.member_code)
                .replace("%2", fmt.quantity(saved.quantity, saved.unit))
            ),
        )


class DeleteDelivery(_Command):
    """A deleted delivery; undo records it again with the same values."""

    def __init__(self, view: CollectionView, deleted: DeliveryInfo) -> None:
        super().__init__(view, view.tr("Borrado de %1").replace("%1", deleted.member_code))
        self.deleted = deleted

    def redo(self) -> None:
        db, deleted = self.view.db, self.deleted
        self.write(lambda: svc.delete_delivery(db, deleted.id))

    def undo(self) -> None:
        db, d = self.view.db, self.deleted

        def again(saved: DeliveryInfo) -> None:
            self.deleted = saved

        self.write(
            lambda: svc.add_delivery(
                db,
                d.member_code,
                d.quantity,
                d.unit,
                d.date,
                d.shift,
                reject_reason=d.reject_reason,
                rejected=d.rejected,
                temperature=d.temperature,
                density=d.density,
                alcohol_positive=d.alcohol_positive,
                cooled=d.cooled,
                centre_id=d.centre_id,
            ),
            again,
        )


class EditDelivery(_Command):
    """A corrected delivery; undo puts the old values back."""

    def __init__(self, view: CollectionView, before: DeliveryInfo, after: DeliveryInfo) -> None:
        super().__init__(view, view.tr("Corrección de %1").replace("%1", before.member_code))
        self.before = before
        self.after = after
        self.first = True

    def _apply(self, d: DeliveryInfo) -> None:
        db = self.view.db
        self.write(
            lambda: svc.update_delivery(db, d.id, d.quantity, d.reject_reason, d.temperature)
        )

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)

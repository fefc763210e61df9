"""Acopio: the daily collection, typed not clicked. Pick the date and shift once; then for
each delivery type the member (code or part of the name) → Tab → quantity → optional quick
tests and rejection → Enter saves and starts the next row. Ctrl+Z undoes a save, even right
after it (the fields start the next row with no typing history of their own to undo); a
repeated delivery and Supr ask first, with the safe answer as default."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError
from coop_desktop.core.numbers import ZERO
from coop_desktop.language import formatting
from coop_desktop.services import deliveries as svc
from coop_desktop.services.closeout.date_rule import frozen_by
from coop_desktop.services.dto import DeliveryInfo
from coop_desktop.storage.engine import Database
from ui.collection.member_lookup import MemberField, shared_index
from ui.common import dates, fmt
from ui.common import error_text as errors
from ui.common.changes import follow
from ui.common.confirm import ask
from ui.common.runner import app_runner
from ui.common.slots import in_turn
from ui.common.tables import Index, RowsModel, tidy


class ShiftModel(RowsModel):
    """The deliveries of the chosen date and shift."""

    def __init__(self) -> None:
        super().__init__([])
        self.rows: list[DeliveryInfo] = []
        self.headers = [
            self.tr("N°"),
            self.tr("Código"),
            self.tr("Socio"),
            self.tr("Cantidad"),
            self.tr("Temp."),
            self.tr("Estado"),
        ]

    def set_rows(self, rows: list[DeliveryInfo]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            status = (
                (self.tr("Rechazada: ") + (d.reject_reason or ""))
                if d.rejected
                else (self.tr("Aceptada"))
            )
            return (
                str(index.row() + 1),
                d.member_code,
                d.member_name,
                fmt.quantity(d.quantity, d.unit),
                "" if d.temperature is None else f"{fmt.number(d.temperature, 1)} °C",
                status,
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and d.rejected:
            from PySide6.QtGui import QColor

            return QColor("#a31515")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 3, 4):
            return fmt.RIGHT
        return None


class SaveDelivery(QUndoCommand):
    """A saved delivery; undo deletes it, redo records it again."""

    def __init__(self, view: CollectionView, saved: DeliveryInfo, args: dict[str, Any]) -> None:
        super().__init__(view.tr("Entrega de %1").replace("%1", saved.member_code))
        self.view = view
        self.saved = saved
        self.args = args
        self.first = True

    def redo(self) -> None:
        if self.first:  # the save already happened when the row was typed
            self.first = False
            return
        self.saved = svc.add_delivery(self.view.db, **self.args)
        self.view.refresh()

    def undo(self) -> None:
        svc.delete_delivery(self.view.db, self.saved.id)
        self.view.refresh()
        self.view.said(
            self.view.tr("Se deshizo la entrega de %1 (%2).")
            .replace("%1", self.saved.member_code)
            .replace("%2", fmt.quantity(self.saved.quantity, self.saved.unit))
        )


class DeleteDelivery(QUndoCommand):
    """A deleted delivery; undo records it again with the same values."""

    def __init__(self, view: CollectionView, deleted: DeliveryInfo) -> None:
        super().__init__(view.tr("Borrado de %1").replace("%1", deleted.member_code))
        self.view = view
        self.deleted = deleted

    def redo(self) -> None:
        svc.delete_delivery(self.view.db, self.deleted.id)
        self.view.refresh()

    def undo(self) -> None:
        d = self.deleted
        self.deleted = svc.add_delivery(
            self.view.db,
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
        )
        self.view.refresh()


class EditDelivery(QUndoCommand):
    """A corrected delivery; undo puts the old values back."""

    def __init__(self, view: CollectionView, before: DeliveryInfo, after: DeliveryInfo) -> None:
        super().__init__(view.tr("Corrección de %1").replace("%1", before.member_code))
        self.view = view
        self.before = before
        self.after = after
        self.first = True

    def _apply(self, d: DeliveryInfo) -> None:
        svc.update_delivery(self.view.db, d.id, d.quantity, d.reject_reason, d.temperature)
        self.view.refresh()

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class UndoPassThrough(QObject):
    """A line edit claims Ctrl+Z even with nothing of its own to undo; then let the shortcut
    reach the window's «Deshacer entrega» instead."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, QLineEdit)
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
            and not watched.isUndoAvailable()
        ):
            event.ignore()
            return True
        return False


class CollectionView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.day_totals: dict[str, Decimal] = {}  # accepted, per unit
        self.closed_code: str | None = None
        self.ticket_pdf: str | None = None  # print into a PDF file instead (tests)
        self.undo_stack = QUndoStack(self)
        # a save, an undo, a redo, a correction or a deletion: every other screen is told
        self.undo_stack.indexChanged.connect(
            lambda _i: self.runner.announce("deliveries", source=self)
        )
        self.index = shared_index(db, "active")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.day = QDateEdit(dates.today())
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(dates.today())
        self.shift = QComboBox()
        self.shift.addItem(self.tr("Mañana"), "am")
        self.shift.addItem(self.tr("Tarde"), "pm")
        if dates.today() == self.day.date() and _afternoon():
            self.shift.setCurrentIndex(1)
        self.totals = QLabel()
        self.closed = QLabel()
        self.closed.setStyleSheet("color: #a31515; font-weight: bold")
        for w in (QLabel(self.tr("Fecha:")), self.day, QLabel(self.tr("Turno:")), self.shift):
            top.addWidget(w)
        top.addStretch()
        top.addWidget(self.totals)
        layout.addLayout(top)
        from ui.collection.scale_control import ScaleControl

        self.scale = ScaleControl(self.take_weight)
        layout.addWidget(self.scale)
        closed_row = QHBoxLayout()
        closed_row.addWidget(self.closed, 1)
        self.adjust_button = QPushButton(self.tr("Registrar ajuste…"))
        self.adjust_button.clicked.connect(self.adjust)
        closed_row.addWidget(self.adjust_button)
        layout.addLayout(closed_row)
        grid = QGridLayout()
        self.member = MemberField(self.index)
        self.member_name = QLabel()
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(self.tr("Litros"))
        self.unit = QComboBox()
        self.unit.addItems(["L", "kg"])
        self.temperature = QLineEdit()
        self.temperature.setPlaceholderText(self.tr("°C (opcional)"))
        self.density = QLineEdit()
        self.density.setPlaceholderText(self.tr("1.030 (opcional)"))
        self.alcohol = QCheckBox(self.tr("Alcohol positivo"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Motivo de rechazo (vacío: aceptada)"))
        self.save_button = QPushButton(self.tr("Guardar (Enter)"))
        headers = (
            self.tr("Socio"),
            self.tr("Cantidad"),
            "",
            self.tr("Temperatura"),
            self.tr("Densidad"),
            "",
            self.tr("Rechazo"),
            "",
        )
        for col, text in enumerate(headers):
            grid.addWidget(QLabel(text), 0, col)
        widget: QWidget
        for col, widget in enumerate(
            (
                self.member,
                self.quantity,
                self.unit,
                self.temperature,
                self.density,
                self.alcohol,
                self.reason,
                self.save_button,
            )
        ):
            grid.addWidget(widget, 1, col)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(6, 2)
        layout.addLayout(grid)
        self.member_name.setStyleSheet("color: #2d5f8a")
        layout.addWidget(self.member_name)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.model = ShiftModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        tidy(self.table, stretch=2)
        layout.addWidget(self.table)
        self.setTabOrder(self.member, self.quantity)
        self.setTabOrder(self.quantity, self.temperature)
        self.setTabOrder(self.temperature, self.density)
        self.setTabOrder(self.density, self.alcohol)
        self.setTabOrder(self.alcohol, self.reason)
        self.undo_filter = UndoPassThrough(self)
        for edit in (self.member, self.quantity, self.temperature, self.density, self.reason):
            edit.returnPressed.connect(self.save)
            edit.installEventFilter(self.undo_filter)
        self.save_button.clicked.connect(lambda: self.save())
        self.member.editingFinished.connect(self.show_member)
        self.table.doubleClicked.connect(self.edit_row)
        self.table.installEventFilter(self)  # Supr on a row: delete it, once confirmed
        # the undo history is the shown shift's: another day or shift starts a new one, so
        # Ctrl+Z never removes a delivery that is not on screen
        self.day.dateChanged.connect(in_turn(self.undo_stack.clear, self.refresh))
        self.shift.currentIndexChanged.connect(in_turn(self.undo_stack.clear, self.refresh))
        follow(self, self.runner, ("deliveries", "periods"), self.refresh)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

    def said(self, text: str) -> None:
        """A calm note under the fields (what was undone or deleted)."""
        self.error.setStyleSheet("color: #2d5f8a")
        self.error.setText(text)

    def chosen_day(self) -> date:
        qdate = self.day.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def show_member(self) -> None:
        if not self.member.text().strip():
            self.member_name.clear()
            return
        try:
            m = self.index.resolve(self.member.text())
        except CoopError as exc:
            self.member_name.setText(errors.message(exc))
            return
        self.member_name.setText(
            f"{m.code} — {m.full_name}" + (f" ({m.community})" if m.community else "")
        )

    def refresh(self) -> None:
        """Reload the chosen date and shift (after a change of date, shift or an undo)."""
        day = self.chosen_day()
        rows = svc.list_deliveries(self.db, day=day)
        shift = self.shift.currentData()
        self.model.set_rows([d for d in rows if d.shift == shift])
        self.day_totals = _per_unit(d for d in rows if not d.rejected)
        self._totals()
        closed = frozen_by(self.db, day)
        self.closed.setText(
            self.tr(
                "El periodo %1 está cerrado: no se pueden registrar entregas en esta fecha. "
                "Registre un ajuste en el periodo abierto."
            ).replace("%1", closed)
            if closed
            else ""
        )
        self.closed.setVisible(bool(closed))
        self.adjust_button.setVisible(bool(closed))
        self.closed_code = closed

    def edit_row(self, index: QModelIndex) -> None:
        """Correct a delivery of an open period (double-click); undoable."""
        if self.closed_code or not index.isValid():
            return
        from ui.collection.delivery_dialogs import EditDeliveryDialog

        before = self.model.rows[index.row()]
        dialog = EditDeliveryDialog(self.db, before, parent=self)
        if dialog.exec() == EditDeliveryDialog.DialogCode.Accepted and dialog.saved:
            self.undo_stack.push(EditDelivery(self, before, dialog.saved))
            self.refresh()

    def delete_selected(self) -> None:
        """Delete the selected delivery of an open period (Supr), once confirmed; Ctrl+Z
        brings it back."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if self.closed_code or not rows:
            return
        target = self.model.rows[rows[0].row()]
        what = (
            self.tr("la entrega N° %1 de %2 (%3)")
            .replace("%1", str(target.id))
            .replace("%2", f"{target.member_code} {target.member_name}")
            .replace("%3", fmt.quantity(target.quantity, target.unit))
        )
        if not ask(
            self,
            self.tr("Borrar entrega"),
            self.tr("¿Borrar %1?").replace("%1", what),
            self.tr("Borrar"),
            self.tr("No borrar"),
        ):
            return
        try:
            self.undo_stack.push(DeleteDelivery(self, target))
        except CoopError as exc:
            self.error.setText(errors.message(exc))
            return
        self.said(self.tr("Se borró %1. Ctrl+Z la recupera.").replace("%1", what))

    def adjust(self) -> None:
        from ui.collection.delivery_dialogs import AdjustmentDialog

        dialog = AdjustmentDialog(self.db, self.index, self.closed_code or "", parent=self)
        if dialog.exec() == AdjustmentDialog.DialogCode.Accepted:
            self.runner.announce("ledger", source=self)

    def _totals(self) -> None:
        self.table.scrollToBottom()
        shift = _per_unit(d for d in self.model.rows if not d.rejected)
        self.totals.setText(
            self.tr("Turno: %1, %2 · Día: %3")
            .replace(
                "%1", fmt.plural(len(self.model.rows), self.tr("entrega"), self.tr("entregas"))
            )
            .replace("%2", _units(shift))
            .replace("%3", _units(self.day_totals))
        )

    def added(self, saved: DeliveryInfo) -> None:
        """Show a new delivery without reading the day again (a save must take a blink)."""
        row = len(self.model.rows)
        self.model.beginInsertRows(QModelIndex(), row, row)
        self.model.rows.append(saved)
        self.model.endInsertRows()
        if not saved.rejected:
            self.day_totals[saved.unit] = self.day_totals.get(saved.unit, ZERO) + saved.quantity
        self._totals()

    def save(self) -> None:
        """Save the typed row; on any problem keep what was typed and say what is wrong."""
        self.error.setStyleSheet("color: #b00020")
        self.error.clear()
        try:
            member = self.index.resolve(self.member.text())
            args: dict[str, Any] = {
                "member_code": member.code,
                "quantity": self.quantity.text(),
                "unit": self.unit.currentText(),
                "day": self.chosen_day(),
                "shift": self.shift.currentData(),
                "reject_reason": self.reason.text() or None,
                "temperature": self.temperature.text() or None,
                "density": self.density.text() or None,
                "alcohol_positive": True if self.alcohol.isChecked() else None,
            }
            if svc.shift_exists(self.db, member.code, args["day"], args["shift"]) and not ask(
                self,
                self.tr("Entrega repetida"),
                self.tr("%1 ya entregó en este turno. ¿Registrar otra entrega?").replace(
                    "%1", f"{member.code} {member.full_name}"
                ),
                self.tr("Registrar otra entrega"),
                self.tr("No registrar"),
            ):
                self.member.setFocus()
                return
            saved = svc.add_delivery(self.db, **args)
        except CoopError as exc:
            self.error.setText(errors.message(exc))
            widget = {
                "quantity": self.quantity,
                "temperature": self.temperature,
                "density": self.density,
                "reject_reason": self.reason,
            }.get(exc.field or "", self.member)
            widget.setFocus()
            widget.selectAll()
            return
        except Exception as exc:  # a lost connection or a locked file: nothing typed is lost
            self.error.setText(errors.message(exc))
            return
        self.undo_stack.push(SaveDelivery(self, saved, args))
        for edit in (self.member, self.quantity, self.temperature, self.density, self.reason):
            edit.setText("")  # unlike clear(), leaves nothing of the saved row to undo
        self.alcohol.setChecked(False)
        self.member_name.clear()
        self.added(saved)
        self.member.setFocus()
        self.print_ticket(saved)

    def take_weight(self, weight: Decimal) -> None:
        """A steady weight from the scale becomes the quantity, in kg (Enter saves it)."""
        self.unit.setCurrentText("kg")
        self.quantity.setText(formatting.quantity(weight))
        self.quantity.selectAll()

    def print_ticket(self, saved: DeliveryInfo) -> None:
        """Print the ticket on the configured printer, without dialogs. The delivery is
        already saved: a printer problem is said in words (with Reintentar / Guardar PDF /
        Elegir otra) and the ticket can be reprinted later from Documentos."""
        from ui.printing.ticket_printer import print_delivery_ticket

        try:
            where = print_delivery_ticket(self, self.db, saved.id, self.ticket_pdf)
        except Exception as exc:  # the save stands; say why the ticket did not print
            self.error.setText(
                self.tr("Entrega guardada; el ticket no se imprimió: %1").replace(
                    "%1", errors.message(exc)
                )
            )
            return
        if where is None and (self.ticket_pdf is not None or _ticket_printer_set()):
            self.error.setText(self.tr("Entrega guardada; el ticket no se imprimió."))


def _ticket_printer_set() -> bool:
    from ui.printing.ticket_printer import ticket_settings

    return ticket_settings().configured


def _per_unit(deliveries: Iterable[DeliveryInfo]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for d in deliveries:
        totals[d.unit] = totals.get(d.unit, ZERO) + d.quantity
    return totals


def _units(totals: dict[str, Decimal]) -> str:
    """ "120.0 L + 20.0 kg": litres and kilograms are never added together."""
    units = sorted(totals, key=lambda u: (u != "L", u)) or ["L"]
    return " + ".join(
        fmt.quantity(totals.get(u, ZERO).quantize(Decimal("0.1"), ROUND_HALF_UP), u) for u in units
    )


def _afternoon() -> bool:

    return clock.now().hour >= 12

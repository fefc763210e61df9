"""Acopio: the daily collection, typed not clicked. Pick the date and shift once; then for
each delivery type the member (code or part of the name) → Tab → quantity → optional quick
tests and rejection → Enter saves and starts the next row. Ctrl+Z undoes a save, even right
after it (the fields start the next row with no typing history of their own to undo); a
repeated delivery and Supr ask first, with the safe answer as default; a date of another
month is said back before the first save with it.

The shift is read and every delivery written on the op runner: a save dated in a month that
another PC is closing waits there (the row says «Guardando…»), never in the window."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
from coop_desktop.core.numbers import ZERO, D
from coop_desktop.language import formatting
from coop_desktop.services import deliveries as svc
from coop_desktop.services.dto import DeliveryInfo, MemberInfo
from coop_desktop.storage.engine import Database
from ui.collection.delivery_undo import DeleteDelivery, EditDelivery, SaveDelivery
from ui.common import dates, fmt
from ui.common import error_text as errors
from ui.common.changes import follow
from ui.common.confirm import ask
from ui.common.member_lookup import MemberField, shared_index
from ui.common.runner import app_runner
from ui.common.slots import in_turn
from ui.common.tables import Index, RowsModel, tidy


class ShiftModel(RowsModel):
    """The deliveries of the chosen date and shift; the quantities of the column share one
    number of decimals, and a rejection says so, with its reason in a column of its own."""

    def __init__(self) -> None:
        super().__init__([])
        self.rows: list[DeliveryInfo] = []
        self.places = 1
        self.headers = [
            self.tr("N°"),
            self.tr("Código"),
            self.tr("Socio"),
            self.tr("Cantidad"),
            self.tr("Temp."),
            self.tr("Estado"),
            self.tr("Motivo de rechazo"),
        ]

    def set_rows(self, rows: list[DeliveryInfo]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.places = formatting.places_needed((d.quantity for d in rows), 1, 3)
        self.endResetModel()

    def append(self, saved: DeliveryInfo) -> None:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(saved)
        self.endInsertRows()
        places = formatting.places_needed([saved.quantity], self.places, 3)
        if places != self.places:
            self.places = places
            self.dataChanged.emit(self.index(0, 3), self.index(row, 3))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(index.row() + 1),
                d.member_code,
                d.member_name,
                f"{fmt.number(d.quantity, self.places)} {fmt.unit_label(d.unit)}",
                "" if d.temperature is None else f"{fmt.number(d.temperature, 1)} °C",
                self.tr("Rechazada") if d.rejected else self.tr("Aceptada"),
                (d.reject_reason or "") if d.rejected else "",
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and d.rejected:
            from PySide6.QtGui import QColor

            return QColor("#a31515")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 3, 4):
            return fmt.RIGHT
        return None


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
        self.saving = False  # a typed row on its way to the database
        self.loading = 0  # the shift being read (a newer read makes older ones stale)
        self.read_generation = 0
        self.undo_stack = QUndoStack(self)
        self.index = shared_index(db, "active")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.day = dates.DateField()
        self.shift = QComboBox()
        self.shift.addItem(self.tr("Mañana"), "am")
        self.shift.addItem(self.tr("Tarde"), "pm")
        if _afternoon():
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
        self.closed.setVisible(False)
        self.adjust_button.setVisible(False)
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
        tidy(self.table, stretch=6)
        layout.addWidget(self.table)
        self.setTabOrder(self.member, self.quantity)
        self.setTabOrder(self.quantity, self.temperature)
        self.setTabOrder(self.temperature, self.density)
        self.setTabOrder(self.density, self.alcohol)
        self.setTabOrder(self.alcohol, self.reason)
        self.undo_filter = UndoPassThrough(self)
        self.row_fields = (self.member, self.quantity, self.temperature, self.density, self.reason)
        for edit in self.row_fields:
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

    def failed(self, error: BaseException) -> None:
        """A write or a read the runner could not do: said in words, nothing typed lost."""
        self.error.setStyleSheet("color: #b00020")
        self.error.setText(errors.message(error))

    def chosen_day(self) -> date:
        """The date the screen shows (the one committed in the date field)."""
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
        """Read the chosen date and shift again, on the worker (after a change of date,
        shift, an undo, or a write anywhere)."""
        day, shift, db = self.chosen_day(), self.shift.currentData(), self.db
        self.read_generation += 1
        generation = self.read_generation
        self.loading += 1

        def read(_context: object) -> tuple[list[DeliveryInfo], str | None]:
            from coop_desktop.services.closeout.date_rule import frozen_by

            # the closed period that holds the day, or the one a day before it sits behind
            return svc.list_deliveries(db, day=day), frozen_by(db, day)

        def done(found: tuple[list[DeliveryInfo], str | None]) -> None:
            self.loading -= 1
            if generation == self.read_generation:
                self._show_day(*found, shift)

        def failed(error: BaseException) -> None:
            self.loading -= 1
            self.failed(error)

        self.runner.run(read, done, failed)

    def _show_day(self, rows: list[DeliveryInfo], closed: str | None, shift: str) -> None:
        self.model.set_rows([d for d in rows if d.shift == shift])
        self.day_totals = _per_unit(d for d in rows if not d.rejected)
        self._totals()
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
        self.undo_stack.push(DeleteDelivery(self, target))
        self.said(self.tr("Se borró %1. Ctrl+Z la recupera.").replace("%1", what))

    def adjust(self) -> None:
        from ui.collection.delivery_dialogs import AdjustmentDialog

        AdjustmentDialog(self.db, self.index, self.closed_code or "", parent=self).exec()

    def _totals(self) -> None:
        self.table.scrollToBottom()
        shift = _per_unit(d for d in self.model.rows if not d.rejected)
        self.totals.setText(
            self.tr("Turno: %1, %2 · Día: %3")
            .replace("%1", self.tr("%Ln entrega(s)", "", len(self.model.rows)))
            .replace("%2", _units(shift))
            .replace("%3", _units(self.day_totals))
        )

    def added(self, saved: DeliveryInfo) -> None:
        """Show a new delivery without reading the day again (a save must take a blink)."""
        if saved.date == self.chosen_day() and saved.shift == self.shift.currentData():
            self.model.append(saved)
        if not saved.rejected and saved.date == self.chosen_day():
            self.day_totals[saved.unit] = self.day_totals.get(saved.unit, ZERO) + saved.quantity
        self._totals()

    # -- saving a typed row ----------------------------------------------------------------

    def _hold(self, holding: bool) -> None:
        """While a row is being written its fields take no typing (nothing is lost or mixed
        with the next row)."""
        self.saving = holding
        for edit in self.row_fields:
            edit.setReadOnly(holding)
        self.save_button.setEnabled(not holding)
        if holding:
            self.said(self.tr("Guardando…"))

    def _clear_row(self) -> None:
        for edit in self.row_fields:
            edit.setText("")  # unlike clear(), leaves nothing of the saved row to undo
        self.member.forget()
        self.alcohol.setChecked(False)
        self.member_name.clear()
        self.member.setFocus()

    def save(self) -> None:
        """Save the typed row; on any problem keep what was typed and say what is wrong."""
        if self.saving:
            return
        self.error.setStyleSheet("color: #b00020")
        self.error.clear()
        try:
            member = self.index.resolve(self.member.text())
            day = self.day.value()
        except CoopError as exc:
            self._refused(exc)
            return
        if not self.day.confirm_far(self):
            return
        args: dict[str, Any] = {
            "member_code": member.code,
            "quantity": self.quantity.text(),
            "unit": self.unit.currentText(),
            "day": day,
            "shift": self.shift.currentData(),
            "reject_reason": self.reason.text() or None,
            "temperature": self.temperature.text() or None,
            "density": self.density.text() or None,
            "alcohol_positive": True if self.alcohol.isChecked() else None,
        }
        db = self.db
        self._hold(True)
        self.runner.run(
            lambda _c: svc.shift_exists(db, member.code, day, args["shift"]),
            lambda exists: QTimer.singleShot(0, lambda: self._checked(bool(exists), member, args)),
            self._save_failed,
        )

    def _checked(self, exists: bool, member: MemberInfo, args: dict[str, Any]) -> None:
        if exists and not ask(
            self,
            self.tr("Entrega repetida"),
            self.tr("%1 ya entregó en este turno. ¿Registrar otra entrega?").replace(
                "%1", f"{member.code} {member.full_name}"
            ),
            self.tr("Registrar otra entrega"),
            self.tr("No registrar"),
        ):
            self._hold(False)
            self._clear_row()
            self.said(
                self.tr("No se registró la otra entrega de %1.").replace(
                    "%1", f"{member.code} {member.full_name}"
                )
            )
            return
        db = self.db
        self.runner.run(
            lambda _c: svc.add_delivery(db, **args),
            lambda saved: self._saved(saved, args),
            self._save_failed,
            source=self,
        )

    def _saved(self, saved: DeliveryInfo, args: dict[str, Any]) -> None:
        self._hold(False)
        self.error.clear()
        self.undo_stack.push(SaveDelivery(self, saved, args))
        self._clear_row()
        self.added(saved)
        if saved.rejected:
            self.said(
                self.tr("Entrega de %1 registrada como RECHAZADA: %2.")
                .replace("%1", saved.member_code)
                .replace("%2", saved.reject_reason or "")
            )
        self.print_ticket(saved)

    def _save_failed(self, error: BaseException) -> None:
        self._hold(False)
        if isinstance(error, CoopError):
            self._refused(error)
        else:  # a lost connection or a locked file: nothing typed is lost
            self.failed(error)

    def _refused(self, exc: CoopError) -> None:
        self.failed(exc)
        widget: QWidget = {
            "quantity": self.quantity,
            "temperature": self.temperature,
            "density": self.density,
            "reject_reason": self.reason,
            "date": self.day.edit,
        }.get(exc.field or "", self.member)
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

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
        fmt.quantity(totals.get(u, ZERO).quantize(D("0.1"), ROUND_HALF_UP), u) for u in units
    )


def _afternoon() -> bool:

    return clock.now().hour >= 12

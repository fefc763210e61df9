"""Por ruta: the centre's members in route order with their last three deliveries; type a
quantity and Enter saves it and moves to the next member. The tab has its own date and shift
(it starts on Registro's), shown above the table, so it is always clear where the milk goes.

The route is read in the background (members and this shift first, the recent history just
after), so the tab opens at once even over a million deliveries; each quantity is written on
the op runner (the cell says «Guardando…» meanwhile); one that cannot be saved stays in its
cell, marked, with the reason above the table. A quantity still being typed when the tab is
left is committed, not lost."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError
from coop_desktop.services.centres import list_centres
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.routes import RouteStop, recent_quantities, route
from coop_desktop.storage.engine import Database
from ui.collection.collection_view import CollectionView
from ui.common import dates, fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.runner import app_runner
from ui.common.tables import Index, RowsModel, tidy

QUANTITY = 4
RED = QColor("#ffd6d6")


class RouteModel(RowsModel):
    """The stops of a route; only the quantity of a member not yet delivered is editable."""

    def __init__(self, view: RouteView) -> None:
        super().__init__([])
        self.view = view
        self.headers = [
            self.tr("Orden"),
            self.tr("Código"),
            self.tr("Socio"),
            self.tr("Últimas entregas"),
            self.tr("Cantidad (L)"),
            self.tr("Estado"),
        ]
        self.rows: list[RouteStop] = []
        self.typed: dict[int, str] = {}  # refused text, kept in its cell
        self.pending: dict[int, str] = {}  # typed text being saved
        self.history_loaded = False

    def set_rows(self, rows: list[RouteStop]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.typed = {}
        self.pending = {}
        self.history_loaded = False
        self.endResetModel()

    def set_history(self, recent: dict[int, tuple[Decimal, ...]]) -> None:
        self.rows = [replace(s, last=recent.get(s.member.id, ())) for s in self.rows]
        self.history_loaded = True
        if self.rows:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self.rows) - 1, 3))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        row = index.row()
        if (
            index.column() == QUANTITY
            and self.rows[row].this_shift is None
            and row not in self.pending
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        stop = self.rows[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 3, QUANTITY):
            return fmt.RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and col == QUANTITY and row in self.typed:
            return RED
        if role == Qt.ItemDataRole.ForegroundRole and col == 5 and stop.rejected:
            return QColor("#a31515")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        m = stop.member
        if col == 0:
            return str(m.route_order or "")
        if col == 1:
            return m.code
        if col == 2:
            return m.full_name
        if col == 3:
            return " · ".join(fmt.quantity(q) for q in stop.last)
        if col == QUANTITY:
            if row in self.typed:
                return self.typed[row]
            if row in self.pending:
                return self.pending[row]
            return "" if stop.this_shift is None else fmt.quantity(stop.this_shift)
        if row in self.pending:
            return self.tr("Guardando…")
        if stop.this_shift is None:
            return ""
        return self.tr("Rechazada") if stop.rejected else self.tr("Registrada")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != QUANTITY:
            return False
        text = str(value or "").strip()
        row = index.row()
        self.typed.pop(row, None)
        if text:
            self.pending[row] = text
            self.view.save(self.rows[row], text)
        self.changed(row)
        return True

    def changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))

    def row_of(self, stop: RouteStop) -> int | None:
        """Where a member is now (the route may have been read again meanwhile)."""
        return next((r for r, s in enumerate(self.rows) if s.member.id == stop.member.id), None)

    def saved(self, stop: RouteStop, quantity: Decimal, rejected: bool) -> None:
        row = self.row_of(stop)
        if row is None:
            return
        self.pending.pop(row, None)
        self.rows[row] = replace(self.rows[row], this_shift=quantity, rejected=rejected)
        self.changed(row)

    def refused(self, stop: RouteStop, text: str) -> None:
        row = self.row_of(stop)
        if row is None:
            return
        self.pending.pop(row, None)
        self.typed[row] = text
        self.changed(row)


class RouteTable(QTableView):
    """The route's table; a cell being typed is committed when the tab is left."""

    def commit_editing(self) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = QApplication.focusWidget()
        if editor is not None and self.isAncestorOf(editor):
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class RouteView(QWidget):
    def __init__(
        self, db: Database, collection: CollectionView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.generation = 0  # a newer request makes older answers stale
        self.loading = False
        self.stale = False
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.centre = QComboBox()
        self.day = dates.DateField(collection.day.date())  # its own, starting on Registro's
        self.shift = QComboBox()
        self.shift.addItem(self.tr("Mañana"), "am")
        self.shift.addItem(self.tr("Tarde"), "pm")
        self.shift.setCurrentIndex(max(0, self.shift.findData(collection.shift.currentData())))
        top.addWidget(QLabel(self.tr("Centro de acopio:")))
        top.addWidget(self.centre, 1)
        for w in (QLabel(self.tr("Fecha:")), self.day, QLabel(self.tr("Turno:")), self.shift):
            top.addWidget(w)
        layout.addLayout(top)
        self.where = QLabel()  # where the quantities go, in words
        layout.addWidget(self.where)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.model = RouteModel(self)
        self.table = RouteTable()
        self.table.setModel(self.model)
        tidy(self.table, stretch=2)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # no scan of rows
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 60), (1, 80), (3, 190), (QUANTITY, 110), (5, 110)):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table)
        self.centre.currentIndexChanged.connect(lambda _i: self.refresh())
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.shift.currentIndexChanged.connect(lambda _i: self.refresh())
        # each centre is listed with its members' count: a route is kept on the members
        follow(self, self.runner, ("centres", "members"), self.fill_centres)
        follow(self, self.runner, ("members", "deliveries", "periods"), self.refresh)
        self.fill_centres()

    @property
    def stops(self) -> list[RouteStop]:
        return self.model.rows

    def chosen_day(self) -> date:
        qdate = self.day.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def hideEvent(self, event: Any) -> None:
        self.table.commit_editing()  # a quantity typed and not yet entered is saved
        super().hideEvent(event)

    def fill_centres(self) -> None:
        """The centres, read on the worker."""
        db = self.db
        self.runner.run(lambda _c: list_centres(db), self._centres_read, self._failed)

    def _centres_read(self, centres: list[Any]) -> None:
        current = self.centre.currentData()
        self.centre.blockSignals(True)
        self.centre.clear()
        for c in centres:
            self.centre.addItem(
                self.tr("%1 — %2 (%3)")
                .replace("%1", c.code)
                .replace("%2", c.name)
                .replace("%3", self.tr("%Ln socio(s)", "", c.members)),
                c.id,
            )
        self.centre.setCurrentIndex(max(0, self.centre.findData(current)))
        self.centre.blockSignals(False)
        if not self.centre.count():
            self.error.setText(
                self.tr(
                    "No hay centros de acopio todavía: créelos en la pestaña «Centros y rutas»."
                )
            )
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.error.setText(message(error))

    def refresh(self) -> None:
        """Read the route again in the background: members first, then their history."""
        self.stale = False
        self.generation += 1
        generation = self.generation
        centre_id = self.centre.currentData()
        day, shift = self.chosen_day(), self.shift.currentData()
        self.where.setText(
            self.tr("Se registra en: %1, turno de %2.")
            .replace("%1", fmt.long_day(day))
            .replace("%2", self.shift.currentText().lower())
        )
        far = self.day.far()  # another month: said in amber, before anything is typed
        self.where.setStyleSheet(
            "font-weight: bold; "
            + ("background: #fff1c2; color: #7a4f00" if far else "color: #2d5f8a")
        )
        if centre_id is None:
            self.model.set_rows([])
            return
        db = self.db
        self.loading = True

        def show(stops: list[RouteStop]) -> None:
            if generation != self.generation:
                return
            self.loading = False
            self.model.set_rows(stops)
            self.focus_next(0)
            self.runner.run(
                lambda _c: recent_quantities(db, centre_id, day, shift),
                lambda recent: (
                    self.model.set_history(recent) if generation == self.generation else None
                ),
                lambda _e: None,
            )

        self.runner.run(
            lambda _c: route(db, centre_id, day, shift, history=False), show, self._failed
        )

    def showEvent(self, event: Any) -> None:
        if self.stale:
            QTimer.singleShot(0, self.refresh)
        super().showEvent(event)

    def focus_next(self, start: int) -> None:
        rows = self.model.rows
        for row in range(start, len(rows)):
            if rows[row].this_shift is None and row not in self.model.pending:
                index = self.model.index(row, QUANTITY)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return

    def save(self, stop: RouteStop, text: str) -> None:
        """Save a typed quantity (the model asks) on the op runner, and move on to the next
        member at once; a refusal is said above the table and the text stays in its cell."""
        self.error.clear()
        db, day, shift = self.db, self.chosen_day(), self.shift.currentData()
        centre_id = self.centre.currentData()

        def done(saved: Any) -> None:
            self.model.saved(stop, saved.quantity, saved.rejected)

        def failed(error: BaseException) -> None:
            self.model.refused(stop, text)
            said = message(error)
            self.error.setText(
                f"{stop.member.code}: {said}" if isinstance(error, CoopError) else said
            )

        self.runner.run(
            lambda _c: add_delivery(
                db, stop.member.code, text, "L", day, shift, centre_id=centre_id
            ),
            done,
            failed,
            source=self,
        )
        row = self.model.row_of(stop) or 0
        next_row = QPersistentModelIndex(self.model.index(row + 1, QUANTITY))
        QTimer.singleShot(0, lambda: self.focus_next(next_row.row() if next_row.isValid() else 0))

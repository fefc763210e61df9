"""Por ruta: the centre's members in route order with their last three deliveries; type a
quantity and Enter saves it and moves to the next member.

The route is read in the background (members and this shift first, the recent history just
after), so the tab opens at once even over a million deliveries; a quantity that cannot be
saved stays in its cell, marked, with the reason above the table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from ui.common import fmt
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
        self.history_loaded = False

    def set_rows(self, rows: list[RouteStop]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.typed = {}
        self.history_loaded = False
        self.endResetModel()

    def set_history(self, recent: dict[int, tuple[Decimal, ...]]) -> None:
        self.rows = [
            RouteStop(s.member, recent.get(s.member.id, ()), s.this_shift) for s in self.rows
        ]
        self.history_loaded = True
        if self.rows:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self.rows) - 1, 3))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == QUANTITY and self.rows[index.row()].this_shift is None:
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
            return "" if stop.this_shift is None else fmt.quantity(stop.this_shift)
        return self.tr("Registrada") if stop.this_shift is not None else ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != QUANTITY:
            return False
        text = str(value or "").strip()
        row = index.row()
        if not text:
            self.typed.pop(row, None)
            return True
        saved = self.view.save(self.rows[row], text)
        if saved is None:
            self.typed[row] = text
        else:
            self.typed.pop(row, None)
            self.rows[row] = RouteStop(self.rows[row].member, self.rows[row].last, saved)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))
        return saved is not None


class RouteView(QWidget):
    def __init__(
        self, db: Database, collection: CollectionView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.collection = collection  # shares its date and shift
        self.generation = 0  # a newer request makes older answers stale
        self.loading = False
        self.stale = False
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.centre = QComboBox()
        top.addWidget(QLabel(self.tr("Centro de acopio:")))
        top.addWidget(self.centre, 1)
        layout.addLayout(top)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.model = RouteModel(self)
        self.table = QTableView()
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
        collection.day.dateChanged.connect(lambda _d: self._later())
        collection.shift.currentIndexChanged.connect(lambda _i: self._later())
        follow(self, self.runner, ("centres",), self.fill_centres)
        follow(self, self.runner, ("members", "deliveries", "periods"), self.refresh)
        self.fill_centres()

    @property
    def stops(self) -> list[RouteStop]:
        return self.model.rows

    def _later(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self.generation += 1
            self.stale = True

    def fill_centres(self) -> None:
        current = self.centre.currentData()
        self.centre.blockSignals(True)
        self.centre.clear()
        for c in list_centres(self.db):
            self.centre.addItem(
                self.tr("%1 — %2 (%3)")
                .replace("%1", c.code)
                .replace("%2", c.name)
                .replace("%3", fmt.plural(c.members, self.tr("socio"), self.tr("socios"))),
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

    def refresh(self) -> None:
        """Read the route again in the background: members first, then their history."""
        self.stale = False
        self.generation += 1
        generation = self.generation
        centre_id = self.centre.currentData()
        if centre_id is None:
            self.model.set_rows([])
            return
        db, day, shift = self.db, self.collection.chosen_day(), self.collection.shift.currentData()
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

        def failed(error: BaseException) -> None:
            self.loading = False
            self.error.setText(message(error))

        self.runner.run(lambda _c: route(db, centre_id, day, shift, history=False), show, failed)

    def showEvent(self, event: Any) -> None:
        if self.stale:
            QTimer.singleShot(0, self.refresh)
        super().showEvent(event)

    def focus_next(self, start: int) -> None:
        for row in range(start, len(self.model.rows)):
            if self.model.rows[row].this_shift is None:
                index = self.model.index(row, QUANTITY)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return

    def save(self, stop: RouteStop, text: str) -> Decimal | None:
        """Save a typed quantity (the model asks); on a refusal say why and keep it."""
        self.error.clear()
        try:
            saved = add_delivery(
                self.db,
                stop.member.code,
                text,
                "L",
                self.collection.chosen_day(),
                self.collection.shift.currentData(),
                centre_id=self.centre.currentData(),
            )
        except CoopError as exc:
            self.error.setText(f"{stop.member.code}: {message(exc)}")
            return None
        except Exception as exc:  # nothing typed is lost
            self.error.setText(message(exc))
            return None
        self.runner.announce("deliveries", source=self)
        row = self.model.rows.index(stop)
        next_row = QPersistentModelIndex(self.model.index(row + 1, QUANTITY))
        QTimer.singleShot(0, lambda: self.focus_next(next_row.row() if next_row.isValid() else 0))
        return saved.quantity

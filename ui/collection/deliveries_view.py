"""Todas las entregas: every delivery, newest first, in a lazy table: pages are read in the
background as the user scrolls (canFetchMore/fetchMore), so a million deliveries open at
once. Filters (member, shift, state, from a date) and a jump to any date restart the list on
the same keyset, so reaching the oldest row is one jump, not thousands of Ctrl+End."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError
from coop_desktop.language import formatting
from coop_desktop.services.deliveries import DeliveryFilter, browse_deliveries, count_filtered
from coop_desktop.services.dto import DeliveryInfo
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.export_dialog import export_button
from ui.common.member_lookup import MemberField, shared_index
from ui.common.runner import app_runner
from ui.common.tables import Index, RowsModel, tidy

PAGE = 500


class LazyDeliveries(RowsModel):
    """Pages of `browse_deliveries`, read on the op runner; a new filter starts over (and
    answers to an older filter are dropped)."""

    def __init__(self, db: Database) -> None:
        super().__init__([])
        self.db = db
        self.runner = app_runner()
        self.rows: list[DeliveryInfo] = []
        self.filter = DeliveryFilter()
        self.done = False
        self.loading = False
        self.generation = 0
        self.failed: str = ""
        self.places = 1  # the quantities' decimals: as many as the most precise one read
        self.headers = [
            self.tr("N° entrega"),
            self.tr("Fecha"),
            self.tr("Turno"),
            self.tr("Código"),
            self.tr("Socio"),
            self.tr("Cantidad"),
            self.tr("Estado"),
        ]
        self.shifts = {"am": self.tr("mañana"), "pm": self.tr("tarde")}

    def start(self, f: DeliveryFilter) -> None:
        self.generation += 1
        self.beginResetModel()
        self.filter = f
        self.rows = []
        self.places = 1
        self.done = False
        self.loading = False
        self.failed = ""
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self.done and not self.loading

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self.done or self.loading:
            return
        last = self.rows[-1] if self.rows else None
        after = None if last is None else (last.date, last.shift, last.id)
        db, f, generation = self.db, self.filter, self.generation
        self.loading = True
        self.runner.run(
            lambda _c: browse_deliveries(db, f, after, PAGE),
            lambda page: self._arrived(generation, page),
            lambda error: self._failed(generation, error),
        )

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self.generation:
            self.loading = False
            self.done = True
            self.failed = message(error)

    def _arrived(self, generation: int, page: list[DeliveryInfo]) -> None:
        if generation != self.generation:
            return
        self.loading = False
        if len(page) < PAGE:
            self.done = True
        if page:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()
            places = formatting.places_needed((d.quantity for d in page), self.places, 3)
            if places != self.places:  # one rule for the whole column
                self.places = places
                self.dataChanged.emit(self.index(0, 5), self.index(len(self.rows) - 1, 5))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 5):
            return fmt.RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and d.rejected:
            return QColor("#a31515")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        status = (
            (self.tr("Rechazada: ") + (d.reject_reason or ""))
            if d.rejected
            else (self.tr("Aceptada"))
        )
        return (
            str(d.id),
            fmt.day(d.date),
            self.shifts.get(d.shift, d.shift),
            d.member_code,
            d.member_name,
            f"{fmt.number(d.quantity, self.places)} {fmt.unit_label(d.unit)}",
            status,
        )[col]


class DeliveriesView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.index = shared_index(db)
        self.member = MemberField(self.index)
        self.member.setPlaceholderText(self.tr("Socio (todos)"))
        self.member.returnPressed.connect(self.apply)
        self.shift = QComboBox()
        self.shift.addItem(self.tr("Ambos turnos"), None)
        self.shift.addItem(self.tr("Mañana"), "am")
        self.shift.addItem(self.tr("Tarde"), "pm")
        self.state = QComboBox()
        self.state.addItem(self.tr("Aceptadas y rechazadas"), None)
        self.state.addItem(self.tr("Solo aceptadas"), "accepted")
        self.state.addItem(self.tr("Solo rechazadas"), "rejected")
        self.use_since = QCheckBox(self.tr("Desde:"))
        self.since = dates.DateField(dates.today().addMonths(-1), field="since", marks_far=False)
        self.until = dates.DateField(field="until", marks_far=False)
        self.jump_button = QPushButton(self.tr("Ir a la fecha"))
        self.jump_button.setToolTip(self.tr("Muestra las entregas de esa fecha hacia atrás"))
        self.clear_button = QPushButton(self.tr("Quitar filtros"))
        for w in (
            self.member,
            self.shift,
            self.state,
            self.use_since,
            self.since,
            QLabel(self.tr("Hasta:")),
            self.until,
            self.jump_button,
            self.clear_button,
        ):
            bar.addWidget(w)
        bar.setStretch(0, 1)
        layout.addLayout(bar)
        self.count = QLabel()
        count_row = QHBoxLayout()
        count_row.addWidget(self.count, 1)
        self.export_button = export_button(
            self, db, "deliveries", lambda: clock.today().strftime("%Y-%m")
        )
        count_row.addWidget(self.export_button)
        layout.addLayout(count_row)
        self.model = LazyDeliveries(db)
        self.table = QTableView()
        self.table.setModel(self.model)
        tidy(self.table, stretch=4)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # no scan of all rows
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 90), (1, 95), (2, 80), (3, 80), (5, 95), (6, 230)):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table)
        self.shift.activated.connect(lambda _i: self.apply())
        self.state.activated.connect(lambda _i: self.apply())
        self.use_since.toggled.connect(lambda _on: self.apply())
        self.jump_button.clicked.connect(lambda: self.apply())
        self.clear_button.clicked.connect(lambda: self.clear_filters())
        self.until.dateChanged.connect(lambda _d: self.apply())
        self.since.dateChanged.connect(lambda _d: self.apply())
        self.until.edit.returnPressed.connect(self.apply)
        follow(self, self.runner, ("deliveries", "members"), self.apply)
        self.apply()

    def current_filter(self) -> DeliveryFilter:
        since = dates.pydate(self.since) if self.use_since.isChecked() else None
        until = dates.pydate(self.until)
        member = self.member.text().strip()
        code = None
        if member:
            try:
                code = self.index.resolve(member).code
            except Exception:  # the service names the unknown member
                code = member.split(" ")[0]
        return DeliveryFilter(
            until=until if isinstance(until, date) else None,
            since=since if isinstance(since, date) else None,
            member_code=code,
            shift=self.shift.currentData(),
            state=self.state.currentData(),
        )

    def jump_to(self, day: date) -> None:
        """Show the deliveries of `day` and older, first row first."""
        self.until.blockSignals(True)
        self.until.setDate(day)
        self.until.blockSignals(False)
        self.apply()

    def clear_filters(self) -> None:
        self.member.setText("")
        self.shift.setCurrentIndex(0)
        self.state.setCurrentIndex(0)
        self.use_since.setChecked(False)
        self.until.setDate(dates.today())
        self.apply()

    def apply(self) -> None:
        """Start the list over with the filter as it is now, and count what it matches."""
        try:
            f = self.current_filter()
        except CoopError as exc:  # a date that is not one: said, the list kept
            self.count.setText(message(exc))
            return
        self.model.start(f)
        self.table.scrollToTop()
        db = self.db
        self.count.setText(self.tr("Contando…"))

        def counted(n: int) -> None:
            if f == self.model.filter:
                self.count.setText(
                    self.tr("%Ln entrega(s)", "", n)
                    + (self.tr(" con estos filtros") if f != DeliveryFilter(until=f.until) else "")
                )

        def failed(error: BaseException) -> None:
            if f == self.model.filter:
                self.count.setText(message(error))

        self.runner.run(lambda _c: count_filtered(db, f), counted, failed)

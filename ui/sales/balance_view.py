"""Balance: the daily milk balance as a grid, days down and centres across, each cell the
day's shrinkage in litres and %; a day above the association's threshold is amber (the
threshold is set here). Double-clicking a cell opens that centre's deliveries and dispatches
of the day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError
from coop_desktop.domain.sales.balance import BalanceRow
from coop_desktop.services.sales.balance import (
    BalanceReport,
    balance_report,
    centre_day,
    set_threshold,
    threshold,
)
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.runner import app_runner

AMBER = QColor("#f5c451")
CELL_ROLE = Qt.ItemDataRole.UserRole


class BalanceView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.report: BalanceReport | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        today = clock.today()
        self.start = dates.DateField(today.replace(day=1), marks_far=False)  # a range
        self.end = dates.DateField(today, marks_far=False)
        self.show_button = QPushButton(self.tr("Mostrar"))
        self.show_button.clicked.connect(lambda: self.reload())
        row.addWidget(QLabel(self.tr("Desde:")))
        row.addWidget(self.start)
        row.addWidget(QLabel(self.tr("Hasta:")))
        row.addWidget(self.end)
        row.addWidget(self.show_button)
        row.addStretch()
        self.threshold = QLineEdit(fmt.number(threshold(db), 1))
        self.threshold.setMaximumWidth(60)
        self.threshold_button = QPushButton(self.tr("Fijar umbral"))
        self.threshold_button.clicked.connect(lambda: self.set_threshold())
        row.addWidget(QLabel(self.tr("Umbral de merma (%):")))
        row.addWidget(self.threshold)
        row.addWidget(self.threshold_button)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.grid = QTableWidget(0, 0)
        self.grid.cellDoubleClicked.connect(self.open_day)
        layout.addWidget(self.grid, 1)
        follow(self, self.runner, ("sales", "deliveries"), self.reload)
        self.reload()

    def set_threshold(self) -> None:
        try:
            value = set_threshold(self.db, self.threshold.text())
        except CoopError as exc:
            self.summary.setText(message(exc))
            return
        self.threshold.setText(fmt.number(value, 1))
        self.runner.announce_writes(source=self)
        self.reload()

    def set_range(self, start: date, end: date) -> None:
        self.start.setDate(start)
        self.end.setDate(end)

    def reload(self) -> None:
        """Read the balance again; only the latest reading is shown (an earlier one still on
        its way, read with the old threshold or range, is dropped when it arrives)."""
        start, end = dates.pydate(self.start), dates.pydate(self.end)
        self.runner.run(
            lambda _c: balance_report(self.db, start, end),
            self.show_report,
            lambda exc: self.summary.setText(message(exc)),
            latest=self,
        )

    def show_report(self, report: BalanceReport) -> None:
        self.report = report
        centres = sorted({r.centre for r in report.rows})
        days: list[date] = []
        day = report.start
        while day <= report.end:
            days.append(day)
            day += timedelta(days=1)
        cells: dict[tuple[date, str], BalanceRow] = {
            (r.day, r.centre): r for r in report.rows if r.day is not None
        }
        self.grid.clear()
        self.grid.setColumnCount(len(centres))
        self.grid.setRowCount(len(days))
        self.grid.setHorizontalHeaderLabels(centres)
        self.grid.setVerticalHeaderLabels([fmt.day(d) for d in days])
        for i, d in enumerate(days):
            for j, centre in enumerate(centres):
                r = cells.get((d, centre))
                text = "" if r is None else self.cell_text(r)
                item = QTableWidgetItem(text)
                item.setData(CELL_ROLE, (d.isoformat(), centre))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r is not None and r.amber:
                    item.setBackground(QBrush(AMBER))
                self.grid.setItem(i, j, item)
        t = report.total
        self.summary.setText(
            self.tr(
                "Entró %1, salió %2; merma %3 (%4). Tránsito %5. Días en ámbar (más de %6): %7."
            )
            .replace("%1", fmt.litres(t.in_l))
            .replace("%2", fmt.litres(t.dispatched_l + t.local_sales_l + t.closing_l))
            .replace("%3", fmt.litres(t.shrinkage_l))
            .replace("%4", "—" if t.shrinkage_pct is None else fmt.number(t.shrinkage_pct) + " %")
            .replace("%5", fmt.litres(t.transit_l))
            .replace("%6", fmt.number(report.threshold, 1) + " %")
            .replace("%7", str(report.amber_days))
        )

    def cell_text(self, r: BalanceRow) -> str:
        pct = "—" if r.shrinkage_pct is None else fmt.number(r.shrinkage_pct) + " %"
        return f"{fmt.number(r.shrinkage_l, 1)} L  {pct}"

    def open_day(self, row: int, column: int) -> None:
        item = self.grid.item(row, column)
        if item is None or not item.text():
            return
        iso, centre = item.data(CELL_ROLE)
        DayRows(self.db, date.fromisoformat(iso), centre, self).exec()


class DayRows(QDialog):
    """One centre's day: its deliveries and its dispatches."""

    def __init__(self, db: Database, day: date, centre: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("%1 — %2").replace("%1", centre).replace("%2", fmt.day(day)))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        deliveries, shipped = centre_day(db, day, centre)
        layout.addWidget(
            QLabel(self.tr("<b>Entregas</b> (%1)").replace("%1", str(len(deliveries))))
        )
        self.deliveries = self._table(
            [self.tr("Socio"), self.tr("Turno"), self.tr("Cantidad"), self.tr("Estado")],
            [
                (
                    f"{d.member_code} {d.member_name}",
                    fmt.word(d.shift),
                    fmt.quantity(d.quantity, d.unit),
                    self.tr("rechazada") if d.rejected else self.tr("aceptada"),
                )
                for d in deliveries
            ],
        )
        layout.addWidget(self.deliveries, 2)
        layout.addWidget(QLabel(self.tr("<b>Despachos</b> (%1)").replace("%1", str(len(shipped)))))
        self.dispatches = self._table(
            [self.tr("Guía"), self.tr("Comprador"), self.tr("Enviado"), self.tr("Recibido")],
            [
                (
                    d.guide,
                    d.buyer_name,
                    fmt.quantity(d.quantity, d.unit),
                    ""
                    if d.reception is None
                    else fmt.quantity(d.reception.quantity, d.reception.unit),
                )
                for d in shipped
            ],
        )
        layout.addWidget(self.dispatches, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _table(self, headers: list[str], rows: list[tuple[Any, ...]]) -> QTableWidget:
        table = QTableWidget(len(rows), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setStretchLastSection(True)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                table.setItem(i, j, QTableWidgetItem(str(text)))
        return table

"""Indicadores: the indicator report on screen for any range and grouping, against an optional
baseline, with charts (QtCharts), saved as PDF for the assembly or XLSX for the project.

The figures are the service's (`services.indicators`), computed in the background through the
op runner, and written through the one formatter; the screen only lays them out."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError
from coop_desktop.documents.indicator_labels import (
    GROUP_COLUMNS,
    SECTIONS,
    label,
    provisional_text,
    range_text,
    section_title,
    short,
    shown,
    shown_change,
)
from coop_desktop.domain.indicator_report import IndicatorReport
from coop_desktop.language.formatting import unit_price
from coop_desktop.services.indicators import indicators, reference_price, report_file
from coop_desktop.storage.engine import Database
from ui.common import dates
from ui.common.error_text import message
from ui.common.runner import app_runner
from ui.common.tables import tidy

if TYPE_CHECKING:
    from PySide6.QtCharts import QChartView


class IndicatorsView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None, lang: str = "es") -> None:
        super().__init__(parent)
        self.db = db
        self.lang = lang
        self.runner = app_runner()
        self.report: IndicatorReport | None = None
        self.plots: dict[str, QChartView] = {}
        layout = QVBoxLayout(self)
        today = clock.today()
        self.start = dates.DateField(date(today.year, 1, 1), field="start", marks_far=False)
        self.end = dates.DateField(today, field="end", marks_far=False)
        self.by = QComboBox()
        for key, text in (
            ("", self.tr("Sin agrupar")),
            ("district", self.tr("Distrito")),
            ("community", self.tr("Comunidad")),
            ("centre", self.tr("Centro de acopio")),
            ("gender", self.tr("Sexo")),
            ("practice", self.tr("Prácticas")),
        ):
            self.by.addItem(text, key)
        self.by.setCurrentIndex(1)
        self.with_baseline = QCheckBox(self.tr("Línea base"))
        self.base_start = dates.DateField(
            date(today.year - 1, 1, 1), field="start", marks_far=False
        )
        self.base_end = dates.DateField(date(today.year - 1, 12, 31), field="end", marks_far=False)
        self.reference = QLineEdit()
        self.reference.setMaximumWidth(90)
        self.run_button = QPushButton(self.tr("Calcular"))
        self.pdf_button = QPushButton(self.tr("Guardar PDF…"))
        self.xlsx_button = QPushButton(self.tr("Guardar Excel…"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b")
        self.notice = QLabel()
        first = QHBoxLayout()
        for widget in (
            QLabel(self.tr("Desde")),
            self.start,
            QLabel(self.tr("hasta")),
            self.end,
            QLabel(self.tr("Agrupar por")),
            self.by,
            QLabel(self.tr("Referencia S/ por kg")),
            self.reference,
            self.run_button,
        ):
            first.addWidget(widget)
        first.addWidget(self.error, 1)
        second = QHBoxLayout()
        for other in (self.with_baseline, self.base_start, QLabel(self.tr("a")), self.base_end):
            second.addWidget(other)
        second.addWidget(self.notice, 1)
        second.addWidget(self.pdf_button)
        second.addWidget(self.xlsx_button)
        layout.addLayout(first)
        layout.addLayout(second)
        self.summary = QLabel(self.tr("Elija el rango y pulse Calcular."))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.figures = QTableWidget(0, 5)
        self.groups = QTableWidget(0, 1 + len(GROUP_COLUMNS))
        self._build_tabs()
        self.run_button.clicked.connect(self.calculate)
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.save("xlsx"))
        self.with_baseline.toggled.connect(self._baseline_toggled)
        self._baseline_toggled(False)
        self._set_exportable(False)
        db_ = db
        self.runner.run(
            lambda _c: reference_price(db_),
            lambda price: self.reference.setText(unit_price(price, lang)),
            self._failed,
        )

    def _build_tabs(self) -> None:
        from ui.home.chart_parts import chart_view

        summary = QSplitter(Qt.Orientation.Horizontal)
        self.figures.setHorizontalHeaderLabels(
            [self.tr("Indicador"), self.tr("Rango"), self.tr("Línea base"), self.tr("Cambio"), "%"]
        )
        tidy(self.figures, 0)
        summary.addWidget(self.figures)
        charts = QWidget()
        grid = QVBoxLayout(charts)
        grid.setContentsMargins(0, 0, 0, 0)
        for key, title in (
            ("litres", self.tr("Litros por periodo (claro: provisional)")),
            ("price", self.tr("Precio pagado por kg y referencia")),
        ):
            self.plots[key] = chart_view(title)
            grid.addWidget(self.plots[key])
        summary.addWidget(charts)
        summary.setSizes([560, 520])
        self.tabs.addTab(summary, self.tr("Resumen"))
        groups = QSplitter(Qt.Orientation.Vertical)
        tidy(self.groups, 0)
        groups.addWidget(self.groups)
        charts_row = QWidget()  # as tall as the groups need (their names all read), scrolled
        row = QGridLayout(charts_row)
        row.setContentsMargins(0, 0, 0, 0)
        for column, (key, title) in enumerate(
            (
                ("group_litres", self.tr("Litros por productor y día de entrega")),
                ("group_price", self.tr("Precio pagado por kg")),
            )
        ):
            self.plots[key] = chart_view(title)
            row.addWidget(self.plots[key], 0, column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(charts_row)
        groups.addWidget(scroll)
        groups.setSizes([300, 300])
        self.tabs.addTab(groups, self.tr("Por grupo"))

    def _baseline_toggled(self, on: bool) -> None:
        self.base_start.setEnabled(on)
        self.base_end.setEnabled(on)

    def _set_exportable(self, on: bool) -> None:
        self.pdf_button.setEnabled(on)
        self.xlsx_button.setEnabled(on)

    def calculate(self) -> None:
        db = self.db
        try:
            start, end = dates.pydate(self.start), dates.pydate(self.end)
            baseline = (
                (dates.pydate(self.base_start), dates.pydate(self.base_end))
                if self.with_baseline.isChecked()
                else None
            )
        except CoopError as exc:
            self._failed(exc)
            return
        by = [str(self.by.currentData())] if self.by.currentData() else []
        typed = self.reference.text().strip() or None
        self.error.clear()
        self.notice.clear()
        self.run_button.setEnabled(False)
        self.runner.run(
            lambda _c: indicators(db, start, end, by=by, baseline=baseline, reference=typed),
            self.show_report,
            self._failed,
            label=self.tr("Calculando indicadores…"),
            parent=self,
        )

    def _failed(self, error: BaseException) -> None:
        self.run_button.setEnabled(True)
        self.error.setText(message(error, self.lang))

    def show_report(self, report: IndicatorReport) -> None:
        self.report = report
        self.run_button.setEnabled(True)
        self._set_exportable(True)
        lang = self.lang
        lines = [range_text(report.current, lang)]
        if report.baseline is not None:
            lines.append(self.tr("Línea base: %1").replace("%1", range_text(report.baseline, lang)))
        lines.append(provisional_text(report, lang))
        self.summary.setText("\n".join(lines))
        self._fill_figures(report)
        self._fill_groups(report)
        from ui.home.indicator_plots import draw

        draw(self.plots, report, self.lang)

    def _fill_figures(self, report: IndicatorReport) -> None:
        lang = self.lang
        rows: list[tuple[str, list[str]]] = []
        for title, keys in SECTIONS:
            rows.append(("section", [section_title(title, lang)]))
            for key in keys:
                cells = [label(key, lang), shown(key, report.current.figures[key], lang)]
                if report.baseline is not None and report.change is not None:
                    cells.append(shown(key, report.baseline.figures[key], lang))
                    cells += shown_change(key, report.change[key], lang)
                rows.append((key, cells))
        self.figures.setRowCount(len(rows))
        self.figures.setColumnHidden(2, report.baseline is None)
        self.figures.setColumnHidden(3, report.baseline is None)
        self.figures.setColumnHidden(4, report.baseline is None)
        for r, (key, cells) in enumerate(rows):
            for c in range(5):
                item = QTableWidgetItem(cells[c] if c < len(cells) else "")
                if key == "section":
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(QColor("#e8edf2"))
                elif c > 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setData(Qt.ItemDataRole.UserRole, key)
                self.figures.setItem(r, c, item)

    def _fill_groups(self, report: IndicatorReport) -> None:
        lang = self.lang
        groups = report.groups
        self.groups.setHorizontalHeaderLabels(
            [self.tr("Grupo")] + [short(k, lang) for k in GROUP_COLUMNS]
        )
        self.groups.setRowCount(len(groups))
        for r, g in enumerate(groups):
            self.groups.setItem(r, 0, QTableWidgetItem(g.label(lang)))
            for c, key in enumerate(GROUP_COLUMNS, start=1):
                item = QTableWidgetItem(shown(key, g.figures[key], lang))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.groups.setItem(r, c, item)

    def save(self, kind: str, path: str | None = None) -> None:
        """Save the report on screen as PDF or XLSX (built in the background)."""
        report = self.report
        if report is None:
            return
        if path is None:
            pattern = "PDF (*.pdf)" if kind == "pdf" else "Excel (*.xlsx)"
            name = (
                f"{self.tr('indicadores')}-{report.current.start:%Y%m%d}-"
                f"{report.current.end:%Y%m%d}.{kind}"
            )
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Guardar informe"), name, pattern)
        if not path:
            return
        db, lang, target = self.db, self.lang, Path(path)

        def write(_context: object) -> Path:
            from coop_desktop.core.outputs import write_file

            write_file(target, report_file(db, report, kind, lang), force=True)
            return target

        self.runner.run(
            write,
            lambda saved: self.notice.setText(self.tr("Guardado en %1").replace("%1", str(saved))),
            self._failed,
            label=self.tr("Guardando…"),
            parent=self,
        )

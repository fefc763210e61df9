"""Inicio: today's litres by shift, the open period's litres and estimated payroll, average
quality against the references, the alerts that need the treasurer (each with the button that
fixes it), and charts of the last 60 days (QtCharts, ui/home/home_charts.py).

Everything is read in the background; the charts are built when the first data arrives, so
the window opens at once. It reads again whenever data changes (here, on another PC or from
the CLI), and a new association without a price scheme is told where to create one.
Chart axes are written like every other number: days as dd/mm, values through the formatter."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.core.numbers import D
from coop_desktop.core.topics import TOPICS
from coop_desktop.domain.measures import MEASURES
from coop_desktop.services.association import get_association
from coop_desktop.storage.engine import Database
from ui.common import fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.measure_names import measure_name, measure_unit
from ui.common.runner import app_runner

if TYPE_CHECKING:  # the figures are read on the worker; the window loads none of it at start
    from PySide6.QtCharts import QChartView

    from coop_desktop.services.closeout.closing import CloseResult
    from coop_desktop.services.dashboard import Alert, Dashboard


def _litres(value: Decimal) -> str:
    return fmt.quantity(fmt_quantize(value), "L")


def fmt_quantize(value: Decimal) -> Decimal:
    return value.quantize(D("0.1"), rounding=ROUND_HALF_UP)


def _units(units: dict[str, Decimal], litres: Decimal) -> str:
    """Litres and kilograms apart, as delivered; with kilograms, the litres they make with
    the scheme's density are said to be converted (units never add up silently)."""
    if set(units) <= {"L"}:
        return _litres(litres)
    parts = " + ".join(fmt.quantity(fmt_quantize(units[u]), u) for u in sorted(units))
    return (
        QCoreApplication.translate("HomeView", "%1 (%2 con la densidad del esquema)")
        .replace("%1", parts)
        .replace("%2", _litres(litres))
    )


def _read(db: Database) -> Dashboard:
    """On the worker: the figures only (a worker never imports or builds anything of Qt)."""
    from coop_desktop.services.dashboard import dashboard

    return dashboard(db)


def _estimate(db: Database, code: str) -> tuple[CloseResult, dict[str, Any]]:
    """On the worker: the payroll the open period would pay now, and its totals (summed
    there: 16,000 members' lines are no work for the window)."""
    from coop_desktop.services.closeout.closing import preview_close

    result = preview_close(db, code)
    return result, result.totals()


class HomeView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.data: Dashboard | None = None
        self.estimate: CloseResult | None = None
        self.estimate_totals: dict[str, Any] = {}
        self.open_section: Callable[[str], object] | None = None  # set by the main window
        layout = QVBoxLayout(self)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.title.setFont(font)
        self.location = QLabel()
        layout.addWidget(self.title)
        layout.addWidget(self.location)
        cards = QHBoxLayout()
        self.today = self._card(cards, self.tr("Hoy"))
        self.period = self._card(cards, self.tr("Periodo abierto"))
        self.quality = self._card(cards, self.tr("Calidad del periodo"))
        layout.addLayout(cards)
        self.alerts_box = QGroupBox(self.tr("Avisos"))
        self.alerts = QVBoxLayout(self.alerts_box)
        layout.addWidget(self.alerts_box)
        self.charts = QGridLayout()
        for line in (0, 1):  # two rows (the right-hand charts) and two columns, even
            self.charts.setRowStretch(line, 1)
            self.charts.setColumnStretch(line, 1)
        layout.addLayout(self.charts, 1)
        self.plots: dict[str, QChartView] = {}
        self.charts_error: QLabel | None = None
        self.loading = self.again = False
        follow(self, self.runner, TOPICS, self.refresh)
        self.refresh()

    def _card(self, row: QHBoxLayout, title: str) -> QLabel:
        box = QGroupBox(title)
        label = QLabel(self.tr("Cargando…"))
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignTop)
        label.setWordWrap(True)
        QVBoxLayout(box).addWidget(label)
        row.addWidget(box, 1)
        return label

    def refresh(self) -> None:
        """Read the dashboard, then the payroll estimate, in the background; a change that
        arrives meanwhile reads once more when they are done."""
        if self.loading:
            self.again = True
            return
        association = get_association(self.db)
        self.title.setText(association.name if association else "")
        self.location.setText(
            self.tr("Base de datos: %1").replace("%1", self.db.location.describe())
        )
        if association is None:
            return
        db = self.db
        self.loading, self.again = True, False
        self.runner.run(lambda _c: _read(db), self.show_dashboard, self._failed)

    def _settled(self) -> None:
        self.loading = False
        if self.again:
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        for card in (self.today, self.period, self.quality):
            card.setText(message(error))
        self._settled()

    def show_dashboard(self, data: Dashboard) -> None:
        self.data = data
        self.today.setText(
            self.tr("Mañana: <b>%1</b><br>Tarde: <b>%2</b><br>%3")
            .replace("%1", _units(data.by_shift_units.get("am", {}), data.by_shift["am"]))
            .replace("%2", _units(data.by_shift_units.get("pm", {}), data.by_shift["pm"]))
            .replace("%3", self.tr("%Ln entrega(s)", "", data.deliveries_today))
        )
        self._show_period()
        self._show_quality(data.quality)
        self._show_alerts(data.alerts)
        try:
            self._draw(data)
        except Exception as error:  # the cards and the estimate go on without the charts
            self._no_charts(error)
        db, code = self.db, data.period.code
        self.runner.run(lambda _c: _estimate(db, code), self.show_estimate, self._no_estimate)

    def _show_period(self) -> None:
        data = self.data
        if data is None:
            return
        if self.estimate is None:
            payroll = self.tr("calculando…")
        else:
            totals = self.estimate_totals
            payroll = (
                self.tr("bruto %1, neto %2 (%3)")
                .replace("%1", fmt.money(totals["gross"]))
                .replace("%2", fmt.money(totals["net"]))
                .replace("%3", self.tr("%Ln socio(s)", "", totals["members"]))
            )
        self.period.setText(
            self.tr("<b>%1</b>: %2<br>Planilla estimada: %3")
            .replace("%1", fmt.period(data.period))
            .replace("%2", _units(data.period_units, data.period_litres))
            .replace("%3", payroll)
        )

    def show_estimate(self, found: tuple[CloseResult, dict[str, Any]]) -> None:
        self.estimate, self.estimate_totals = found
        self._show_period()
        self._settled()

    def _no_estimate(self, error: BaseException) -> None:
        self.estimate = None
        if self.data is not None:
            self.period.setText(
                self.tr("<b>%1</b>: %2<br>Planilla estimada: %3")
                .replace("%1", fmt.period(self.data.period))
                .replace("%2", _units(self.data.period_units, self.data.period_litres))
                .replace("%3", message(error))
            )
        self._settled()

    def _show_quality(self, averages: dict[str, Decimal]) -> None:
        lines = []
        reference_word = self.tr("referencia")
        for key, value in averages.items():
            spec = MEASURES[key]
            low, high = spec.ref_low, spec.ref_high
            outside = (low is not None and value < low) or (high is not None and value > high)
            reference = (
                f"≥ {fmt.measure(key, low)}"
                if low is not None
                else f"≤ {fmt.measure(key, high)}"
                if high is not None
                else ""
            )
            color = "#c0392b" if outside else "#1e7e34"
            lines.append(
                f"{measure_name(spec)}: <b style='color:{color}'>{fmt.measure(key, value)}</b> "
                f"{measure_unit(spec)} "
                f"<span style='color:#666'>({reference_word} {reference})</span>"
            )
        self.quality.setText("<br>".join(lines) or self.tr("Sin muestras en el periodo."))

    def _show_alerts(self, alerts: tuple[Alert, ...]) -> None:
        while self.alerts.count():
            item = self.alerts.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone at once, not at the next turn of the loop
                widget.deleteLater()
        texts = {
            "no_scheme": (
                self.tr("Ningún esquema de precios está en vigor: créelo en Precios."),
                self.tr("Ir a Precios"),
            ),
            "close_period": (
                self.tr("El periodo %1 sigue abierto: ciérrelo."),
                self.tr("Ir a Cierre"),
            ),
            "missing_tests": (
                self.tr("%1 entregan en este periodo sin ninguna muestra de calidad."),
                self.tr("Ir a Calidad"),
            ),
            "backup": (self.tr("Última copia de seguridad: %1."), self.tr("Hacer copia ahora")),
        }
        for alert in alerts:
            text, action = texts[alert.kind]
            value = alert.value or self.tr("nunca")
            if alert.kind == "missing_tests" and alert.value.isdigit():
                value = self.tr("%Ln socio(s)", "", int(alert.value))
            elif alert.kind == "close_period":
                value = fmt.period(alert.value)
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel("⚠ " + text.replace("%1", value))
            label.setObjectName(f"alert-{alert.kind}")
            button = QPushButton(action)
            button.clicked.connect(lambda _c=False, target=alert.target: self.act(target))
            line.addWidget(label, 1)
            line.addWidget(button)
            self.alerts.addWidget(row)
        if not alerts:
            self.alerts.addWidget(QLabel(self.tr("Todo en orden.")))

    def act(self, target: str) -> None:
        if target == "backup":
            self.backup_now()
        elif self.open_section is not None:
            self.open_section(target)

    def backup_now(self, path: str | None = None) -> None:
        if path is None:
            stamp = clock.now().strftime("%Y%m%d-%H%M")
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Copia de seguridad"), f"coop-{stamp}.db", "SQLite (*.db)"
            )
        if not path:
            return
        from coop_desktop.services.backups import backup_and_record

        db, target = self.db, Path(path)
        self.runner.run(
            lambda _c: backup_and_record(db, target),
            lambda _p: self.refresh(),
            self._failed,
            label=self.tr("Copiando…"),
            parent=self,
        )

    def _no_charts(self, error: Exception) -> None:
        """Charts that cannot be drawn (a chart library that does not load) say why where
        they would be; the error is logged like any unexpected one."""
        if self.charts_error is None:
            self.charts_error = QLabel()
            self.charts_error.setObjectName("charts-error")
            self.charts_error.setWordWrap(True)
            self.charts_error.setStyleSheet("color: #c0392b")
            self.charts.addWidget(self.charts_error, 2, 0, 1, 2)
        self.charts_error.setText(message(error))

    def _draw(self, data: Dashboard) -> None:
        """The charts, built at the first data (QtCharts is loaded then, on this thread)."""
        from ui.home import home_charts

        if not self.plots:
            from ui.home.chart_parts import chart_view

            for key, title, row, col in (
                ("litres", self.tr("Litros por día (60 días; kg convertidos)"), 0, 0),
                ("solids", self.tr("Grasa y sólidos totales, %"), 0, 1),
                ("hygiene", self.tr("Higiene: UFC/mL (miles)"), 1, 1),
            ):
                self.plots[key] = chart_view(title)
                self.charts.addWidget(self.plots[key], row, col, 2 if key == "litres" else 1, 1)
        home_charts.draw_litres(self.plots["litres"], data.series)
        names = {"fat": self.tr("Grasa"), "st": self.tr("Sólidos totales")}
        home_charts.draw_solids(self.plots["solids"], data.series, names)
        home_charts.draw_hygiene(self.plots["hygiene"], data.series)

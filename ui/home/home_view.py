"""Inicio: today's litres by shift, the open period's litres and estimated payroll, average
quality against the references, the alerts that need the treasurer (each with the button that
fixes it), and charts of the last 60 days drawn with pyqtgraph.

Everything is read in the background; the charts are built when the first data arrives, so
the window opens at once. It reads again whenever data changes (here, on another PC or from
the CLI), and a new association without a price scheme is told where to create one.
Chart axes are written like every other number: days as dd/mm, values through the formatter."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
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

from coop_desktop import clock
from coop_desktop.domain.measures import MEASURES
from coop_desktop.services.association import get_association
from coop_desktop.storage.engine import Database
from ui.common import fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.measure_names import measure_name, measure_unit
from ui.common.runner import TOPICS, app_runner

if TYPE_CHECKING:  # the figures are read on the worker; the window loads none of it at start
    from coop_desktop.services.closeout.closing import CloseResult
    from coop_desktop.services.dashboard import Alert, Dashboard


def _x(day: date) -> float:
    """Chart x coordinate of a day (its ordinal): display only, never a stored value."""
    return float(day.toordinal())


def _litres(value: Decimal) -> str:
    return fmt.quantity(fmt_quantize(value), "L")


def fmt_quantize(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


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


def _axes(places: int) -> dict[str, Any]:
    """A day axis (dd/mm) below and a value axis at `places` decimals on the left, both
    through the formatter instead of pyqtgraph's own ("59.750", "12:00:00", "Oct")."""
    import pyqtgraph as pg

    class DayAxis(pg.AxisItem):  # type: ignore[misc]
        def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
            # never raise here: an exception inside a paint brings the whole app down
            return [
                fmt.day(date.fromordinal(round(v)))[:5] if 1 <= v < 3_652_059 else ""
                for v in values
            ]

        def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[Any]:
            span = max(maxVal - minVal, 1)
            major = 7 if span > 21 else 2 if span > 6 else 1
            return [(major, 0), (1, 0)]

    class ValueAxis(pg.AxisItem):  # type: ignore[misc]
        def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
            # ticks closer than the axis's places (an empty chart spans 0–1) get the places
            # that tell them apart, never "0, 0, 0"
            shown = places
            if math.isfinite(spacing) and 0 < spacing < 10**-places:
                shown = min(4, math.ceil(-math.log10(spacing)))
            return [
                fmt.number(Decimal(f"{v:.{shown}f}"), shown) if math.isfinite(v) else ""
                for v in values
            ]

    return {"bottom": DayAxis("bottom"), "left": ValueAxis("left")}


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
        layout.addLayout(self.charts, 1)
        self.plots: dict[str, Any] = {}
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
        self._draw(data)
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

    def _draw(self, data: Dashboard) -> None:
        import pyqtgraph as pg

        if not self.plots:
            pg.setConfigOptions(antialias=True, background="w", foreground="#333")
            for key, title, row, col in (
                (
                    "litres",
                    self.tr("Litros por día (60 días; kg convertidos)"),
                    0,
                    0,
                ),
                ("solids", self.tr("Grasa y sólidos totales, %"), 0, 1),
                ("hygiene", self.tr("Higiene: UFC/mL (miles)"), 1, 1),
            ):
                plot = pg.PlotWidget(axisItems=_axes(0 if key != "solids" else 1))
                plot.setTitle(title)
                plot.showGrid(y=True, alpha=0.25)
                plot.setMinimumHeight(150)
                plot.setMouseEnabled(x=False, y=False)
                self.plots[key] = plot
                self.charts.addWidget(plot, row, col, 2 if key == "litres" else 1, 1)
            self.plots["solids"].addLegend(offset=(5, 5))
        xs = [_x(p.day) for p in data.series]
        for plot in self.plots.values():  # the same days under every chart, data or not
            plot.setXRange(xs[0] - 0.5, xs[-1] + 0.5, padding=0)
        litres = self.plots["litres"]
        litres.clear()
        litres.addItem(
            pg.BarGraphItem(
                x=xs, height=[float(p.litres) for p in data.series], width=0.7, brush="#2d5f8a"
            )
        )
        solids = self.plots["solids"]
        solids.clear()
        for name, attr, color in (
            (self.tr("Grasa"), "fat", "#d68910"),
            (self.tr("Sólidos totales"), "st", "#1e7e34"),
        ):
            points = [(x, getattr(p, attr)) for x, p in zip(xs, data.series, strict=True)]
            shown = [(x, float(v)) for x, v in points if v is not None]
            if shown:
                solids.plot(
                    [x for x, _ in shown],
                    [v for _, v in shown],
                    pen=pg.mkPen(color, width=2),
                    symbol="o",
                    symbolSize=4,
                    symbolBrush=color,
                    name=name,
                )
        hygiene = self.plots["hygiene"]
        hygiene.clear()
        shown_ufc = [
            (x, float(p.ufc) / 1000) for x, p in zip(xs, data.series, strict=True) if p.ufc
        ]
        if shown_ufc:
            hygiene.plot(
                [x for x, _ in shown_ufc],
                [v for _, v in shown_ufc],
                pen=pg.mkPen("#8e44ad", width=2),
                symbol="o",
                symbolSize=4,
                symbolBrush="#8e44ad",
            )
        limit = MEASURES["ufc"].ref_high
        if limit is not None:
            hygiene.addItem(
                pg.InfiniteLine(
                    pos=float(limit) / 1000,
                    angle=0,
                    pen=pg.mkPen("#c0392b", style=Qt.PenStyle.DashLine),
                )
            )

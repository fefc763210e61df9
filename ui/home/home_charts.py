"""Inicio's charts of the last days (QtCharts): litres per day as bars, fat and total solids
as lines with a legend, hygiene (UFC/mL in thousands) as a line under its dashed limit.

The three share the same days below, one position per day (bars and points centred on it),
labelled dd/mm; values are labelled by the formatter at each chart's places."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCharts import QBarSeries, QBarSet, QCategoryAxis, QChartView, QLineSeries
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPen

from coop_desktop.core.numbers import D
from coop_desktop.domain.measures import MEASURES
from coop_desktop.services.dashboard import DayPoint
from ui.common import fmt
from ui.home.chart_parts import (
    TEXT,
    attach,
    cleared,
    labelled_axis,
    place,
    reference_line,
    value_axis,
)
from ui.home.chart_scale import scale

BARS = "#2d5f8a"
FAT = "#d68910"
SOLIDS = "#1e7e34"
UFC = "#8e44ad"
LIMIT = "#c0392b"
THOUSAND = D(1000)


def day_labels(days: Sequence[date]) -> list[tuple[int, str]]:
    """The days labelled (their positions and dd/mm): Sundays over three weeks, every other
    day over a week, else each day."""
    span = len(days) - 1
    every = 7 if span > 21 else 2 if span > 6 else 1
    return [(i, fmt.day_month(d)) for i, d in enumerate(days) if d.toordinal() % every == 0]


def _day_axis(days: Sequence[date]) -> QCategoryAxis:
    ticks = [(float(i), text) for i, text in day_labels(days)]
    return labelled_axis(ticks, -0.5, max(len(days), 1) - 0.5, grid=False)


def _line(name: str, color: str, points: Sequence[tuple[int, Decimal]]) -> QLineSeries:
    line = QLineSeries()
    line.setName(name)
    pen = QPen(QColor(color))
    pen.setWidthF(2)
    line.setPen(pen)
    line.setPointsVisible(True)
    line.setMarkerSize(5)
    for x, value in points:
        line.append(float(x), float(value))
    return line


def draw_litres(view: QChartView, series: Sequence[DayPoint]) -> None:
    """Litres per day (kilograms converted), a bar on each day, none where nothing came."""
    chart = cleared(view)
    bars = QBarSet("")
    bars.setColor(QColor(BARS))
    bars.setBorderColor(QColor(BARS))
    bars.append([float(p.litres) for p in series])
    chart_series = QBarSeries()
    chart_series.setBarWidth(0.7)
    chart_series.append(bars)
    values = scale([p.litres for p in series], 0, from_zero=True)
    x, y = _day_axis([p.day for p in series]), value_axis(values, values.labelled(fmt.number))
    place(chart, x, y)
    attach(chart, chart_series, x, y)


def draw_solids(view: QChartView, series: Sequence[DayPoint], names: dict[str, str]) -> None:
    """Fat and total solids (`names` says them), each only on the days it was measured."""
    chart = cleared(view)
    lines = []
    measured: list[Decimal] = []
    for attr, color in (("fat", FAT), ("st", SOLIDS)):
        points = [(i, v) for i, p in enumerate(series) if (v := getattr(p, attr)) is not None]
        measured += [v for _, v in points]
        if points:
            lines.append(_line(names[attr], color, points))
    values = scale(measured, 1)
    x, y = _day_axis([p.day for p in series]), value_axis(values, values.labelled(fmt.number))
    place(chart, x, y)
    for line in lines:
        attach(chart, line, x, y)
    legend = chart.legend()
    legend.setVisible(bool(lines))
    legend.setLabelColor(TEXT)


def draw_hygiene(view: QChartView, series: Sequence[DayPoint]) -> None:
    """UFC/mL in thousands on the days counted, and the reference limit dashed."""
    chart = cleared(view)
    points = [(i, p.ufc / THOUSAND) for i, p in enumerate(series) if p.ufc]
    limit = MEASURES["ufc"].ref_high
    shown = [v for _, v in points] + ([limit / THOUSAND] if limit is not None else [])
    values = scale(shown, 0)
    x, y = _day_axis([p.day for p in series]), value_axis(values, values.labelled(fmt.number))
    place(chart, x, y)
    if points:
        attach(chart, _line("", UFC, points), x, y)
    if limit is not None:
        height = float(limit / THOUSAND)
        ends = QPointF(x.min(), height), QPointF(x.max(), height)
        attach(chart, reference_line(*ends, LIMIT), x, y)

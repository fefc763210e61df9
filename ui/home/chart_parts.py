"""What the screens' charts are made of (QtCharts, built on the GUI thread only): a view that
neither zooms nor pans, axes whose labels are written by the formatter at the places given
(never Qt's own number formats), and a dashed reference line.

Floats appear here only as drawing coordinates; every label arrives already written."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractSeries,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ui.home.chart_scale import Scale

TEXT = QColor("#333333")
GRID = QColor("#e2e2e2")
LINE = QColor("#999999")
MINIMUM_HEIGHT = 150


def chart_view(title: str) -> QChartView:
    """An empty chart with its title and no legend, drawn smooth; the mouse neither zooms nor
    pans it."""
    chart = QChart()
    chart.setTitle(title)
    font = chart.titleFont()
    font.setPointSizeF(font.pointSizeF() * 1.1)
    chart.setTitleFont(font)
    chart.setTitleBrush(TEXT)
    chart.setMargins(QMargins(4, 0, 8, 4))
    chart.setBackgroundRoundness(0)
    chart.legend().hide()
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setRubberBand(QChartView.RubberBand.NoRubberBand)
    view.setMinimumHeight(MINIMUM_HEIGHT)
    return view


def cleared(view: QChartView) -> QChart:
    """The chart of `view` without its series and axes (deleted), to be drawn again."""
    chart = view.chart()
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)  # the chart no longer owns it
        axis.deleteLater()
    return chart


def labelled_axis(
    ticks: Sequence[tuple[float, str]], low: float, high: float, *, grid: bool
) -> QCategoryAxis:
    """An axis from `low` to `high` with each label at its position."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setStartValue(low)
    for position, text in ticks:
        axis.append(text, position)
    axis.setRange(low, high)
    axis.setLabelsBrush(TEXT)
    axis.setLinePenColor(LINE)
    axis.setGridLineVisible(grid)
    axis.setGridLineColor(GRID)
    return axis


def value_axis(scale: Scale, labels: Sequence[tuple[Decimal, str]]) -> QCategoryAxis:
    """A value axis over `scale` with its labelled ticks (Scale.labelled) and a light grid."""
    return labelled_axis(
        [(float(value), text) for value, text in labels],
        float(scale.low),
        float(scale.high),
        grid=True,
    )


def attach(chart: QChart, series: QAbstractSeries, *axes: QAbstractAxis) -> None:
    """Add `series` to `chart` and draw it on `axes` (already on the chart: `place`)."""
    chart.addSeries(series)
    for axis in axes:
        series.attachAxis(axis)


def place(chart: QChart, x: QAbstractAxis, y: QAbstractAxis, *, x_on_top: bool = False) -> None:
    """`x` below the chart (or above it), `y` on its left."""
    chart.addAxis(x, Qt.AlignmentFlag.AlignTop if x_on_top else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)


def reference_line(start: QPointF, end: QPointF, color: str) -> QLineSeries:
    """A dashed straight line from `start` to `end`."""
    line = QLineSeries()
    line.append(start)
    line.append(end)
    pen = QPen(QColor(color))
    pen.setWidthF(2)
    pen.setStyle(Qt.PenStyle.DashLine)
    line.setPen(pen)
    return line

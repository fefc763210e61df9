"""The Indicadores screen's charts (QtCharts): the report's own figures, turned into floats
here only as drawing coordinates; every label is the formatter's, in the report's language.

Per period, litres and price paid per kg as bars (open periods lighter, the reference price
dashed across), labelled with the period's code (every few periods when there are many, so
that each label has room); per group, litres per producer and day and price per kg as
horizontal bars, the first group on top and every name on the left (the chart grows with the
groups, in a scroll area), the reference price dashed up the price chart."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChartView,
    QHorizontalBarSeries,
)
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFontMetricsF

from coop_desktop.core.numbers import D
from coop_desktop.domain.indicator_figures import Value
from coop_desktop.domain.indicator_report import IndicatorReport, PeriodRow
from coop_desktop.language.formatting import number
from ui.home.chart_parts import (
    MINIMUM_HEIGHT,
    TEXT,
    attach,
    cleared,
    labelled_axis,
    place,
    reference_line,
    value_axis,
)
from ui.home.chart_scale import Scale, scale

BAR = "#2d5f8a"
LIGHT = "#a9c4dd"
REFERENCE = "#c0392b"
NAME_CHARS = 30  # a group's name on the axis; the table above has it whole
CODE_CHARS = 42  # about this many characters of period codes fit under a chart
ROW_PADDING = 10  # a name needs its line's height and this much more, or QtCharts elides it
FRAME = 80  # a chart's title, value axis and margins

Labels = Callable[[Scale], list[tuple[Decimal, str]]]


def _float(value: Value) -> float:
    """Chart coordinates only (drawing, never a shown or stored number)."""
    return float(value) if value is not None else 0.0


def period_labels(codes: Sequence[str]) -> list[tuple[int, str]]:
    """The periods labelled (their positions and codes): each one while they fit, else every
    few, from the first."""
    longest = max((len(code) for code in codes), default=0)
    every = max(1, math.ceil(len(codes) * longest / CODE_CHARS))
    return [(i, code) for i, code in enumerate(codes) if i % every == 0]


def group_names(labels: Sequence[str]) -> list[str]:
    """Group names short enough for the axis. A category axis drops a repeated name (and the
    bar's label with it): names equal once cut are told apart by invisible marks."""
    seen: set[str] = set()
    out = []
    for label in labels:
        name = label if len(label) <= NAME_CHARS else label[: NAME_CHARS - 1] + "…"
        while name in seen:
            name += "\u200b"
        seen.add(name)
        out.append(name)
    return out


def _bars(
    chart_series: QAbstractBarSeries, values: Sequence[Value], lighter: Sequence[int]
) -> None:
    bars = QBarSet("")
    bars.setColor(QColor(BAR))
    bars.setBorderColor(QColor(BAR))
    bars.setSelectedColor(QColor(LIGHT))  # the open periods' bars are the "selected" ones
    bars.append([_float(v) for v in values])
    bars.selectBars(list(lighter))
    chart_series.setBarWidth(0.6)
    chart_series.append(bars)


def _value_axis(
    values: Sequence[Value], reference: Value, places: int, labels: Labels
) -> QCategoryAxis:
    shown = [D(v) for v in [*values, reference] if v is not None]
    axis_scale = scale(shown, places, from_zero=True)
    return value_axis(axis_scale, labels(axis_scale))


def _per_period(
    view: QChartView,
    periods: Sequence[PeriodRow],
    values: Sequence[Value],
    places: int,
    labels: Labels,
    reference: Value = None,
) -> None:
    """Bars per period, the open ones lighter, and the reference dashed across."""
    chart = cleared(view)
    bars = QBarSeries()
    _bars(bars, values, [i for i, p in enumerate(periods) if p.provisional])
    far = max(len(periods), 1) - 0.5
    ticks = [(float(i), code) for i, code in period_labels([p.code for p in periods])]
    x = labelled_axis(ticks, -0.5, far, grid=False)
    y = _value_axis(values, reference, places, labels)
    place(chart, x, y)
    attach(chart, bars, x, y)
    if reference is not None:
        height = _float(reference)
        attach(chart, reference_line(QPointF(-0.5, height), QPointF(far, height), REFERENCE), x, y)


def _per_group(
    view: QChartView,
    names: Sequence[str],
    values: Sequence[Value],
    places: int,
    labels: Labels,
    reference: Value = None,
) -> None:
    """Horizontal bars from the bottom up, every name on the left (the chart tall enough for
    each to be read), the values above, and the reference dashed up the chart."""
    chart = cleared(view)
    bars = QHorizontalBarSeries()
    _bars(bars, values, ())
    y = QBarCategoryAxis()
    y.append(list(names))
    y.setLabelsBrush(TEXT)
    y.setGridLineVisible(False)
    x = _value_axis(values, reference, places, labels)
    place(chart, x, y, x_on_top=True)  # in sight while the names scroll
    attach(chart, bars, x, y)
    row = QFontMetricsF(y.labelsFont()).height() + ROW_PADDING
    view.setMinimumHeight(max(MINIMUM_HEIGHT, round(FRAME + row * (len(names) + 1))))
    if reference is not None:
        at, far = _float(reference), max(len(names), 1) - 0.5
        attach(chart, reference_line(QPointF(at, -0.5), QPointF(at, far), REFERENCE), x, y)


def draw(plots: dict[str, QChartView], report: IndicatorReport, lang: str) -> None:
    """Litres and price per period (open periods lighter, the reference dashed), and per
    group the litres per producer and day and the price per kg (horizontal bars)."""

    def labels(axis: Scale) -> list[tuple[Decimal, str]]:
        return axis.labelled(lambda value, places: number(value, places, lang))

    periods = report.current.periods
    reference = report.current.figures["reference_price_per_kg"]
    _per_period(plots["litres"], periods, [p.litres for p in periods], 0, labels)
    prices = [p.avg_price_per_kg for p in periods]
    _per_period(plots["price"], periods, prices, 2, labels, reference)
    # Horizontal bars count from the bottom: the groups go in reversed, the first on top.
    groups = list(reversed(report.groups))
    names = group_names([g.label(lang) for g in groups])
    litres = [g.figures["litres_per_producer_day"] for g in groups]
    _per_group(plots["group_litres"], names, litres, 1, labels)
    paid = [g.figures["avg_price_per_kg"] for g in groups]
    _per_group(plots["group_price"], names, paid, 2, labels, reference if groups else None)

"""Bar charts for the indicator report, drawn with ReportLab graphics. The values are turned
into floats here and only here, for drawing: every printed number comes from the formatter."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from coop_desktop.documents import fonts

BAR = colors.HexColor("#2d5f8a")
LIGHT = colors.HexColor("#a9c4dd")
REFERENCE = colors.HexColor("#c0392b")


def _top(values: Sequence[Decimal | None], reference: Decimal | None) -> float:
    top = max([float(v) for v in values if v is not None] + [float(reference or 0)] + [0.0])
    return top * 1.15 or 1.0


def period_bars(
    title: str,
    axis: Callable[[float], str],
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    width: float,
    height: float,
    *,
    light: Sequence[bool] = (),
    reference: Decimal | None = None,
    reference_text: str = "",
    value_text: Sequence[str] = (),
) -> Drawing:
    """Vertical bars, one per period (lighter when `light`: a provisional period), an
    optional dashed reference line, and each bar's value written above it."""
    fonts.register()
    d = Drawing(width, height)
    d.add(String(0, height - 9, title, fontName=fonts.BOLD, fontSize=8))
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 18
    chart.width, chart.height = width - 40, height - 40
    chart.data = [[float(v) if v is not None else 0.0 for v in values]]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _top(values, reference)
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.labelTextFormat = axis
    chart.valueAxis.visibleGrid = False
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 6 if len(labels) <= 14 else 5
    chart.categoryAxis.labels.angle = 0 if len(labels) <= 8 else 45
    chart.categoryAxis.labels.boxAnchor = "n" if len(labels) <= 8 else "ne"
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    for i, is_light in enumerate(light):
        if is_light:
            chart.bars[(0, i)].fillColor = LIGHT
    d.add(chart)
    step = chart.width / max(len(values), 1)
    scale = chart.height / chart.valueAxis.valueMax
    for i, text in enumerate(value_text):
        value = values[i]
        if value is None or not text:
            continue
        y = chart.y + float(value) * scale + 2
        d.add(
            String(
                chart.x + (i + 0.5) * step,
                y,
                text,
                fontName=fonts.REGULAR,
                fontSize=5.5,
                textAnchor="middle",
            )
        )
    if reference is not None:
        y = chart.y + float(reference) * scale
        d.add(
            Line(
                chart.x,
                y,
                chart.x + chart.width,
                y,
                strokeColor=REFERENCE,
                strokeDashArray=[3, 2],
                strokeWidth=0.8,
            )
        )
        d.add(
            String(
                chart.x + chart.width,
                y + 2,
                reference_text,
                fontName=fonts.REGULAR,
                fontSize=6,
                fillColor=REFERENCE,
                textAnchor="end",
            )
        )
    return d


def group_bars(
    title: str,
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    width: float,
    *,
    value_text: Sequence[str] = (),
    reference: Decimal | None = None,
    reference_text: str = "",
) -> Drawing:
    """Horizontal bars, one per group (long group names read on the left)."""
    fonts.register()
    row = 11
    height = 26 + row * max(len(values), 1)
    d = Drawing(width, height)
    d.add(String(0, height - 9, title, fontName=fonts.BOLD, fontSize=8))
    chart = HorizontalBarChart()
    chart.x, chart.y = width * 0.47, 6
    chart.width, chart.height = width * 0.35, row * max(len(values), 1)
    # Drawn top to bottom in the order given.
    chart.data = [[float(v) if v is not None else 0.0 for v in reversed(values)]]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _top(values, reference)
    chart.valueAxis.visible = False
    chart.categoryAxis.categoryNames = [text[:34] for text in reversed(labels)]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 6.5
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    d.add(chart)
    scale = chart.width / chart.valueAxis.valueMax
    step = chart.height / max(len(values), 1)
    for i, text in enumerate(reversed(value_text)):  # in a column right of the bars
        d.add(
            String(
                width,
                chart.y + (i + 0.5) * step - 2,
                text,
                fontName=fonts.REGULAR,
                fontSize=6,
                textAnchor="end",
            )
        )
    if reference is not None:
        x = chart.x + float(reference) * scale
        d.add(
            Line(
                x,
                chart.y,
                x,
                chart.y + chart.height,
                strokeColor=REFERENCE,
                strokeDashArray=[3, 2],
                strokeWidth=0.8,
            )
        )
        d.add(
            String(
                x,
                chart.y + chart.height + 2,
                reference_text,
                fontName=fonts.REGULAR,
                fontSize=6,
                fillColor=REFERENCE,
                textAnchor="end",
            )
        )
    return d

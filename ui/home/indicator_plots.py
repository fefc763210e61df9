"""The Indicadores screen's charts (pyqtgraph): the report's own figures, turned into floats
here only for drawing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from coop_desktop.domain.indicator_report import IndicatorReport

BAR = "#2d5f8a"
LIGHT = "#a9c4dd"
REFERENCE = "#c0392b"


def _float(value: Decimal | int | None) -> float:
    """Chart coordinates only (drawing, never a shown or stored number)."""
    return float(value) if value is not None else 0.0


def draw(plots: dict[str, Any], report: IndicatorReport, lang: str) -> None:
    """Litres and price per period (open periods lighter, the reference dashed), and per
    group the litres per producer and day and the price per kg (horizontal bars)."""
    import pyqtgraph as pg

    periods = report.current.periods
    ticks = [[(i, p.code) for i, p in enumerate(periods)]]
    reference = _float(report.current.figures["reference_price_per_kg"])
    for key, values in (
        ("litres", [_float(p.litres) for p in periods]),
        ("price", [_float(p.avg_price_per_kg) for p in periods]),
    ):
        plot = plots[key]
        plot.clear()
        brushes = [LIGHT if p.provisional else BAR for p in periods]
        plot.addItem(
            pg.BarGraphItem(x=list(range(len(values))), height=values, width=0.6, brushes=brushes)
        )
        plot.getAxis("bottom").setTicks(ticks)
        if key == "price":
            plot.addItem(
                pg.InfiniteLine(
                    pos=reference,
                    angle=0,
                    pen=pg.mkPen(REFERENCE, style=Qt.PenStyle.DashLine, width=2),
                )
            )
    groups = report.groups
    # Horizontal bars, the first group on top: long group names read on the left.
    rows = [len(groups) - 1 - i for i in range(len(groups))]
    names = [[(y, g.label(lang)[:30]) for y, g in zip(rows, groups, strict=True)]]
    for key, figure in (
        ("group_litres", "litres_per_producer_day"),
        ("group_price", "avg_price_per_kg"),
    ):
        plot = plots[key]
        plot.clear()
        values = [_float(g.figures[figure]) for g in groups]
        if values:
            plot.addItem(pg.BarGraphItem(x0=0, y=rows, height=0.6, width=values, brush=BAR))
        plot.getAxis("left").setTicks(names)
        if key == "group_price" and values:
            plot.addItem(
                pg.InfiniteLine(
                    pos=reference,
                    angle=90,
                    pen=pg.mkPen(REFERENCE, style=Qt.PenStyle.DashLine, width=2),
                )
            )

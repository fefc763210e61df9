"""Small charts drawn with plain canvas calls: black bars print on any printer, and a full
chart object cost a third of a statement's rendering time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from coop_desktop.core.numbers import ONE
from coop_desktop.documents import fonts
from coop_desktop.documents.layout import RULE, THIN
from coop_desktop.language import formatting as fmt


class DailyBars(Flowable):  # type: ignore[misc]
    """Daily litres as black bars, drawn with a few canvas calls (a full chart object costs
    a third of a statement's rendering time)."""

    def __init__(
        self, days: tuple[tuple[date, Decimal], ...], width: float, height: float, lang: str
    ) -> None:
        super().__init__()
        self.days = days
        self.width = width
        self.height = height
        self.lang = lang

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        top = max((v for _, v in self.days), default=ONE) or ONE
        left, bottom = 14 * mm, 6 * mm
        plot_w, plot_h = self.width - left - 2 * mm, self.height - bottom - 4 * mm
        step = plot_w / max(len(self.days), 1)
        c.setFont(fonts.CONDENSED, 7)
        c.setStrokeColor(RULE)
        c.setLineWidth(THIN)
        c.line(left, bottom, left + plot_w, bottom)
        c.drawRightString(left - 1.5 * mm, bottom + plot_h - 2, fmt.quantity(top, "L", self.lang))
        c.drawRightString(left - 1.5 * mm, bottom - 2, "0")
        c.setFillColor(colors.black)
        for i, (_when, litres) in enumerate(self.days):
            bar = plot_h * float(litres / top)  # drawing coordinates only, never money
            c.rect(left + i * step + step * 0.2, bottom, step * 0.6, bar, stroke=0, fill=1)
        for i, (when, _litres) in enumerate(self.days):
            c.drawCentredString(
                left + (i + 0.5) * step, bottom - 2.8 * mm, fmt.day_of_month(when, self.lang)
            )

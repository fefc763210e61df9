"""A fast table for long lists (a statement's deliveries): one line per row, drawn with plain
canvas calls, split across pages with the header repeated. ReportLab's Table styles every
cell, which made it most of a statement's rendering time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from coop_desktop.documents import fonts

ROW = 10.2
GUIDE_EVERY = 4  # a hairline every few rows guides the eye without grey fills


class Rows(Flowable):  # type: ignore[misc]
    """`rows` are (cells, emphasis) pairs; emphasis: "" | "bold" | "rule" (a rule above)."""

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[tuple[Sequence[str], str]],
        widths: Sequence[float],
        right: Sequence[bool],
        size: float = 8,
    ) -> None:
        super().__init__()
        self.header = list(header)
        self.rows = list(rows)
        self.widths = list(widths)
        self.right = list(right)
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return sum(self.widths), ROW * (len(self.rows) + 1)

    def split(self, available_width: float, available_height: float) -> list[Any]:
        fit = int(available_height // ROW) - 1
        if fit < 3 or fit >= len(self.rows):
            return [] if fit < 3 else [self]
        return [
            Rows(self.header, self.rows[:fit], self.widths, self.right, self.size),
            Rows(self.header, self.rows[fit:], self.widths, self.right, self.size),
        ]

    def draw(self) -> None:
        c = self.canv
        width = sum(self.widths)
        top = ROW * (len(self.rows) + 1)
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.6)
        c.line(0, top - ROW, width, top - ROW)
        c.setLineWidth(0.4)  # thinner vanishes on a 203 dpi head
        for i in range(GUIDE_EVERY, len(self.rows), GUIDE_EVERY):
            c.line(0, top - ROW * (i + 1), width, top - ROW * (i + 1))
        c.setLineWidth(0.6)
        for i, (_cells, emphasis) in enumerate(self.rows):
            if emphasis == "rule":
                c.line(0, top - ROW * (i + 1), width, top - ROW * (i + 1))
        # One text object for the whole table: far cheaper than a drawString per cell.
        text = c.beginText()
        text.setFillColor(colors.black)
        self._line(text, self.header, top - ROW, fonts.CONDENSED_BOLD)
        for i, (cells, emphasis) in enumerate(self.rows):
            font = fonts.CONDENSED_BOLD if emphasis == "bold" else fonts.CONDENSED
            self._line(text, cells, top - ROW * (i + 2), font)
        c.drawText(text)

    def _line(self, text: Any, cells: Sequence[str], y: float, font: str) -> None:
        text.setFont(font, self.size)
        x = 0.0
        base = y + (ROW - self.size) / 2 + 1
        for cell, width, right in zip(cells, self.widths, self.right, strict=True):
            if cell:
                start = x + width - 2 - stringWidth(cell, font, self.size) if right else x + 5
                text.setTextOrigin(start, base)
                text.textOut(cell)
            x += width

"""What every document shares: one stylesheet, the association header, the page frame with
"Página x de y", and the COPIA / ANULADO / BORRADOR marks.

Everything prints on a cheap laser or a 1-bit thermal head: black text, black rules, no grey
fills (they dither into dots at 203 dpi), and marks drawn as outlined letters that never hide
the text under them. Frames have no inner padding, so a table of the frame's width ends
exactly at the margin."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    Flowable,
    Image,
    Paragraph,
    Table,
    TableStyle,
)

from coop_desktop.documents import fonts
from coop_desktop.documents.content import Header

RULE = colors.black
THIN = 0.4
# Documents handed to members use no fill at all; the assembly's indicator report (laser,
# screen) shades alternate group rows with this.
SHADE = colors.HexColor("#e8edf2")
# An 80 mm roll prints 72 mm and a 58 mm roll 48 mm on the common thermal heads (mm).
STANDARD_PRINTABLE = {80: 72.0, 58: 48.0}
# A table's rules are drawn centred on its edge: half their width lies outside it (points).
RULE_INK = 1.0
GAP = 4 * mm  # between the association's name and a document's title


@dataclass(frozen=True, slots=True)
class RollArea:
    """Where a roll document (ticket, roll receipt) is laid out: on a roll `width` mm wide,
    `printable` mm wide from `left` mm, below `top` mm. A printer that prints less than the
    standard width gets its own width: the layout follows, nothing is shrunk."""

    width: float
    left: float
    printable: float
    top: float = 0.0

    @property
    def frame(self) -> float:
        """The width (points) the content is laid out in: the printed width, less room for
        the outer half of a box's rule."""
        return float(self.printable * mm - 2 * RULE_INK)

    @property
    def narrow(self) -> bool:
        """The 58 mm roll's layout (smaller type, shorter labels)."""
        return self.printable < 60


def roll_area(width: int) -> RollArea:
    """The standard area of an 80 or 58 mm roll: 72 or 48 mm, centred."""
    if width not in STANDARD_PRINTABLE:
        raise ValueError("roll width must be 80 or 58 mm")
    printable = STANDARD_PRINTABLE[width]
    return RollArea(width, (width - printable) / 2, printable)


@cache
def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    rl_config.useA85 = 0  # binary streams: smaller and faster than ASCII85 text
    return scaled_styles(9)


@cache
def scaled_styles(size: float, small: float | None = None) -> dict[str, ParagraphStyle]:
    """The stylesheet for a base size; `small` (default 7.5/9 of it) is the smallest text."""
    fonts.register()
    k = size / 9
    base = ParagraphStyle(f"base{size}", fontName=fonts.REGULAR, fontSize=size, leading=11.5 * k)
    tiny = small if small is not None else 7.5 * k
    return {
        "base": base,
        "small": ParagraphStyle(f"small{size}", parent=base, fontSize=tiny, leading=tiny * 1.2),
        "title": ParagraphStyle(
            f"title{size}",
            parent=base,
            fontName=fonts.BOLD,
            fontSize=13 * k,
            leading=16 * k,
            spaceAfter=2,
        ),
        "h2": ParagraphStyle(
            f"h2{size}",
            parent=base,
            fontName=fonts.BOLD,
            fontSize=10 * k,
            leading=13 * k,
            spaceBefore=5 * k,
            spaceAfter=2 * k,
        ),
        "bold": ParagraphStyle(f"bold{size}", parent=base, fontName=fonts.BOLD),
        "right": ParagraphStyle(f"right{size}", parent=base, alignment=TA_RIGHT),
        "center": ParagraphStyle(f"center{size}", parent=base, alignment=TA_CENTER),
        "big": ParagraphStyle(
            f"big{size}", parent=base, fontName=fonts.BOLD, fontSize=12 * k, leading=15 * k
        ),
        "bigright": ParagraphStyle(
            f"bigright{size}",
            parent=base,
            fontName=fonts.BOLD,
            fontSize=12 * k,
            leading=15 * k,
            alignment=TA_RIGHT,
        ),
        "bigcenter": ParagraphStyle(
            f"bigcenter{size}",
            parent=base,
            fontName=fonts.BOLD,
            fontSize=12 * k,
            leading=15 * k,
            alignment=TA_CENTER,
        ),
        "cellbold": ParagraphStyle(
            f"cellbold{size}", parent=base, fontName=fonts.CONDENSED_BOLD, fontSize=8, leading=9
        ),
        "cellboldright": ParagraphStyle(
            f"cellboldright{size}",
            parent=base,
            fontName=fonts.CONDENSED_BOLD,
            fontSize=8,
            leading=9,
            alignment=TA_RIGHT,
        ),
        "boldright": ParagraphStyle(
            f"boldright{size}", parent=base, fontName=fonts.BOLD, alignment=TA_RIGHT
        ),
        "cell": ParagraphStyle(
            f"cell{size}", parent=base, fontName=fonts.CONDENSED, fontSize=8, leading=9.5
        ),
    }


def roll_styles(area: RollArea) -> dict[str, ParagraphStyle]:
    """Thermal rolls: nothing under 8 pt (a 203 dpi head loses thinner strokes)."""
    return scaled_styles(8.5, 8) if area.narrow else scaled_styles(9.5, 8.5)


def p(text: str, style: str = "base", sheet: dict[str, ParagraphStyle] | None = None) -> Paragraph:
    return Paragraph(escape(text), (sheet or styles())[style])


class Label(Flowable):  # type: ignore[misc]
    """One line of plain text in a style's font, size and spacing: a heading costs a tenth of
    a Paragraph (a batch of statements draws hundreds). Text that could wrap needs `p`."""

    def __init__(self, text: str, style: str = "h2") -> None:
        super().__init__()
        self.text = text
        self.style = styles()[style]
        self.spaceBefore = self.style.spaceBefore
        self.spaceAfter = self.style.spaceAfter

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.style.leading

    def draw(self) -> None:
        self.canv.setFont(self.style.fontName, self.style.fontSize)
        self.canv.setFillColor(colors.black)
        descent = self.style.leading - self.style.fontSize
        self.canv.drawString(0, descent, self.text)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def place_of(*parts: str | None) -> str:
    return ", ".join(x for x in parts if x)


def header_block(header: Header, title: str, subtitle: str = "", width: float = 180 * mm) -> Table:
    """Association (logo, name, RUC, address) on the left, the document title on the right:
    the title's column is as wide as the title needs (up to 60 %), with a clear gap, so a long
    association name never runs into it."""
    title_style = styles()["title"]
    needed = stringWidth(title, title_style.fontName, title_style.fontSize) + GAP
    right_w = min(max(0.42 * width, needed), 0.6 * width)
    left_w = width - right_w
    place = place_of(header.district, header.province, header.department)
    lines = [p(header.name, "bold")]
    if header.ruc:
        lines.append(p(f"RUC {header.ruc}", "small"))
    if header.address or place:
        lines.append(p(" — ".join(x for x in (header.address, place) if x), "small"))
    left: list[Any] = lines
    if header.logo:
        logo = Image(io.BytesIO(header.logo), width=16 * mm, height=16 * mm, kind="proportional")
        left = [
            Table(
                [[logo, lines]],
                colWidths=[18 * mm, left_w - GAP - 18 * mm],
                style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
            )
        ]
    right = [p(title, "title")] + ([p(subtitle, "right")] if subtitle else [])
    table = Table([[left, right]], colWidths=[left_w, right_w])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), GAP),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
            ]
        )
    )
    return table


def grid(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    header_rows: int = 1,
    right_from: int | None = None,
    size: float = 8,
    heights: Sequence[float | None] | None = None,
) -> Table:
    """A table with a bold, ruled, repeating header and numbers aligned right."""
    table = Table(
        [list(r) for r in rows],
        colWidths=list(widths),
        rowHeights=list(heights) if heights is not None else None,
        repeatRows=header_rows,
        hAlign="LEFT",
    )
    style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), fonts.CONDENSED, size),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    if header_rows:
        style += [
            ("FONT", (0, 0), (-1, header_rows - 1), fonts.CONDENSED_BOLD, size),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.6, RULE),
        ]
    if right_from is not None:
        style.append(("ALIGN", (right_from, 0), (-1, -1), "RIGHT"))
    table.setStyle(TableStyle(style))
    return table


def draw_mark(c: rl_canvas.Canvas, mark: str, band: tuple[float, float, float, float]) -> None:
    """The mark as a stamp of outlined letters in a free band of the page (x0, y0, x1, y1):
    below the content when there is room, else in the top margin. It never crosses a figure,
    and a 1-bit printer keeps the outline."""
    x0, y0, x1, y1 = band
    if x1 <= x0 or y1 <= y0:
        return
    c.saveState()
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.6)
    unit = c.stringWidth(mark, fonts.BOLD, 1)
    size = min(0.9 * (x1 - x0) / unit, 0.8 * (y1 - y0) / 0.75, 72)  # caps are 0.73 em tall
    text = c.beginText()
    text.setTextRenderMode(1)  # stroke only
    text.setFont(fonts.BOLD, size)
    text.setTextOrigin((x0 + x1 - unit * size) / 2, (y0 + y1) / 2 - 0.36 * size)
    text.textOut(mark)
    c.drawText(text)
    c.restoreState()

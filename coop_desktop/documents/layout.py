"""What every document shares: one stylesheet, the association header, the page frame with
"Página x de y", and the COPIA / ANULADO / BORRADOR marks."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Table, TableStyle

from coop_desktop.documents import fonts
from coop_desktop.documents.dto import Header

GRID = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e8edf2")
MARK_COLOUR = colors.Color(0.75, 0.1, 0.1, alpha=0.25)


def tr(lang: str, es: str, en: str) -> str:
    return en if lang == "en" else es


@cache
def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    rl_config.useA85 = 0  # binary streams: smaller and faster than ASCII85 text
    base = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=9, leading=11.5)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9),
        "title": ParagraphStyle(
            "title", parent=base, fontName=fonts.BOLD, fontSize=13, leading=16, spaceAfter=2
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=fonts.BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=6,
            spaceAfter=3,
        ),
        "bold": ParagraphStyle("bold", parent=base, fontName=fonts.BOLD),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "big": ParagraphStyle("big", parent=base, fontName=fonts.BOLD, fontSize=12, leading=15),
        "bigright": ParagraphStyle(
            "bigright",
            parent=base,
            fontName=fonts.BOLD,
            fontSize=12,
            leading=15,
            alignment=TA_RIGHT,
        ),
        "boldright": ParagraphStyle(
            "boldright", parent=base, fontName=fonts.BOLD, alignment=TA_RIGHT
        ),
        "cell": ParagraphStyle(
            "cell", parent=base, fontName=fonts.CONDENSED, fontSize=8, leading=9.5
        ),
    }


def p(text: str, style: str = "base") -> Paragraph:
    return Paragraph(escape(text), styles()[style])


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def header_block(header: Header, title: str, subtitle: str = "", width: float = 180 * mm) -> Table:
    """Association (logo, name, RUC, address) on the left, the document title on the right."""
    place = ", ".join(x for x in (header.district, header.province, header.department) if x)
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
                colWidths=[18 * mm, None],
                style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
            )
        ]
    right = [p(title, "title")] + ([p(subtitle, "right")] if subtitle else [])
    table = Table([[left, right]], colWidths=[width * 0.58, width * 0.42])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ]
        )
    )
    return table


def grid(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    header_rows: int = 1,
    right_from: int | None = None,
    zebra: bool = True,
) -> Table:
    """A table with a shaded, repeating header and numbers aligned right."""
    table = Table(
        [list(r) for r in rows], colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT"
    )
    style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), fonts.CONDENSED, 8),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if header_rows:
        style += [
            ("FONT", (0, 0), (-1, header_rows - 1), fonts.CONDENSED_BOLD, 8),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
            ("LINEBELOW", (0, 0), (-1, header_rows - 1), 0.6, GRID),
        ]
    if right_from is not None:
        style.append(("ALIGN", (right_from, 0), (-1, -1), "RIGHT"))
    if zebra:
        for i in range(header_rows + 1, len(rows), 2):
            style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f6f8fa")))
    table.setStyle(TableStyle(style))
    return table


def numbered_canvas(mark: str, lang: str, footer: str) -> type[rl_canvas.Canvas]:
    """A canvas that writes "Página x de y" once the page count is known, and the mark."""

    class NumberedCanvas(rl_canvas.Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            self.setFont(fonts.REGULAR, 7.5)
            self.setFillColor(colors.grey)
            page = tr(
                lang, f"Página {self._pageNumber} de {total}", f"Page {self._pageNumber} of {total}"
            )
            self.drawRightString(width - 12 * mm, 8 * mm, page)
            self.drawString(12 * mm, 8 * mm, footer)
            if mark:
                draw_mark(self, mark, width, height)

    return NumberedCanvas


def draw_mark(c: rl_canvas.Canvas, mark: str, width: float, height: float) -> None:
    c.saveState()
    c.setFillColor(MARK_COLOUR)
    c.setFont(fonts.BOLD, min(width, height) / 7)
    c.translate(width / 2, height / 2)
    c.rotate(35)
    c.drawCentredString(0, 0, mark)
    c.restoreState()


def build(
    story: list[Flowable],
    pagesize: tuple[float, float],
    *,
    mark: str = "",
    lang: str = "es",
    footer: str = "",
    margin: float = 12 * mm,
    title: str = "",
    invariant: bool = False,
) -> bytes:
    fonts.register()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 4 * mm,
        title=title,
        author="Coop Desktop",
        invariant=int(invariant),
    )
    doc.build(story, canvasmaker=numbered_canvas(mark, lang, footer))
    return out.getvalue()


def build_roll(
    story: list[Flowable],
    width: float,
    *,
    mark: str = "",
    margin: float = 3 * mm,
    title: str = "",
    invariant: bool = False,
) -> bytes:
    """A thermal-roll document: exactly `width` wide, as tall as its content."""
    fonts.register()
    padding = 6  # SimpleDocTemplate's frame pads 6 pt on every side
    avail = width - 2 * margin - 2 * padding
    height = sum(f.wrap(avail, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in story)
    page = (width, height + 2 * margin + 2 * padding + 3 * mm)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=page,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author="Coop Desktop",
        invariant=int(invariant),
    )

    def decorate(c: rl_canvas.Canvas, _doc: Any) -> None:
        if mark:
            draw_mark(c, mark, *page)

    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return out.getvalue()


def roll_styles(width: float) -> dict[str, ParagraphStyle]:
    """Smaller type on a 58 mm roll than on an 80 mm one."""
    base = styles()
    size = 7.5 if width < 70 * mm else 8.5
    return {
        name: ParagraphStyle(
            f"{name}-{size}",
            parent=style,
            fontSize=style.fontSize * size / 9,
            leading=style.leading * size / 9,
        )
        for name, style in base.items()
    }

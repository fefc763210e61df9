"""Pages: the frame (no inner padding, so a table of the frame's width ends at the margin),
"Página x de y" per document, several documents in one file with their fonts embedded once,
and thermal rolls exactly as wide as the roll and as tall as their content.

Every page says where its ink lies: its /ArtBox (the PDF's "extent of the meaningful
content") is the frame plus the footer line. Printing places that box inside the area the
printer can print (coop_desktop/printing/placement.py), so no line is cut at an edge."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
)

from coop_desktop.core.i18n import _, language
from coop_desktop.documents import fonts
from coop_desktop.documents.layout import (
    RULE_INK,
    RollArea,
    draw_mark,
    escape,
    roll_area,
    roll_styles,
    styles,
)

FOOTER = 8 * mm  # the baseline of "Página x de y"
FOOTER_INK = FOOTER - 2.5  # its lowest ink (descenders of 7.5 pt type)
MARK_BAND = 14 * mm  # the least free height below the content where a mark is stamped
TOP = 5 * mm  # nearer the edge than this, a mark in the top margin could be cut


@dataclass(frozen=True)
class Part:
    """One document inside a PDF: its pages, the mark over them and the footer line."""

    story: list[Flowable]
    mark: str = ""
    footer: str = ""
    lang: str = "es"


class _Starts(Flowable):  # type: ignore[misc]
    """Zero-size marker drawn first on a part's first page: tells the canvas which part the
    following pages belong to (their own "Página x de y", mark and footer)."""

    def __init__(self, index: int, on_part: Callable[[int], None] | None) -> None:
        super().__init__()
        self.index = index
        self.on_part = on_part

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._coop_part = self.index
        if self.on_part is not None:  # progress, and the place a cancelled batch stops
            self.on_part(self.index)


def _canvas_for(parts: Sequence[Part], margin: float) -> type[rl_canvas.Canvas]:
    class PartsCanvas(rl_canvas.Canvas):  # type: ignore[misc]
        """Writes each page's "Página x de y" of its own part once the counts are known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._coop_part = 0
            self._pages: list[dict[str, Any]] = []
            width, height = self._pagesize
            top = height - TOP if any(p.mark for p in parts) else height - margin + RULE_INK
            self.setArtBox((margin - RULE_INK, FOOTER_INK, width - margin + RULE_INK, top))

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            counts: dict[int, int] = {}
            for state in self._pages:
                counts[state["_coop_part"]] = counts.get(state["_coop_part"], 0) + 1
            seen: dict[int, int] = {}
            for state in self._pages:
                self.__dict__.update(state)
                index = state["_coop_part"]
                seen[index] = seen.get(index, 0) + 1
                self._decorate(parts[index], seen[index], counts[index])
                super().showPage()
            super().save()

        def _decorate(self, part: Part, page: int, total: int) -> None:
            width, height = self._pagesize
            self.setFont(fonts.REGULAR, 7.5)
            self.setFillColor(colors.black)
            with language(part.lang):
                label = _("Página {page} de {total}").format(page=page, total=total)
            self.drawRightString(width - margin, FOOTER, label)
            self.drawString(margin, FOOTER, part.footer)
            if part.mark:
                bottom, below_content = getattr(self, "_coop_free", (0.0, 0.0))
                band = (margin, bottom, width - margin, below_content)
                if below_content - bottom < MARK_BAND:  # a full page: the top margin
                    band = (margin, height - margin + 2 * RULE_INK, width - margin, height - TOP)
                draw_mark(self, part.mark, band)

    return PartsCanvas


def _template(
    out: io.BytesIO,
    pagesize: tuple[float, float],
    margin: float,
    bottom: float,
    title: str,
    invariant: bool,
) -> BaseDocTemplate:
    fonts.register()
    styles()
    width, height = pagesize
    frame = Frame(
        margin,
        bottom,
        width - 2 * margin,
        height - margin - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc = BaseDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=bottom,
        title=title,
        author="Coop Desktop",
        invariant=int(invariant),
    )
    doc.addPageTemplates([PageTemplate("page", frames=[frame], onPageEnd=_free_band)])
    return doc


def _free_band(canvas: rl_canvas.Canvas, doc: BaseDocTemplate) -> None:
    """Remember the page's free band below its content: the mark is stamped there."""
    frame = doc.frame
    canvas._coop_free = (frame._y1, frame._y)


def build_parts(
    parts: Sequence[Part],
    pagesize: tuple[float, float],
    *,
    margin: float = 12 * mm,
    title: str = "",
    invariant: bool = False,
    on_part: Callable[[int], None] | None = None,
) -> bytes:
    """Several documents in one PDF, each starting on a new page with its own page count,
    mark and footer: the fonts are embedded once for the whole file. `on_part(i)` is called
    as part i starts (it may raise to stop)."""
    out = io.BytesIO()
    doc = _template(out, pagesize, margin, margin + 4 * mm, title, invariant)
    story: list[Flowable] = []
    for i, part in enumerate(parts):
        if i:
            story.append(PageBreak())
        story.append(_Starts(i, on_part))
        story += part.story
    doc.build(story, canvasmaker=_canvas_for(parts, margin))
    return out.getvalue()


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
    return build_parts(
        [Part(story, mark, footer, lang)],
        pagesize,
        margin=margin,
        title=title,
        invariant=invariant,
    )


def build_roll(
    story: list[Flowable],
    area: RollArea | int,
    *,
    mark: str = "",
    title: str = "",
    invariant: bool = False,
) -> bytes:
    """A thermal-roll document: exactly the roll wide, as tall as its content, laid out in
    the area the printer prints (`area`: an 80 or 58 mm roll's standard area, or the one a
    printer reports). A mark is printed as the first line ("*** COPIA ***"): outlined letters
    across a ticket would cover its few lines."""
    roll = roll_area(area) if isinstance(area, int) else area
    width = roll.width * mm
    avail = roll.frame
    top = max(3 * mm, roll.top * mm)
    bottom = 4 * mm  # paper below the last line, before the tear
    if mark:
        story = [Paragraph(escape(f"*** {mark} ***"), roll_styles(roll)["bigcenter"]), *story]
    height = sum(f.wrap(avail, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in story)
    # never wider than tall: a saved ticket then prints upright from any PDF viewer
    page = (width, max(height + top + bottom, width + 4 * mm))
    left = roll.left * mm + RULE_INK
    box = (left - RULE_INK, bottom, left + avail + RULE_INK, page[1] - top + RULE_INK)

    def art(canvas: rl_canvas.Canvas, _doc: Any) -> None:
        canvas.setArtBox(box)

    out = io.BytesIO()
    doc = _roll_template(out, page, left, avail, top, bottom, title, invariant, art)
    doc.build(story)
    return out.getvalue()


def _roll_template(
    out: io.BytesIO,
    page: tuple[float, float],
    left: float,
    width: float,
    top: float,
    bottom: float,
    title: str,
    invariant: bool,
    on_page: Any,
) -> BaseDocTemplate:
    fonts.register()
    styles()
    frame = Frame(
        left,
        bottom,
        width,
        page[1] - top - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc = BaseDocTemplate(
        out,
        pagesize=page,
        leftMargin=left,
        rightMargin=page[0] - left - width,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author="Coop Desktop",
        invariant=int(invariant),
    )
    doc.addPageTemplates([PageTemplate("roll", frames=[frame], onPage=on_page)])
    return doc

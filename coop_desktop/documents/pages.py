"""Pages: the frame (no inner padding, so a table of the frame's width ends at the margin),
"Página x de y" per document, several documents in one file with their fonts embedded once,
and thermal rolls exactly as wide as the roll and as tall as their content."""

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

from coop_desktop.documents import fonts
from coop_desktop.documents.layout import PRINTABLE, draw_mark, escape, roll_styles, styles, tr


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
            label = tr(part.lang, f"Página {page} de {total}", f"Page {page} of {total}")
            self.drawRightString(width - margin, 8 * mm, label)
            self.drawString(margin, 8 * mm, part.footer)
            if part.mark:
                draw_mark(self, part.mark, width, height)

    return PartsCanvas


def _template(
    out: io.BytesIO,
    pagesize: tuple[float, float],
    margin: float,
    bottom: float,
    title: str,
    invariant: bool,
    on_page: Any = None,
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
    template = PageTemplate("page", frames=[frame])
    if on_page is not None:
        template.onPage = on_page
    doc.addPageTemplates([template])
    return doc


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
    width_mm: int,
    *,
    mark: str = "",
    title: str = "",
    invariant: bool = False,
) -> bytes:
    """A thermal-roll document: exactly the roll wide, as tall as its content, everything
    inside the printable width centred on the roll. A mark is printed as the first line
    ("*** COPIA ***"): outlined letters across a ticket would cover its few lines."""
    width = width_mm * mm
    side = (width - PRINTABLE[width_mm]) / 2
    top = 3 * mm
    avail = PRINTABLE[width_mm]
    if mark:
        story = [Paragraph(escape(f"*** {mark} ***"), roll_styles(width_mm)["bigcenter"]), *story]
    height = sum(f.wrap(avail, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in story)
    page = (width, height + 2 * top + 4 * mm)
    out = io.BytesIO()
    doc = _template(out, page, side, top, title, invariant)
    doc.build(story)
    return out.getvalue()

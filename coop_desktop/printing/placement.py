"""Put a document's pages on the paper a printer offers, with their ink inside the area it
prints: placed, not scaled, whenever it fits.

Each page of ours says where its ink lies (its /ArtBox, documents/pages.py). A page goes on
the sheet chosen for it (paper.py): a roll document at the top of its roll (running on over
several when it is longer than the longest roll length), a page at its own size or centred on
the smallest sheet that holds it; then, when its ink pokes into a margin the printer cannot
print, it is moved just enough to clear it. Only a page whose ink is larger than the printable
area is reduced, and never below 90 % (an A4 page on Letter paper); below that the printer is
refused in words. The result is a PDF whose pages are exactly the sheet asked for, so the
print service (and its pdftopdf filter) has nothing left to scale or move.

Plain Python (pypdf): runs on the op runner's worker and in `coop print`."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import RectangleObject

from coop_desktop.printing.failures import PrintFailed
from coop_desktop.printing.paper import Margins, Paper, Sheet, page_sheet, roll_sheet

MM = 72 / 25.4  # points per millimetre
MIN_SCALE = 0.9
EPS = 0.01  # points


@dataclass(frozen=True, slots=True)
class Placed:
    """The document ready for the printer: `pdf` (pages exactly the sheet's size), the
    `sheet` asked for (None on a queue that names no paper: the PDF as it came), the page's
    orientation and the scale (1.0 unless it had to be reduced)."""

    pdf: bytes
    sheet: Sheet | None
    landscape: bool
    scale: float
    pages: int

    @property
    def media(self) -> str:
        """What the print service is asked for: the driver's name for the sheet, or an exact
        custom size (CUPS's Custom.WxHmm)."""
        if self.sheet is None:
            return ""
        return self.sheet.key or f"Custom.{self.sheet.width:g}x{self.sheet.height:g}mm"


@dataclass(frozen=True, slots=True)
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def moved(self, dx: float, dy: float) -> _Box:
        return _Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)


def _ink(page: PageObject) -> _Box:
    """Where the page's ink lies, relative to its lower left corner: its /ArtBox, or the
    whole page when it says nothing (a PDF that is not ours)."""
    media = page.mediabox
    art = page.artbox if "/ArtBox" in page else media
    left, bottom = float(media.left), float(media.bottom)
    return _Box(
        float(art.left) - left,
        float(art.bottom) - bottom,
        float(art.right) - left,
        float(art.top) - bottom,
    )


def _printable(width: float, height: float, margins: Margins) -> _Box:
    m = margins
    return _Box(m.left * MM, m.bottom * MM, width - m.right * MM, height - m.top * MM)


def _clear(ink: _Box, area: _Box) -> tuple[float, float] | None:
    """The smallest move that brings `ink` inside `area`; None when it is larger."""
    if ink.width > area.width + EPS or ink.height > area.height + EPS:
        return None

    def along(low: float, high: float, lo: float, hi: float) -> float:
        if low < lo:
            return lo - low
        if high > hi:
            return hi - high
        return 0.0

    return along(ink.x0, ink.x1, area.x0, area.x1), along(ink.y0, ink.y1, area.y0, area.y1)


def _size(sheet: Sheet) -> str:
    return f"{sheet.width:.0f} × {sheet.height:.0f} mm"


def place(pdf: bytes, paper: Paper, printer: str, roll: bool) -> Placed:
    """`pdf` made ready for `printer`, which offers `paper`. `roll`: a roll document (ticket,
    roll receipt), put at the top of its roll; otherwise pages keep their size and
    orientation. Raises PrintFailed when no paper holds it or its ink cannot be printed
    even at 90 %."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = list(reader.pages)
    first = pages[0].mediabox
    width, height = float(first.width), float(first.height)
    landscape = width > height
    if not paper.known:
        return Placed(pdf, None, landscape, 1.0, len(pages))
    if roll:
        sheet = roll_sheet(paper, width / MM, height / MM)
        if sheet is None:
            raise PrintFailed(
                "print_no_paper", printer, size=f"{width / MM:.0f} × {height / MM:.0f} mm"
            )
        return _place_roll(pdf, pages, sheet, printer)
    choice = page_sheet(paper, width / MM, height / MM)
    if choice is None:
        return Placed(pdf, None, landscape, 1.0, len(pages))
    sheet = choice[0]
    return _place_pages(pdf, pages, sheet, landscape, printer)


def _place_pages(
    pdf: bytes, pages: list[PageObject], sheet: Sheet, landscape: bool, printer: str
) -> Placed:
    sw, sh = sheet.width * MM, sheet.height * MM
    margins = sheet.margins
    if landscape:
        sw, sh, margins = sh, sw, margins.turned()
    area = _printable(sw, sh, margins)
    moves: list[tuple[float, float, float]] = []
    for page in pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        dx, dy = (sw - w) / 2, (sh - h) / 2  # centred on a larger sheet
        ink = _ink(page).moved(dx, dy)
        shift = _clear(ink, area)
        if shift is not None:
            moves.append((1.0, dx + shift[0], dy + shift[1]))
            continue
        scale = min(area.width / ink.width, area.height / ink.height)
        if scale < MIN_SCALE:
            raise PrintFailed("print_too_big", printer, size=_size(sheet))
        base = _ink(page)
        # the reduced ink centred in the printable area
        x = area.x0 + (area.width - base.width * scale) / 2 - base.x0 * scale
        y = area.y0 + (area.height - base.height * scale) / 2 - base.y0 * scale
        moves.append((scale, x, y))
    same = all(
        abs(float(p.mediabox.width) - sw) < 1 and abs(float(p.mediabox.height) - sh) < 1
        for p in pages
    )
    if same and all(abs(dx) < EPS and abs(dy) < EPS and s == 1.0 for s, dx, dy in moves):
        return Placed(pdf, sheet, landscape, 1.0, len(pages))
    writer = PdfWriter()
    for page, (scale, dx, dy) in zip(pages, moves, strict=True):
        writer.add_page(_moved(page, sw, sh, scale, dx, dy))
    return Placed(_written(writer), sheet, landscape, min(s for s, _, _ in moves), len(pages))


def _place_roll(pdf: bytes, pages: list[PageObject], sheet: Sheet, printer: str) -> Placed:
    """Each roll page at the top of its sheet, centred across it when the sheet is wider
    than the roll; a page longer than the sheet runs on over several."""
    sw, sh = sheet.width * MM, sheet.height * MM
    area = _printable(sw, sh, sheet.margins)
    pieces: list[tuple[PageObject, float, float]] = []
    for page in pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        dx = (sw - w) / 2 if abs(sw - w) > 2 * MM else 0.0
        ink = _ink(page).moved(dx, sh - h)
        if ink.width > area.width + EPS:
            raise PrintFailed("print_no_paper", printer, size=f"{w / MM:.0f} mm")
        shift_x = _clear(_Box(ink.x0, area.y0, ink.x1, area.y0), area)
        dx += shift_x[0] if shift_x is not None else 0.0
        top_gap = max(0.0, ink.y1 - area.y1)  # ink above the printable top moves down
        count = max(1, math.ceil((h + top_gap - EPS) / sh))
        for k in range(count):
            pieces.append((page, dx, sh - h - top_gap + k * sh))
    if (
        len(pieces) == len(pages)
        and all(abs(dx) < EPS and abs(dy) < EPS for _p, dx, dy in pieces)
        and all(abs(float(p.mediabox.width) - sw) < 1 for p in pages)
    ):
        return Placed(pdf, sheet, False, 1.0, len(pages))
    writer = PdfWriter()
    for page, dx, dy in pieces:
        writer.add_page(_moved(page, sw, sh, 1.0, dx, dy))
    return Placed(_written(writer), sheet, False, 1.0, len(pieces))


def _moved(
    page: PageObject, sw: float, sh: float, scale: float, dx: float, dy: float
) -> PageObject:
    box = page.mediabox
    ink = _ink(page)
    blank = PageObject.create_blank_page(width=sw, height=sh)
    move = (
        Transformation()
        .translate(-float(box.left), -float(box.bottom))
        .scale(scale)
        .translate(dx, dy)
    )
    blank.merge_transformed_page(page, move)
    x0, y0 = ink.x0 * scale + dx, ink.y0 * scale + dy
    x1, y1 = ink.x1 * scale + dx, ink.y1 * scale + dy
    blank.artbox = RectangleObject((max(0, x0), max(0, y0), min(sw, x1), min(sh, y1)))
    return blank


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

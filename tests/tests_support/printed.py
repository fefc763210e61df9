"""Reading back what a test printer received through the real CUPS filters, and checking it
the way a person would look at the paper: every character inside the area the printer prints,
at its own size, upright, and the whole text there.

- A raster queue (the thermal drivers) gets CUPS raster covering only the printable width:
  what lies outside it is lost. `raster_matches` compares the raster with the document as it
  was placed on the sheet, rendered by poppler at the same resolution: the document's ink must
  lie inside the printable area, and the raster must carry that same ink, dot for dot give or
  take two (rasterisers round differently), so nothing was cut, moved, shrunk or turned.
- A PDF queue (the office drivers) gets pdftopdf's output: its characters are read back with
  their positions and sizes."""

from __future__ import annotations

import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from PIL import Image, ImageChops, ImageFilter

from tests_support.raster import RasterPage

MM = 72 / 25.4


@dataclass(frozen=True)
class Area:
    """Where a queue prints, mm from the paper's edges (its PPD's ImageableArea)."""

    left: float
    right: float  # the printable strip's right edge, mm from the left edge
    top: float = 0.0
    bottom: float = 0.0  # margin at the bottom edge


def render(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Each page as a grey picture, by poppler (what pdftoraster draws with)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", str(source), str(Path(folder) / "p")],
            check=True,
            capture_output=True,
        )
        return [Image.open(p).copy() for p in sorted(Path(folder).glob("p-*.pgm"))]


def poppler_text(pdf: bytes) -> str:
    """The text as poppler reads it (turned pages too), white space folded."""
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


def ink(image: Image.Image) -> Image.Image:
    """Ink as white on black (255 where the paper is dark)."""
    return image.convert("L").point(lambda v: 255 if v < 160 else 0)


def _count(image: Image.Image) -> int:
    return sum(1 for v in image.get_flattened_data() if v)


def raster_matches(page: RasterPage, placed_page: Image.Image, area: Area) -> None:
    """The raster `page` carries the placed document page (rendered at the raster's dpi):
    the document's ink lies inside `area`, and the two inks coincide within two dots."""
    dpi = page.dpi
    doc = ink(placed_page)
    box = doc.getbbox()
    assert box is not None, "the document has no ink"
    x0, _y0, x1, _y1 = (v / dpi * 25.4 for v in box)
    dot = 25.4 / dpi
    assert x0 >= area.left - dot and x1 <= area.right + dot, (
        f"ink from {x0:.2f} to {x1:.2f} mm; the printer prints {area.left}–{area.right} mm"
    )
    left = round(page.left_mm / 25.4 * dpi)
    top = round((page.page_points[1] - page.imaging_points[3]) / 72 * dpi)
    doc = doc.crop((left, top, left + page.width, top + page.height))
    printed = ink(page.image())
    near_doc = doc.filter(ImageFilter.MaxFilter(5))
    near_printed = printed.filter(ImageFilter.MaxFilter(5))
    stray = _count(ImageChops.subtract(printed, near_doc))  # printed where the document is not
    lost = _count(ImageChops.subtract(doc, near_printed))  # in the document, not printed
    total = _count(doc)
    assert stray <= total * 0.002 and lost <= total * 0.002, (stray, lost, total)


@dataclass(frozen=True)
class Text:
    """The characters of a PDF: text, and per page its size and the characters' boxes."""

    text: str
    pages: list[tuple[float, float, list[dict]]]  # width, height (points), chars

    def letters(self) -> list[dict]:
        """The characters that put ink on paper (how a PDF writer encodes a space varies)."""
        return [c for _w, _h, chars in self.pages for c in chars if c["text"].strip()]

    def sizes(self) -> Counter[float]:
        """How many letters of each size (a turned letter's size lies across the page)."""
        return Counter(round(c["size" if c["upright"] else "width"], 1) for c in self.letters())

    def count(self) -> int:
        return len(self.letters())


def read_text(pdf: bytes) -> Text:
    import io

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = [(float(p.width), float(p.height), list(p.chars)) for p in doc.pages]
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in doc.pages)
    return Text(text, pages)


def inside(text: Text, area: Area) -> None:
    """Every character lies inside `area` and is upright."""
    for _width, height, chars in text.pages:
        for c in chars:
            where = f"{c['text']!r} at {c['x0'] / MM:.2f}–{c['x1'] / MM:.2f} mm"
            assert c["upright"], f"{where} is turned"
            assert c["x0"] >= area.left * MM - 0.2 and c["x1"] <= area.right * MM + 0.2, where
            assert c["top"] >= area.top * MM - 0.2, where
            assert c["bottom"] <= height - area.bottom * MM + 0.2, where
        assert chars, "a page without text"

"""The fonts of our PDFs as Qt draws them: each font's characters back through its ToUnicode
map, its widths, and the same TrueType face the document embeds (resources/fonts), drawn without
ligatures or kerning so a run is as long as the PDF says and its words stay searchable."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtGui import QFont, QFontDatabase

from coop_desktop.core.resources import resource_path

PIXELS = 100  # the font's pixel size; the text matrix scales it to the PDF's size
FAMILY = "DejaVu Sans Condensed"
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_BFRANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


@cache
def _fonts_loaded() -> bool:
    for file in ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(resource_path(f"fonts/{file}")))
    return True


@dataclass
class PdfFont:
    """A PDF font as drawn here: its Qt font, widths (1/1000 of the size) and characters."""

    qfont: QFont
    widths: dict[int, float]
    chars: dict[int, str]
    missing: float = 500.0

    def text(self, data: bytes) -> str:
        return "".join(self.chars.get(b, chr(b)) for b in data)

    def width(self, data: bytes) -> float:
        return sum(self.widths.get(b, self.missing) for b in data) / 1000


def _unicode_map(font: Any) -> dict[int, str]:
    if "/ToUnicode" not in font:
        return {}
    data = font["/ToUnicode"].get_object().get_data()
    chars: dict[int, str] = {}
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, start in _BFRANGE.findall(block):
            first = int(start, 16)
            for i, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                chars[code] = chr(first + i)
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, uni in _BFCHAR.findall(block):
            text = bytes.fromhex(uni.decode()).decode("utf-16-be", "replace")
            chars[int(code, 16)] = text.replace("\x00", "")
    return chars


def pdf_font(font: Any) -> PdfFont:
    _fonts_loaded()
    name = str(font.get("/BaseFont", "")).split("+")[-1]
    qfont = QFont(FAMILY)
    qfont.setPixelSize(PIXELS)
    qfont.setBold("Bold" in name)
    qfont.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    qfont.setKerning(False)  # the PDF places each run with its own widths, unkerned
    for tag in ("liga", "clig"):  # "fi" stays two letters a reader can search for
        qfont.setFeature(QFont.Tag(tag), 0)
    first = int(font.get("/FirstChar", 0))
    widths = {first + i: float(w) for i, w in enumerate(font.get("/Widths", []))}
    descriptor = font.get("/FontDescriptor")
    missing = float(descriptor.get_object().get("/MissingWidth", 500)) if descriptor else 500.0
    return PdfFont(qfont, widths, _unicode_map(font), missing)


def prefer_native_text() -> None:
    """On Windows, ask Qt for its GDI font engine before the application starts: Qt's print
    engine hands text to the printer driver as text only with GDI fonts (with the DirectWrite
    engine, Qt's default since 6.8, every letter reaches the driver as a drawn outline). A
    QT_QPA_PLATFORM set by the user is left as it is."""
    import os
    import sys

    if sys.platform == "win32" and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "windows:fontengine=gdi"

"""Embedded TrueType fonts from resources/fonts, so every name prints: Ñuñez, Ch'uqi, Äwichu."""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from coop_desktop.resources import resource_path

REGULAR = "CoopSans"
BOLD = "CoopSans-Bold"
CONDENSED = "CoopSansCondensed"
CONDENSED_BOLD = "CoopSansCondensed-Bold"


@cache
def register() -> None:
    """Register the fonts once per process."""
    for name, file in (
        (REGULAR, "DejaVuSans.ttf"),
        (BOLD, "DejaVuSans-Bold.ttf"),
        (CONDENSED, "DejaVuSansCondensed.ttf"),
        (CONDENSED_BOLD, "DejaVuSansCondensed-Bold.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(resource_path(f"fonts/{file}"))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(CONDENSED, 0, 0, CONDENSED)
    addMapping(CONDENSED, 1, 0, CONDENSED_BOLD)

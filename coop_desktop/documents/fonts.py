"""Embedded TrueType fonts from resources/fonts, so every name prints: Ñuñez, Ch'uqi, Äwichu.

One family, DejaVu Sans Condensed, regular and bold: narrow enough for thermal rolls and
tables, and every document embeds just two font subsets (subsetting is a visible share of the
time a batch of statements takes)."""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from coop_desktop.core.resources import resource_path

REGULAR = "CoopSans"
BOLD = "CoopSans-Bold"
CONDENSED = REGULAR
CONDENSED_BOLD = BOLD


@cache
def register() -> None:
    """Register the fonts once per process."""
    for name, file in (
        (REGULAR, "DejaVuSansCondensed.ttf"),
        (BOLD, "DejaVuSansCondensed-Bold.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(resource_path(f"fonts/{file}"))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)

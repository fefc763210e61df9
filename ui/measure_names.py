"""A quality measure's name in the screen's language (the measures table holds both)."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from coop_desktop.domain.measures import Measure


def measure_name(spec: Measure) -> str:
    english = QLocale().language() == QLocale.Language.English
    return spec.label_en if english else spec.label_es

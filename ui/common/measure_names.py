"""A quality measure's name and unit in the screen's language (the measures table holds both
names; the units that are words differ too: UFC/mL is CFU/mL in English)."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from coop_desktop.domain.measures import Measure

ENGLISH_UNITS = {
    "UFC/mL": "CFU/mL",
    "cél./mL": "cells/mL",
    "g ác. láctico/100 g": "g lactic acid/100 g",
}


def _english() -> bool:
    return QLocale().language() == QLocale.Language.English


def measure_name(spec: Measure) -> str:
    return spec.label_en if _english() else spec.label_es


def measure_unit(spec: Measure) -> str:
    return ENGLISH_UNITS.get(spec.unit, spec.unit) if _english() else spec.unit

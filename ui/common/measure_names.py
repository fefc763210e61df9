"""A quality measure's name and unit in the screen's language, from the core's catalogue (the
same words the documents and the CLI use: UFC/mL is CFU/mL in English everywhere)."""

from __future__ import annotations

from coop_desktop.core import messages
from coop_desktop.core.i18n import language
from coop_desktop.domain.measures import Measure
from ui.common.fmt import lang


def measure_name(spec: Measure) -> str:
    with language(lang()):
        return messages.measure_name(spec.key)


def measure_unit(spec: Measure) -> str:
    with language(lang()):
        return messages.measure_unit(spec.key, spec.unit)

"""The indicator report as plain records, and its JSON form (keys in docs/indicators.md).

The CLI's `--json`, the PDF, the XLSX and the Indicadores screen all show this one object,
so they show the same numbers. JSON values are canonical decimal strings ("1234.50"), whole
counts are integers, a figure that cannot be computed (nothing to divide by) is null.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from coop_desktop.domain.indicator_figures import KEYS, Change, Figures, group_label


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """One period of the range: what was paid (closed) or the close preview (provisional)."""

    code: str
    start: date
    end: date
    provisional: bool
    producers: int  # members paid for accepted milk in the period
    litres: Decimal
    kg: Decimal
    gross: Decimal
    net: Decimal
    avg_price_per_kg: Decimal | None
    missing_tests: int = 0  # members an open period's preview could not price (no tests)


@dataclass(frozen=True, slots=True)
class RangeFigures:
    start: date  # widened to whole periods
    end: date
    requested_start: date
    requested_end: date
    days: int  # days counted for litres per day (up to today)
    periods: tuple[PeriodRow, ...]
    figures: Figures

    @property
    def provisional(self) -> bool:
        return any(p.provisional for p in self.periods)

    @property
    def widened(self) -> bool:
        return (self.start, self.end) != (self.requested_start, self.requested_end)


@dataclass(frozen=True, slots=True)
class GroupFigures:
    by: str
    group: str
    figures: Figures
    baseline: Figures | None = None
    change: Mapping[str, Change] | None = None

    def label(self, lang: str = "es") -> str:
        return group_label(self.by, self.group, lang)


@dataclass(frozen=True, slots=True)
class IndicatorReport:
    association: str
    current: RangeFigures
    baseline: RangeFigures | None
    change: Mapping[str, Change] | None
    by: tuple[str, ...]
    groups: tuple[GroupFigures, ...]

    @property
    def provisional(self) -> bool:
        return self.current.provisional or (self.baseline is not None and self.baseline.provisional)

    def groups_by(self, by: str) -> tuple[GroupFigures, ...]:
        return tuple(g for g in self.groups if g.by == by)


def _text(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def figures_json(f: Figures) -> dict[str, Any]:
    data: dict[str, Any] = {key: _text(f.values[key]) for key in KEYS}
    data["classes"] = [
        {
            "component": c.component,
            "measure": c.measure,
            "class": c.label,
            "samples": c.samples,
            "share_samples": _text(c.share_samples),
            "producers": c.producers,
            "share_producers": _text(c.share_producers),
        }
        for c in f.classes
    ]
    return data


def change_json(change: Mapping[str, Change] | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        key: {"absolute": _text(c.absolute), "percent": _text(c.percent)}
        for key, c in change.items()
    }


def range_json(r: RangeFigures) -> dict[str, Any]:
    return {
        "from": r.start.isoformat(),
        "to": r.end.isoformat(),
        "requested_from": r.requested_start.isoformat(),
        "requested_to": r.requested_end.isoformat(),
        "days": r.days,
        "provisional": r.provisional,
        "periods": [
            {
                "period": p.code,
                "from": p.start.isoformat(),
                "to": p.end.isoformat(),
                "provisional": p.provisional,
                "producers": p.producers,
                "litres": _text(p.litres),
                "kg": _text(p.kg),
                "gross": _text(p.gross),
                "net": _text(p.net),
                "avg_price_per_kg": _text(p.avg_price_per_kg),
                "missing_tests": p.missing_tests,
            }
            for p in r.periods
        ],
        **figures_json(r.figures),
    }


def report_json(report: IndicatorReport, lang: str = "es") -> dict[str, Any]:
    """The whole report as JSON-ready data; the keys never depend on the language."""
    data = {"association": report.association, **range_json(report.current)}
    data["provisional"] = report.provisional
    data["baseline"] = None if report.baseline is None else range_json(report.baseline)
    data["change"] = change_json(report.change)
    data["by"] = list(report.by)
    data["groups"] = [
        {
            "by": g.by,
            "group": g.group,
            "label": g.label(lang),
            **figures_json(g.figures),
            "baseline": None if g.baseline is None else figures_json(g.baseline),
            "change": change_json(g.change),
        }
        for g in report.groups
    ]
    return data

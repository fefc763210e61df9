"""The indicator report as plain records, and its JSON form (keys in docs/indicators.md).

The CLI's `--json`, the PDF, the XLSX and the Indicadores screen all show this one object,
so they show the same numbers. JSON values are canonical decimal strings ("1234.50"), whole
counts are integers, a figure that cannot be computed (nothing to divide by) is null.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from coop_desktop.core.numbers import ZERO, D, quantize
from coop_desktop.domain import indicator_figures as ind
from coop_desktop.domain.indicator_figures import DENOMINATORS, KEYS, Change, Figures
from coop_desktop.domain.indicator_groups import Names, group_label, grouped, ordered
from coop_desktop.domain.sales.margin import SALES_KEYS, SalesFigures


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """One period of the range: what was paid (closed) or the close preview (provisional)."""

    code: str
    start: date
    end: date
    open: bool  # not closed yet: its figures are the close preview
    producers: int  # members paid for accepted milk in the period
    litres: Decimal
    kg: Decimal
    gross: Decimal
    net: Decimal
    avg_price_per_kg: Decimal | None
    missing_tests: int = 0  # members an open period's preview could not price (no tests)
    has_milk: bool = True  # any delivery, accepted or rejected
    litres_untested: Decimal = ZERO  # accepted milk the preview could not price (no tests)

    @property
    def provisional(self) -> bool:
        """Open and holding milk: an open period without milk changes no figure."""
        return self.open and self.has_milk


@dataclass(frozen=True, slots=True)
class RangeFigures:
    start: date  # widened to whole periods
    end: date
    requested_start: date
    requested_end: date
    days: int  # days counted for litres per day (up to today)
    periods: tuple[PeriodRow, ...]
    figures: Figures
    sales: SalesFigures | None = None  # selling the milk: the whole range, not per group

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
    names: Names | None = None  # the practices' names, for a practice group's label

    def label(self, lang: str = "es") -> str:
        return group_label(self.by, self.group, lang, self.names)


@dataclass(frozen=True, slots=True)
class IndicatorReport:
    association: str
    current: RangeFigures
    baseline: RangeFigures | None
    change: Mapping[str, Change] | None
    by: tuple[str, ...]
    groups: tuple[GroupFigures, ...]
    sales_change: Mapping[str, Change] | None = None

    @property
    def provisional(self) -> bool:
        return self.current.provisional or (self.baseline is not None and self.baseline.provisional)

    def groups_by(self, by: str) -> tuple[GroupFigures, ...]:
        return tuple(g for g in self.groups if g.by == by)


Facts = Mapping[int, ind.MemberFacts]


@dataclass(frozen=True, slots=True)
class RangeFacts:
    """A range's figures and its members' facts: one per member over the whole range, and
    the parts of the range each member spent holding the same practices (`parts`)."""

    figures: RangeFigures
    members: Facts
    parts: Sequence[ind.MemberFacts]


def assemble(
    association: str,
    now_facts: RangeFacts,
    base_facts: RangeFacts | None,
    by: Sequence[str],
    *,
    reference_price: Decimal,
    classes: Sequence[ind.QualityClass] = (),
    practices: Names | None = None,
) -> IndicatorReport:
    """The report from each range's member facts: the whole, then every group of each
    grouping (a group present in either range), each against the baseline. The practice
    grouping reads each member's parts: milk counts with a practice for the days it was held.
    """
    codes = tuple(practices or {})
    current = (now_facts.figures, now_facts.members)
    baseline = (base_facts.figures, base_facts.members) if base_facts is not None else None

    def figures(
        r: RangeFigures, members: Sequence[ind.MemberFacts], before: Facts | None
    ) -> Figures:
        return ind.figures(
            members,
            days=r.days,
            reference_price=reference_price,
            classes=classes,
            baseline_producers=None
            if before is None
            else frozenset(m.member_id for m in before.values() if m.delivered),
        )

    now, facts = current
    whole = figures(now, list(facts.values()), baseline[1] if baseline else None)
    base_whole = figures(baseline[0], list(baseline[1].values()), None) if baseline else None
    groups = []
    for grouping in by:
        parts = grouping == "practice"
        mine = grouped(now_facts.parts if parts else facts.values(), grouping, codes)
        theirs = (
            grouped(base_facts.parts if parts else base_facts.members.values(), grouping, codes)
            if base_facts is not None
            else {}
        )
        for key in ordered(grouping, set(mine) | set(theirs), codes):
            before = {m.member_id: m for m in theirs.get(key, [])}
            f = figures(now, mine.get(key, []), before if baseline else None)
            b = figures(baseline[0], list(before.values()), None) if baseline else None
            groups.append(
                GroupFigures(
                    grouping,
                    key,
                    f,
                    b,
                    ind.change(f, b) if b is not None else None,
                    practices if parts else None,
                )
            )
    return IndicatorReport(
        association,
        replace(now, figures=whole),
        replace(baseline[0], figures=base_whole) if baseline and base_whole else None,
        ind.change(whole, base_whole) if base_whole is not None else None,
        tuple(by),
        tuple(groups),
        sales_change(now.sales, baseline[0].sales) if baseline else None,
    )


def sales_change(now: SalesFigures | None, before: SalesFigures | None) -> dict[str, Change] | None:
    """The sales indicators against the baseline, as `ind.change` does the others (points
    for a percentage's difference)."""
    if now is None or before is None:
        return None
    result = {}
    for key in SALES_KEYS:
        a, b = now[key], before[key]
        if a is None or b is None:
            result[key] = Change(None, None)
            continue
        result[key] = Change(a - b, None if not b else quantize(D(a - b) / b * 100))
    return result


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
            "samples_measured": c.samples_measured,
            "producers_measured": c.producers_measured,
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
                "open": p.open,
                "has_milk": p.has_milk,
                "producers": p.producers,
                "litres": _text(p.litres),
                "kg": _text(p.kg),
                "gross": _text(p.gross),
                "net": _text(p.net),
                "avg_price_per_kg": _text(p.avg_price_per_kg),
                "missing_tests": p.missing_tests,
                "litres_untested": _text(p.litres_untested),
            }
            for p in r.periods
        ],
        **figures_json(r.figures),
        "sales": None if r.sales is None else {k: _text(v) for k, v in r.sales.as_dict().items()},
    }


def report_json(report: IndicatorReport, lang: str = "es") -> dict[str, Any]:
    """The whole report as JSON-ready data; the keys never depend on the language."""
    data = {"association": report.association, **range_json(report.current)}
    data["provisional"] = report.provisional
    data["denominators"] = dict(DENOMINATORS)
    data["baseline"] = None if report.baseline is None else range_json(report.baseline)
    data["change"] = change_json(report.change)
    data["sales_change"] = change_json(report.sales_change)
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

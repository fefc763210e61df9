"""The indicator report's page per grouping: bars per group (litres per producer and day,
price per kg against the reference), a summary table, and every figure of every group (up to
four groups per table) with its change against the baseline under it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from coop_desktop.core.i18n import _, in_language
from coop_desktop.documents import fonts
from coop_desktop.documents.indicator_charts import group_bars
from coop_desktop.documents.indicator_labels import (
    GROUP_COLUMNS,
    SECTIONS,
    brief_change,
    label,
    range_text,
    section_title,
    short,
    shown,
)
from coop_desktop.documents.layout import SHADE, escape, grid, p, styles
from coop_desktop.domain.indicator_groups import grouping_label
from coop_desktop.domain.indicator_report import GroupFigures, IndicatorReport

GROUPS_PER_TABLE = 4


@cache
def head_style(right: bool) -> ParagraphStyle:
    return ParagraphStyle(
        f"indicator-head-{right}",
        parent=styles()["cell"],
        fontName=fonts.CONDENSED_BOLD,
        fontSize=6.5,
        leading=7.5,
        alignment=TA_RIGHT if right else TA_LEFT,
    )


def head(text: str, right: bool = False) -> Paragraph:
    """A header cell that wraps instead of running into its neighbour."""
    return Paragraph(escape(text), head_style(right))


@in_language
def grouping_pages(report: IndicatorReport, by: str, lang: str, width: float) -> list[Flowable]:
    """A grouping's pages: bars per group, a summary table, and every figure per group."""
    groups = report.groups_by(by)
    name = grouping_label(by, lang)
    story: list[Flowable] = [
        p(_("Por {x}").format(x=name.lower()), "title"),
        p(range_text(report.current, lang)),
    ]
    if not groups:
        return [*story, p(_("Sin datos."))]
    labels = [g.label(lang) for g in groups]
    reference = report.current.figures["reference_price_per_kg"]
    charts = Table(
        [
            [
                group_bars(
                    label("litres_per_producer_day", lang),
                    labels,
                    [g.figures["litres_per_producer_day"] for g in groups],  # type: ignore[misc]
                    width / 2 - 3 * mm,
                    value_text=[
                        shown(
                            "litres_per_producer_day",
                            g.figures["litres_per_producer_day"],
                            lang,
                        )
                        for g in groups
                    ],
                ),
                group_bars(
                    label("avg_price_per_kg", lang),
                    labels,
                    [g.figures["avg_price_per_kg"] for g in groups],  # type: ignore[misc]
                    width / 2 - 3 * mm,
                    value_text=[
                        shown("avg_price_per_kg", g.figures["avg_price_per_kg"], lang)
                        for g in groups
                    ],
                    reference=reference,  # type: ignore[arg-type]
                    reference_text=shown("reference_price_per_kg", reference, lang),
                ),
            ]
        ],
        colWidths=[width / 2] * 2,
    )
    story += [Spacer(1, 2 * mm), charts]
    story += [p(_("Resumen"), "h2"), summary(groups, lang, width)]
    for i in range(0, len(groups), GROUPS_PER_TABLE):
        story += group_table(groups[i : i + GROUPS_PER_TABLE], lang, width)
    return story


@in_language
def summary(groups: Sequence[GroupFigures], lang: str, width: float) -> Table:
    titles = [head(_("Grupo"))]
    titles += [head(short(k, lang), right=True) for k in GROUP_COLUMNS]
    rows: list[Sequence[object]] = [titles]
    for g in groups:
        rows.append([g.label(lang)] + [shown(k, g.figures[k], lang) for k in GROUP_COLUMNS])
    first = 34 * mm
    rest = (width - first) / len(GROUP_COLUMNS)
    table = grid(rows, [first] + [rest] * len(GROUP_COLUMNS), right_from=1)
    table.setStyle([("FONT", (0, 0), (-1, -1), fonts.CONDENSED, 6.5)])
    return table


@in_language
def group_table(groups: Sequence[GroupFigures], lang: str, width: float) -> list[Flowable]:
    """Every figure (rows) of up to four groups (columns); under each value its change
    against the baseline when there is one."""
    rows: list[Sequence[object]] = [
        [head(_("Indicador"))] + [head(g.label(lang), True) for g in groups]
    ]
    section_rows = []
    for title, keys in SECTIONS:
        section_rows.append(len(rows))
        rows.append([section_title(title, lang)] + [""] * len(groups))
        for key in keys:
            cells = [label(key, lang)]
            for g in groups:
                text = shown(key, g.figures[key], lang)
                if g.change is not None:
                    text += "\n" + brief_change(key, g.change[key], lang)
                cells.append(text)
            rows.append(cells)
    first = 62 * mm
    table = grid(
        rows,
        [first] + [(width - first) / len(groups)] * len(groups),
        right_from=1,
    )
    style = [("FONT", (0, 1), (-1, -1), fonts.CONDENSED, 7), ("LEADING", (0, 1), (-1, -1), 8.5)]
    for r in section_rows:
        style += [
            ("FONT", (0, r), (-1, r), fonts.CONDENSED_BOLD, 7.5),
            ("BACKGROUND", (0, r), (-1, r), SHADE),
        ]
    table.setStyle(style)
    return [Spacer(1, 3 * mm), table]

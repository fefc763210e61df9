"""The indicator report for the assembly (A4): a page of headline figures with charts, every
figure against the baseline, then a page per grouping. The numbers are the report's own
(the same object as `--json`), written through the one formatter."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from coop_desktop.core.i18n import _, in_language, in_language_of
from coop_desktop.core.numbers import D
from coop_desktop.documents.content import Header
from coop_desktop.documents.indicator_charts import period_bars
from coop_desktop.documents.indicator_group_pages import grouping_pages
from coop_desktop.documents.indicator_labels import (
    SECTIONS,
    basis,
    denominator,
    label,
    provisional_text,
    quantity,
    range_text,
    sales_note,
    section_title,
    shown,
    shown_change,
)
from coop_desktop.documents.layout import RULE, grid, header_block, p
from coop_desktop.documents.pages import build
from coop_desktop.domain.indicator_figures import Figures
from coop_desktop.domain.indicator_report import IndicatorReport, RangeFigures
from coop_desktop.domain.sales.margin import SALES_KEYS
from coop_desktop.language import formatting as fmt

WIDTH = A4[0] - 24 * mm
HEADLINE = (
    "producers",
    "litres",
    "litres_per_producer_day",
    "avg_st",
    "share_producers_meeting_ufc",
    "avg_price_per_kg",
    "quality_premium_per_kg",
    "net_per_producer",
    "share_women_producers",
    "share_women_litres",
    "share_women_gross",
    "gross",
)
GROUPS_PER_TABLE = 4


def _tick(value: float) -> Decimal:
    """An axis tick (a float chosen by the chart) as a number for the formatter."""
    return D(repr(round(value, 6)))


class IndicatorsRenderer:
    def __init__(self, invariant: bool = False) -> None:
        self.invariant = invariant

    @in_language_of("header.lang")
    def render(self, report: IndicatorReport, header: Header) -> bytes:
        lang = header.lang
        story = self.headline(report, header)
        story += [PageBreak(), *self.all_figures(report, lang)]
        for by in report.by:
            story += [PageBreak(), *grouping_pages(report, by, lang, WIDTH)]
        return build(
            story,
            A4,
            lang=lang,
            footer=_("Indicadores") + " · " + range_text(report.current, lang),
            title=_("Indicadores"),
            invariant=self.invariant,
        )

    @in_language_of("header.lang")
    def headline(self, report: IndicatorReport, header: Header) -> list[Flowable]:
        lang = header.lang
        r = report.current
        story: list[Flowable] = [
            header_block(header, _("INDICADORES"), range_text(r, lang), WIDTH),
            Spacer(1, 2 * mm),
        ]
        if report.baseline is not None:
            story.append(p(_("Línea base: ") + range_text(report.baseline, lang)))
        story += [p(provisional_text(report, lang), "bold"), Spacer(1, 3 * mm)]
        story += [self.cards(report, lang), Spacer(1, 4 * mm), self.charts(r, lang)]
        story += [p(_("Periodos"), "h2"), self.periods(r, lang)]
        return story

    @in_language
    def cards(self, report: IndicatorReport, lang: str) -> Table:
        f = report.current.figures
        cells = []
        for key in HEADLINE:
            text: list[Flowable] = [
                p(label(key, lang).strip(), "small"),
                p(shown(key, f[key], lang), "big"),
            ]
            if report.change is not None:
                diff, pct = shown_change(key, report.change[key], lang)
                base = _("vs. línea base: ")
                text.append(p(f"{base}{diff} ({pct})" if pct != "—" else base + diff, "small"))
            cells.append(text)
        rows = [cells[i : i + 4] for i in range(0, len(cells), 4)]
        table = Table(rows, colWidths=[WIDTH / 4] * 4)
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                    ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return table

    @in_language
    def charts(self, r: RangeFigures, lang: str) -> Table:
        codes = [pr.code for pr in r.periods]
        light = [pr.provisional for pr in r.periods]
        litres = period_bars(
            _("Litros por periodo"),
            lambda v: fmt.count(_tick(v), lang),
            codes,
            [pr.litres for pr in r.periods],
            WIDTH / 2 - 3 * mm,
            58 * mm,
            light=light,
        )
        reference = r.figures["reference_price_per_kg"]
        prices = period_bars(
            _("Precio pagado por kg y referencia nacional"),
            lambda v: fmt.number(_tick(v), 2, lang),
            codes,
            [pr.avg_price_per_kg for pr in r.periods],
            WIDTH / 2 - 3 * mm,
            58 * mm,
            light=light,
            reference=reference,  # type: ignore[arg-type]
            reference_text=_("referencia ") + shown("reference_price_per_kg", reference, lang),
            value_text=[
                fmt.number(pr.avg_price_per_kg, 4, lang) if pr.avg_price_per_kg else ""
                for pr in r.periods
            ]
            if len(r.periods) <= 12
            else [],
        )
        table = Table([[litres, prices]], colWidths=[WIDTH / 2] * 2)
        table.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)])
        return table

    @in_language
    def periods(self, r: RangeFigures, lang: str) -> Table:
        rows: list[list[str]] = [
            [
                _("Periodo"),
                _("Cifras"),
                _("Productores"),
                _("Litros"),
                "kg",
                _("Valor bruto"),
                _("Neto"),
                _("S/ por kg"),
            ]
        ]
        for pr in r.periods:
            rows.append(
                [
                    fmt.period(pr.code, lang),
                    _("provisional")
                    if pr.provisional
                    else _("sin leche")
                    if not pr.has_milk
                    else _("pagado"),
                    fmt.count(pr.producers, lang),
                    quantity(pr.litres, None, lang),
                    quantity(pr.kg, None, lang),
                    fmt.amount(pr.gross, lang),
                    fmt.amount(pr.net, lang),
                    fmt.unit_price(pr.avg_price_per_kg, lang) if pr.avg_price_per_kg else "—",
                ]
            )
        widths = [36 * mm, 20 * mm, 18 * mm, 24 * mm, 24 * mm, 22 * mm, 22 * mm]
        widths.append(WIDTH - sum(widths))
        return grid(rows, widths, right_from=2)

    @in_language
    def all_figures(self, report: IndicatorReport, lang: str) -> list[Flowable]:
        story: list[Flowable] = [
            p(_("Todas las cifras"), "title"),
            p(range_text(report.current, lang)),
        ]
        has_base = report.baseline is not None
        head = [_("Indicador"), _("Rango")]
        if has_base:
            head += [_("Línea base"), _("Cambio"), "%"]
        head.append(_("Tomado sobre (rango)"))
        figures = report.current.figures
        for title, keys in SECTIONS:
            rows: list[list[object]] = [[*head]]
            for key in keys:
                row = [label(key, lang), shown(key, figures[key], lang)]
                if has_base and report.baseline is not None and report.change is not None:
                    row += [
                        shown(key, report.baseline.figures[key], lang),
                        *shown_change(key, report.change[key], lang),
                    ]
                of = denominator(key, figures, lang)
                rows.append([*row, p(of, "small") if of else ""])
            widths = (
                [58 * mm, 26 * mm, 26 * mm, 24 * mm, 17 * mm] if has_base else [66 * mm, 30 * mm]
            )
            widths.append(WIDTH - sum(widths))
            story.append(
                KeepTogether(
                    [
                        p(section_title(title, lang), "h2"),
                        grid(rows, widths, right_from=1),
                    ]
                )
            )
        story += self.sales(report, lang, head, has_base)
        story += self.classes(report.current.figures, lang)
        return story

    @in_language
    def sales(
        self, report: IndicatorReport, lang: str, head: list[str], has_base: bool
    ) -> list[Flowable]:
        """Selling the milk: the range's four indicators (not per group)."""
        sales = report.current.sales
        if sales is None:
            return []
        rows: list[list[object]] = [[*head]]
        before = report.baseline.sales if report.baseline is not None else None
        for key in SALES_KEYS:
            row = [label(key, lang), shown(key, sales[key], lang)]
            if has_base:
                change = None if report.sales_change is None else report.sales_change[key]
                row += [
                    shown(key, before[key], lang) if before is not None else "—",
                    *shown_change(key, change, lang),
                ]
            taken = basis(key, lang)
            rows.append([*row, p(taken, "small") if taken else ""])
        widths = [58 * mm, 26 * mm, 26 * mm, 24 * mm, 17 * mm] if has_base else [66 * mm, 30 * mm]
        widths.append(WIDTH - sum(widths))
        parts: list[Flowable] = [
            p(_("Venta de la leche"), "h2"),
            grid(rows, widths, right_from=1),
        ]
        note = sales_note(report, lang)
        if note:
            parts.append(p(note, "small"))
        return [KeepTogether(parts)]

    @in_language
    def classes(self, f: Figures, lang: str) -> list[Flowable]:
        if not f.classes:
            return []
        rows = [
            [
                _("Clase del esquema"),
                _("Muestras"),
                _("% de muestras"),
                _("Productores"),
                _("% de productores"),
            ]
        ]
        for c in f.classes:
            rows.append(
                [
                    f"{c.component} {c.label}",
                    fmt.count(c.samples, lang),
                    fmt.percent(c.share_samples, 2, lang) if c.share_samples is not None else "—",
                    fmt.count(c.producers, lang),
                    fmt.percent(c.share_producers, 2, lang)
                    if c.share_producers is not None
                    else "—",
                ]
            )
        widths = [70 * mm, 28 * mm, 30 * mm, 28 * mm, WIDTH - 156 * mm]
        return [
            KeepTogether(
                [
                    p(
                        _("Clases de calidad del esquema"),
                        "h2",
                    ),
                    grid(rows, widths, right_from=1),
                ]
            )
        ]

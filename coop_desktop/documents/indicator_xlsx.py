"""The indicator report as a spreadsheet (openpyxl): the same figures as the JSON, as numbers
a project team can chart, with the stable JSON key beside each label.

Sheets: *Indicadores* (every figure, baseline and change), *Periodos*, *Clases*, one sheet
per grouping (a row per group), and *Datos* (long form: grouping, group, key, value,
baseline, change) for pivot tables."""

from __future__ import annotations

import io
from collections.abc import Mapping
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from coop_desktop.core.i18n import _, in_language
from coop_desktop.documents.indicator_labels import (
    SECTIONS,
    basis,
    kind,
    label,
    provisional_text,
    range_text,
    sales_note,
    section_title,
)
from coop_desktop.domain.indicator_figures import DENOMINATORS, KEYS, PLACES, Change, Figures
from coop_desktop.domain.indicator_groups import grouping_label
from coop_desktop.domain.indicator_report import IndicatorReport
from coop_desktop.domain.sales.margin import SALES_KEYS

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="E8EDF2")
FORMATS = {
    "count": "#,##0",
    "per_ml": "#,##0",
    "litres": "#,##0.000",
    "kg": "#,##0.000",
    "money": "#,##0.00",
    "price": "0.0000",
    "percent": '0.00" %"',
}


def _number_format(key: str) -> str:
    if kind(key) == "percent":
        return '0.00" %"'
    if kind(key) == "price" or PLACES.get(key) == 4:
        return "0.0000"
    return FORMATS[kind(key)]


def _put(ws: Worksheet, row: int, column: int, value: object, key: str | None = None) -> None:
    cell = ws.cell(row=row, column=column, value=value)  # Decimal is written as a number
    if key is not None and isinstance(value, (Decimal, int)):
        cell.number_format = _number_format(key)


def _head(ws: Worksheet, row: int, titles: list[str]) -> None:
    for i, title in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=i, value=title)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


@in_language
def indicators_xlsx(report: IndicatorReport, lang: str = "es") -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Indicadores")
    _figures_sheet(ws, report, lang)
    _periods_sheet(wb.create_sheet(_("Periodos")), report, lang)
    _classes_sheet(wb.create_sheet(_("Clases")), report.current.figures, lang)
    for by in report.by:
        name = grouping_label(by, lang)
        _group_sheet(wb.create_sheet(name[:31]), report, by, lang)
    _data_sheet(wb.create_sheet(_("Datos")), report, lang)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@in_language
def _figures_sheet(ws: Worksheet, report: IndicatorReport, lang: str) -> None:
    ws["A1"] = report.association
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = _("Indicadores: ") + range_text(report.current, lang)
    if report.baseline is not None:
        ws["A3"] = _("Línea base: ") + range_text(report.baseline, lang)
    ws["A4"] = provisional_text(report, lang)
    has_base = report.baseline is not None and report.change is not None
    titles = [
        _("Indicador"),
        _("Clave"),
        _("Rango"),
    ]
    if has_base:
        titles += [
            _("Línea base"),
            _("Cambio"),
            _("Cambio %"),
        ]
    titles.append(_("Tomado sobre (clave)"))
    of_column = len(titles)
    _head(ws, 6, titles)
    row = 7
    for title, keys in SECTIONS:
        ws.cell(row=row, column=1, value=section_title(title, lang)).font = BOLD
        row += 1
        for key in keys:
            ws.cell(row=row, column=1, value=label(key, lang).strip())
            ws.cell(row=row, column=2, value=key)
            _put(ws, row, 3, report.current.figures[key], key)
            if has_base and report.baseline is not None and report.change is not None:
                change = report.change[key]
                _put(ws, row, 4, report.baseline.figures[key], key)
                _put(ws, row, 5, change.absolute, key)
                _put(ws, row, 6, change.percent, "share_women_producers")
            ws.cell(row=row, column=of_column, value=DENOMINATORS.get(key))
            row += 1
    _sales_rows(ws, row, report, lang, has_base, of_column)
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 32
    for letter in "CDEF":
        ws.column_dimensions[letter].width = 16
    ws.column_dimensions["G" if has_base else "D"].width = 28


@in_language
def _sales_rows(
    ws: Worksheet, row: int, report: IndicatorReport, lang: str, has_base: bool, of_column: int
) -> None:
    """Selling the milk: the range's four indicators (not per group), and the note."""
    sales = report.current.sales
    if sales is None:
        return
    ws.cell(row=row, column=1, value=_("Venta de la leche")).font = BOLD
    row += 1
    before = report.baseline.sales if report.baseline is not None else None
    for key in SALES_KEYS:
        ws.cell(row=row, column=1, value=label(key, lang).strip())
        ws.cell(row=row, column=2, value=key)
        _put(ws, row, 3, sales[key], key)
        if has_base and report.sales_change is not None:
            change = report.sales_change[key]
            _put(ws, row, 4, before[key] if before is not None else None, key)
            _put(ws, row, 5, change.absolute, key)
            _put(ws, row, 6, change.percent, "share_women_producers")
        ws.cell(row=row, column=of_column, value=basis(key, lang) or None)
        row += 1
    note = sales_note(report, lang)
    if note:
        ws.cell(row=row, column=1, value=note)


@in_language
def _periods_sheet(ws: Worksheet, report: IndicatorReport, lang: str) -> None:
    _head(
        ws,
        1,
        [
            _("Periodo"),
            _("Desde"),
            _("Hasta"),
            _("Provisional"),
            _("Productores"),
            _("Litros"),
            "kg",
            _("Valor bruto"),
            _("Neto"),
            _("S/ por kg"),
            _("Socios sin análisis"),
            _("Litros sin análisis"),
            _("Con leche"),
        ],
    )
    ranges = [(_("rango"), report.current)]
    if report.baseline is not None:
        ranges.append((_("línea base"), report.baseline))
    row = 2
    for _name, r in ranges:
        for pr in r.periods:
            values: list[tuple[object, str | None]] = [
                (pr.code, None),
                (pr.start, None),
                (pr.end, None),
                (_("sí") if pr.provisional else _("no"), None),
                (pr.producers, "producers"),
                (pr.litres, "litres"),
                (pr.kg, "kg"),
                (pr.gross, "gross"),
                (pr.net, "net"),
                (pr.avg_price_per_kg, "avg_price_per_kg"),
                (pr.missing_tests, "producers"),
                (pr.litres_untested, "litres"),
                (_("sí") if pr.has_milk else _("no"), None),
            ]
            for column, (value, key) in enumerate(values, start=1):
                _put(ws, row, column, value, key)
                if column in (2, 3):
                    ws.cell(row=row, column=column).number_format = "DD/MM/YYYY"
            row += 1
        row += 1
    for letter in "ABCDEFGHIJKLM":
        ws.column_dimensions[letter].width = 14


@in_language
def _classes_sheet(ws: Worksheet, f: Figures, lang: str) -> None:
    _head(
        ws,
        1,
        [
            _("Componente"),
            _("Medida"),
            _("Clase"),
            _("Muestras"),
            _("% de muestras"),
            _("Productores"),
            _("% de productores"),
        ],
    )
    for row, c in enumerate(f.classes, start=2):
        for column, (value, key) in enumerate(
            [
                (c.component, None),
                (c.measure, None),
                (c.label, None),
                (c.samples, "samples"),
                (c.share_samples, "share_women_producers"),
                (c.producers, "producers"),
                (c.share_producers, "share_women_producers"),
            ],
            start=1,
        ):
            _put(ws, row, column, value, key)


@in_language
def _group_sheet(ws: Worksheet, report: IndicatorReport, by: str, lang: str) -> None:
    groups = report.groups_by(by)
    _head(ws, 1, [_("Grupo")] + [label(k, lang).strip() for k in KEYS])
    ws.cell(row=2, column=1, value=_("(clave)"))
    for column, key in enumerate(KEYS, start=2):
        ws.cell(row=2, column=column, value=key)
    for row, g in enumerate(groups, start=3):
        ws.cell(row=row, column=1, value=g.label(lang))
        for column, key in enumerate(KEYS, start=2):
            _put(ws, row, column, g.figures[key], key)
    ws.column_dimensions["A"].width = 30
    ws.freeze_panes = "B3"


@in_language
def _data_sheet(ws: Worksheet, report: IndicatorReport, lang: str) -> None:
    _head(
        ws,
        1,
        ["by", "group", "label", "key", "value", "baseline", "change", "change_percent"],
    )
    row = 2
    blocks: list[tuple[str, str, str, Figures, Figures | None, Mapping[str, Change] | None]] = [
        (
            "",
            "",
            _("Todos"),
            report.current.figures,
            report.baseline.figures if report.baseline else None,
            report.change,
        )
    ]
    blocks += [
        (g.by, g.group, g.label(lang), g.figures, g.baseline, g.change) for g in report.groups
    ]
    sales = report.current.sales
    if sales is not None:
        before = report.baseline.sales if report.baseline is not None else None
        for key in SALES_KEYS:
            c = report.sales_change[key] if report.sales_change is not None else None
            line: list[tuple[object, str | None]] = [
                ("", None),
                ("", None),
                (_("Todos"), None),
                (key, None),
                (sales[key], key),
                (before[key] if before is not None else None, key),
                (c.absolute if c is not None else None, key),
                (c.percent if c is not None else None, "share_women_producers"),
            ]
            for column, (value, fmt_key) in enumerate(line, start=1):
                _put(ws, row, column, value, fmt_key)
            row += 1
    for by, group, name, figures, baseline, change in blocks:
        for key in KEYS:
            c = change[key] if change is not None else None
            values: list[tuple[object, str | None]] = [
                (by, None),
                (group, None),
                (name, None),
                (key, None),
                (figures[key], key),
                (baseline[key] if baseline is not None else None, key),
                (c.absolute if c is not None else None, key),
                (c.percent if c is not None else None, "share_women_producers"),
            ]
            for column, (value, fmt_key) in enumerate(values, start=1):
                _put(ws, row, column, value, fmt_key)
            row += 1
    ws.freeze_panes = "A2"

"""The balance and margin reports, as A4 PDF (landscape for the balance) or XLSX."""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from coop_desktop.core.i18n import _, in_language
from coop_desktop.documents.content import Header
from coop_desktop.documents.layout import escape, grid, header_block, p
from coop_desktop.documents.pages import build
from coop_desktop.documents.sales_labels import (
    BALANCE_COLUMNS,
    STOCK_COLUMNS,
    balance_cell,
    margin_lines,
    untested_note,
)
from coop_desktop.documents.spreadsheet import Column, Sheet, xlsx_bytes
from coop_desktop.language import formatting as fmt


def _range(start: date, end: date, lang: str) -> str:
    return f"{fmt.day(start, lang)} – {fmt.day(end, lang)}"


@in_language
def balance_pdf(report: Any, header: Header, lang: str = "es") -> bytes:
    width = landscape(A4)[0] - 24 * mm
    head = [_("Fecha"), _("Centro")] + [_(es).replace(" ", "\n", 1) for _k, es in BALANCE_COLUMNS]
    rows: list[list[str]] = [head]
    for r in (*report.rows, report.total):
        rows.append(
            [
                "" if r.day is None else fmt.day(r.day, lang),
                (r.centre or _("TOTAL")) + (" ▲" if r.amber else ""),
                *(balance_cell(k, getattr(r, k), lang) for k, _es in BALANCE_COLUMNS),
            ]
        )
    widths = [20 * mm, 18 * mm] + [(width - 38 * mm) / len(BALANCE_COLUMNS)] * len(BALANCE_COLUMNS)
    note = _(
        "▲ merma mayor que el umbral de {value}. Merma = inicial + acopio − "
        "despacho − venta local − final; tránsito = nuestra medida − la del "
        "comprador. La grasa y los sólidos cuentan el stock del tanque al "
        "abrir y al cerrar, valorizado con la grasa (los sólidos) del acopio "
        "del día."
    ).format(
        value=fmt.percent(report.threshold, 1, lang), value2=fmt.percent(report.threshold, 1, "en")
    )
    story: list[Flowable] = [
        header_block(
            header,
            _("BALANCE DE LECHE"),
            _range(report.start, report.end, lang),
            width,
        ),
        Spacer(1, 4 * mm),
        grid(rows, widths, right_from=2, size=7),
        Spacer(1, 3 * mm),
        p(escape(note), "small"),
    ]
    return build(story, landscape(A4), lang=lang, title=_("Balance de leche"))


@in_language
def balance_xlsx(report: Any, lang: str = "es") -> bytes:
    columns = [Column(_("Fecha"), "date"), Column(_("Centro"))]
    every = (*BALANCE_COLUMNS, *STOCK_COLUMNS)
    columns += [
        Column(_(es), "percent" if k.endswith("_pct") else "quantity", 14) for k, es in every
    ]
    columns.append(Column(_("Ámbar"), "text", 8))
    rows = [
        [
            r.day,
            r.centre,
            *(getattr(r, k) for k, _es in every),
            _("sí") if r.amber else "",
        ]
        for r in report.rows
    ]
    t = report.total
    totals = [
        None,
        _("TOTAL"),
        *(getattr(t, k) for k, _es in every),
        "",
    ]
    return xlsx_bytes([Sheet(_("Balance"), columns, rows, totals)])


def balance_file(report: Any, header: Header, kind: str, lang: str = "es") -> bytes:
    return balance_pdf(report, header, lang) if kind == "pdf" else balance_xlsx(report, lang)


@in_language
def margin_pdf(m: Any, start: date, end: date, header: Header, lang: str = "es") -> bytes:
    width = A4[0] - 24 * mm
    rows = [[_("Concepto"), _("Valor")]]
    rows += [[label, value] for label, value in margin_lines(m, lang)]
    story: list[Flowable] = [
        header_block(
            header,
            _("MARGEN DEL ACOPIO"),
            _range(start, end, lang),
            width,
        ),
        Spacer(1, 5 * mm),
        grid(rows, [width * 0.6, width * 0.4], right_from=1, size=10),
        Spacer(1, 4 * mm),
        p(
            escape(
                _(
                    "Margen = ventas − leche de los socios − gastos. Participación del "
                    "productor = leche de los socios ÷ ventas."
                )
            ),
            "small",
        ),
    ]
    note = untested_note(m, lang)
    if note:
        story.append(p(escape(note), "small"))
    mark = _("PROVISIONAL") if m.provisional else ""
    return build(story, A4, mark=mark, lang=lang, title=_("Margen"))


@in_language
def margin_xlsx(m: Any, lang: str = "es") -> bytes:
    kinds = {
        "litres_bought": "quantity",
        "litres_sold": "quantity",
        "shrinkage_l": "quantity",
        "litres_untested": "quantity",
        "margin_per_l": "price",
        "margin_pct": "percent",
        "producer_share_pct": "percent",
        "provisional": "text",
    }
    data = m.as_dict()
    columns = [Column(key, kinds.get(key, "money"), 14) for key in data]
    row = [("sí" if v else "no") if isinstance(v, bool) else v for v in data.values()]
    return xlsx_bytes([Sheet(_("Margen"), columns, [row])])


def margin_file(
    m: Any, start: date, end: date, header: Header, kind: str, lang: str = "es"
) -> bytes:
    return margin_pdf(m, start, end, header, lang) if kind == "pdf" else margin_xlsx(m, lang)

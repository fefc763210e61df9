"""`coop report indicators` (figures for the assembly and the project) and
`coop report reference-price` (the price per kg the indicators compare with)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table
from coop_desktop.core.i18n import _
from coop_desktop.domain.indicator_groups import GROUPINGS, grouping_label


def register(commands: Any, lang: str) -> None:
    report = commands.add_parser("report", help=_("informes e indicadores"))
    sub = report.add_subparsers(dest="report", required=True, metavar="INFORME")
    p = sub.add_parser(
        "indicators",
        help=_("indicadores de cantidad, calidad, precio e inclusión"),
    )
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    p.add_argument(
        "--by",
        action="append",
        choices=GROUPINGS,
        default=[],
        help=_("agrupar (se puede repetir)"),
    )
    p.add_argument("--baseline-from", metavar="YYYY-MM-DD")
    p.add_argument("--baseline-to", metavar="YYYY-MM-DD")
    p.add_argument(
        "--reference-price",
        metavar="S/",
        help=_("precio de referencia por kg para esta consulta"),
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", metavar="FILE.pdf|FILE.xlsx")
    p.add_argument(
        "--force",
        action="store_true",
        help=_("reemplaza un archivo existente que no es un PDF de Coop Desktop"),
    )
    p.set_defaults(handler=cmd_indicators)
    p = sub.add_parser(
        "reference-price",
        help=_("muestra o fija el precio de referencia por kg (S/ 1.54 de 2024 si no se fija)"),
    )
    p.add_argument("value", nargs="?", metavar="S/")
    p.set_defaults(handler=cmd_reference_price)
    from coop_desktop.cli.sales_reports import register_reports

    register_reports(sub, lang)


def _dates(args: argparse.Namespace) -> tuple[Any, Any, tuple[Any, Any] | None]:
    from coop_desktop.core.errors import ValidationError
    from coop_desktop.domain.validation import iso_date

    start = iso_date(args.start, "from")
    end = iso_date(args.end, "to")
    baseline = None
    if args.baseline_from or args.baseline_to:
        if not (args.baseline_from and args.baseline_to):
            missing = "baseline_to" if args.baseline_from else "baseline_from"
            raise ValidationError("required", missing)
        baseline = (
            iso_date(args.baseline_from, "baseline_from"),
            iso_date(args.baseline_to, "baseline_to"),
        )
    return start, end, baseline


def cmd_indicators(args: argparse.Namespace) -> int:
    from coop_desktop.core.errors import ValidationError
    from coop_desktop.domain.indicator_report import report_json
    from coop_desktop.services.indicators import REPORT_FORMATS, indicators, report_file

    kind = None
    if args.output:
        kind = Path(args.output).suffix.lower().lstrip(".")
        if kind not in REPORT_FORMATS:
            raise ValidationError("bad_choice", "output", value=args.output, valid=".pdf, .xlsx")
    start, end, baseline = _dates(args)
    db = open_db(args)
    report = indicators(
        db, start, end, by=args.by, baseline=baseline, reference=args.reference_price
    )
    if kind is not None:
        from coop_desktop.core.outputs import write_file

        write_file(Path(args.output), report_file(db, report, kind, args.lang), force=args.force)
    if args.json:
        print_json(report_json(report, args.lang))
    elif kind is not None:
        print(_("Informe guardado en {output}").format(output=args.output))
    else:
        _print_text(report, args.lang)
    return 0


def _print_text(report: Any, lang: str) -> None:
    from coop_desktop.documents.indicator_labels import (
        GROUP_COLUMNS,
        SECTIONS,
        label,
        provisional_text,
        range_text,
        section_title,
        short,
        shown,
        shown_change,
    )

    print(report.association)
    print(_("Indicadores: ") + range_text(report.current, lang))
    if report.baseline is not None:
        print(_("Línea base: ") + range_text(report.baseline, lang))
    print(provisional_text(report, lang))
    headers = [_("Indicador"), _("Rango")]
    if report.baseline is not None:
        headers += [_("Línea base"), _("Cambio"), "%"]
    for title, keys in SECTIONS:
        print()
        print(section_title(title, lang))
        rows = []
        for key in keys:
            row = [label(key, lang), shown(key, report.current.figures[key], lang)]
            if report.baseline is not None:
                row += [
                    shown(key, report.baseline.figures[key], lang),
                    *shown_change(key, report.change[key], lang),
                ]
            rows.append(row)
        print_table(headers, rows)
    _print_sales(report, headers, lang)
    for by in report.by:
        print()
        groups = report.groups_by(by)
        print_table(
            [grouping_label(by, lang)] + [short(k, lang) for k in GROUP_COLUMNS],
            [
                [g.label(lang)] + [shown(k, g.figures[k], lang) for k in GROUP_COLUMNS]
                for g in groups
            ],
        )


def _print_sales(report: Any, headers: list[str], lang: str) -> None:
    from coop_desktop.documents.indicator_labels import label, sales_note, shown, shown_change
    from coop_desktop.domain.sales.margin import SALES_KEYS

    sales = report.current.sales
    if sales is None:
        return
    print()
    print(_("Venta de la leche"))
    before = report.baseline.sales if report.baseline is not None else None
    rows = []
    for key in SALES_KEYS:
        row = [label(key, lang), shown(key, sales[key], lang)]
        if report.baseline is not None:
            change = None if report.sales_change is None else report.sales_change[key]
            row += [
                shown(key, before[key], lang) if before is not None else "—",
                *shown_change(key, change, lang),
            ]
        rows.append(row)
    print_table(headers, rows)
    note = sales_note(report, lang)
    if note:
        print(note)


def cmd_reference_price(args: argparse.Namespace) -> int:
    from coop_desktop.documents.indicator_labels import shown
    from coop_desktop.services.indicators import reference_price, set_reference_price

    db = open_db(args)
    price = set_reference_price(db, args.value) if args.value else reference_price(db)
    print(_("Precio de referencia por kg: ") + shown("reference_price_per_kg", price, args.lang))
    return 0

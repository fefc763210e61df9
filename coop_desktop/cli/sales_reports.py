"""`coop balance` (the daily milk balance), `coop report margin` and `coop report plant`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table
from coop_desktop.core.i18n import _

BALANCE_KEYS = (
    "opening_l",
    "accepted_l",
    "dispatched_l",
    "local_sales_l",
    "closing_l",
    "shrinkage_l",
    "shrinkage_pct",
    "transit_l",
    "fat_in_kg",
    "fat_out_kg",
    "fat_loss_kg",
    "solids_in_kg",
    "solids_out_kg",
)
STOCK_KEYS = (
    "opening_fat_kg",
    "closing_fat_kg",
    "opening_solids_kg",
    "closing_solids_kg",
    "solids_loss_kg",
)


def _output(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", metavar="FILE.pdf|FILE.xlsx")
    p.add_argument(
        "--force",
        action="store_true",
        help=_("reemplaza un archivo existente"),
    )


def register(commands: Any, lang: str) -> None:
    p = commands.add_parser("balance", help=_("balance diario de leche por centro"))
    p.add_argument("--centre", metavar="C")
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--by", default="day", choices=["day", "centre"])
    p.add_argument(
        "--threshold",
        metavar="PCT",
        help=_("fija el umbral de merma (%%) de la asociación"),
    )
    _output(p, lang)
    p.set_defaults(handler=cmd_balance)


def register_reports(sub: Any, lang: str) -> None:
    p = sub.add_parser("margin", help=_("margen del acopio por periodo"))
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    _output(p, lang)
    p.set_defaults(handler=cmd_margin)
    p = sub.add_parser("plant", help=_("producción de la planta propia"))
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_plant)


def _range(args: argparse.Namespace) -> tuple[Any, Any]:
    from coop_desktop.domain.validation import iso_date

    return iso_date(args.start, "from"), iso_date(args.end, "to")


def _kind(args: argparse.Namespace) -> str | None:
    from coop_desktop.core.errors import ValidationError

    if not args.output:
        return None
    kind = Path(args.output).suffix.lower().lstrip(".")
    if kind not in ("pdf", "xlsx"):
        raise ValidationError("bad_choice", "output", value=args.output, valid=".pdf, .xlsx")
    return kind


def balance_row_json(row: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"date": row.day, "centre": row.centre}
    data.update({k: getattr(row, k) for k in (*BALANCE_KEYS, *STOCK_KEYS)})
    data["transit_pct"] = row.transit_pct
    data["amber"] = row.amber
    return data


def cmd_balance(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.balance import balance_report, set_threshold

    kind = _kind(args)
    start, end = _range(args)
    db = open_db(args)
    if args.threshold is not None:
        set_threshold(db, args.threshold)
    report = balance_report(db, start, end, centre=args.centre, by=args.by)
    if kind is not None:
        from coop_desktop.core.outputs import write_file
        from coop_desktop.documents.sales_reports import balance_file
        from coop_desktop.services.sales.paper import sales_header

        write_file(
            Path(args.output),
            balance_file(report, sales_header(db, args.lang), kind, args.lang),
            force=args.force,
        )
    if args.json:
        print_json(
            {
                "from": report.start,
                "to": report.end,
                "by": report.by,
                "threshold_pct": report.threshold,
                "rows": [balance_row_json(r) for r in report.rows],
                "total": balance_row_json(report.total),
            }
        )
        return 0
    if kind is not None:
        print(_("Balance guardado en {output}").format(output=args.output))
        return 0
    lang = args.lang
    headers = [
        _("Fecha"),
        _("Centro"),
        _("Inicial"),
        _("Acopio"),
        _("Despacho"),
        _("Venta local"),
        _("Final"),
        _("Merma"),
        _("%"),
        _("Tránsito"),
    ]

    def line(r: Any) -> tuple[Any, ...]:
        pct = "" if r.shrinkage_pct is None else fmt.percent(r.shrinkage_pct, 2, lang)
        return (
            "" if r.day is None else fmt.day(r.day),
            r.centre or _("TOTAL"),
            *(fmt.quantity(getattr(r, k), None, lang) for k in BALANCE_KEYS[:6]),
            pct + (" !" if r.amber else ""),
            fmt.quantity(r.transit_l, None, lang),
        )

    print_table(headers, [line(r) for r in (*report.rows, report.total)])
    return 0


def margin_json(m: Any) -> dict[str, Any]:
    data: dict[str, Any] = m.as_dict()
    return data


def cmd_margin(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.margin import margin_report

    kind = _kind(args)
    start, end = _range(args)
    db = open_db(args)
    m = margin_report(db, start, end)
    if kind is not None:
        from coop_desktop.core.outputs import write_file
        from coop_desktop.documents.sales_reports import margin_file
        from coop_desktop.services.sales.paper import sales_header

        write_file(
            Path(args.output),
            margin_file(m, start, end, sales_header(db, args.lang), kind, args.lang),
            force=args.force,
        )
    if args.json:
        print_json(margin_json(m))
        return 0
    if kind is not None:
        print(_("Informe guardado en {output}").format(output=args.output))
        return 0
    from coop_desktop.documents.sales_labels import margin_lines, untested_note

    for label, value in margin_lines(m, args.lang):
        print(f"{label}: {value}")
    if m.litres_untested:
        print(untested_note(m, args.lang))
    elif m.provisional:
        print(_("PROVISIONAL: hay periodos abiertos o despachos sin recepción."))
    return 0


def cmd_plant(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.plant import plant_report

    start, end = _range(args)
    report = plant_report(open_db(args), start, end)
    if args.json:
        print_json(
            {
                "from": report.start,
                "to": report.end,
                "transfer_l": report.transfer_l,
                "transfer_amount": report.transfer_amount,
                "rows": [
                    {
                        "month": r.month,
                        "product": r.product,
                        "batches": r.batches,
                        "milk_l": r.milk_l,
                        "kg_out": r.kg_out,
                        "yield_l_per_kg": r.yield_l_per_kg,
                    }
                    for r in report.rows
                ],
            }
        )
        return 0
    lang = args.lang
    headers = [_("Mes"), _("Producto"), _("Lotes"), _("Leche"), _("kg"), _("L/kg")]
    print_table(
        headers,
        [
            (
                r.month,
                r.product,
                r.batches,
                fmt.quantity(r.milk_l, "L", lang),
                fmt.quantity(r.kg_out, "kg", lang),
                r.yield_l_per_kg,
            )
            for r in report.rows
        ],
    )
    return 0

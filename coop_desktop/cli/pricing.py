"""`coop scheme …` and `coop price …`: price schemes as data, and pricing one delivery."""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import Any

from coop_desktop.cli.base import databases, open_db, print_json, print_table
from coop_desktop.core.errors import ValidationError
from coop_desktop.core.i18n import _
from coop_desktop.core.numbers import D


def register(commands: Any, lang: str) -> None:
    scheme = commands.add_parser("scheme", help=_("esquemas de precios"))
    sub = scheme.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = sub.add_parser(
        "import",
        help=_("importa un esquema (valida primero)"),
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--effective", help="YYYY-MM-DD")
    p.set_defaults(handler=cmd_import)
    p = sub.add_parser("list", help=_("lista esquemas y versiones"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("export", help=_("exporta un esquema a un archivo"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--effective", help="YYYY-MM-DD")
    p.add_argument(
        "--force",
        action="store_true",
        help=_("reemplaza un archivo existente"),
    )
    p.set_defaults(handler=cmd_export)
    p = sub.add_parser(
        "simulate",
        help=_("simula un esquema sobre un periodo pasado"),
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("period", metavar="PERIOD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_simulate)

    p = commands.add_parser("price", help=_("calcula el precio de una entrega"))
    p.add_argument("--scheme", required=True, metavar="FILE")
    p.add_argument("--quantity", required=True)
    p.add_argument("--unit", required=True, choices=["L", "kg"])
    p.add_argument("--measure", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument(
        "--flag",
        action="append",
        default=[],
        choices=["cooled", "herd_health", "organic", "regenerative", "good_practice"],
    )
    p.add_argument(
        "--volume",
        help=_("volumen del periodo para tramos por volumen"),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_price)


def _read(path: str) -> str:
    from coop_desktop.core.input_files import readable_file

    file = readable_file(path)
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValidationError("not_a_scheme_file", "file", value=path) from None


def cmd_import(args: argparse.Namespace) -> int:
    from coop_desktop.domain.validation import iso_date
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.schemes import import_scheme

    effective = iso_date(args.effective, "date") if args.effective else None
    info = import_scheme(open_db(args), _read(args.file), effective)
    print(
        _("Esquema «{name}» vigente desde el {value}.").format(
            name=info.name, value=fmt.day(info.effective_from)
        )
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.schemes import list_schemes

    rows = list_schemes(open_db(args))
    if args.json:
        print_json(
            [
                {
                    "name": r.name,
                    "title": r.title,
                    "effective_from": r.effective_from,
                    "currency": r.currency,
                    "unit": r.unit,
                }
                for r in rows
            ]
        )
        return 0
    headers = [_("Esquema"), _("Vigente desde"), _("Moneda"), _("Unidad"), _("Título")]
    print_table(
        headers,
        [(r.name, fmt.day(r.effective_from), r.currency, r.unit, r.title) for r in rows],
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from coop_desktop.core.outputs import write_file
    from coop_desktop.domain.validation import iso_date
    from coop_desktop.services.schemes import export_scheme

    effective = iso_date(args.effective, "date") if args.effective else None
    text = export_scheme(open_db(args), args.name, effective)
    write_file(Path(args.file), text.encode("utf-8"), force=args.force, databases=databases(args))
    print(_("Esquema guardado en {file}").format(file=args.file))
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.whatif import simulate

    sim = simulate(open_db(args), _read(args.file), args.period)
    fields = ("kg", "litres", "current", "simulated", "difference")
    if args.json:
        print_json(
            {
                "period": sim.period,
                "scheme": sim.scheme,
                "currency": sim.currency,
                "members": [
                    {
                        "code": m.code,
                        "name": m.name,
                        "kg": m.kg,
                        "litres": m.litres,
                        "current": m.current,
                        "simulated": m.simulated,
                        "difference": m.difference,
                        "missing_tests": m.missing_tests,
                    }
                    for m in sim.members
                ],
                "totals": {f: sim.total(f) for f in fields},
            }
        )
        return 0
    headers = (
        ["Socio", "Nombre", "kg", "Pagado" if sim.closed else "Actual", "Simulado", "Diferencia"]
        if args.lang == "es"
        else [
            "Member",
            "Name",
            "kg",
            "Paid" if sim.closed else "Current",
            "Simulated",
            "Difference",
        ]
    )
    lang = args.lang

    def signed(value: Decimal) -> str:
        return ("+" if value > 0 else "") + fmt.amount(value, lang)

    rows: list[tuple[Any, ...]] = [
        (
            m.code,
            m.name,
            fmt.quantity(m.kg, None, lang),
            fmt.amount(m.current, lang),
            fmt.amount(m.simulated, lang),
            signed(m.difference),
        )
        for m in sim.members
    ]
    rows.append(
        (
            _("TOTAL"),
            "",
            fmt.quantity(sim.total("kg"), None, lang),
            fmt.amount(sim.total("current"), lang),
            fmt.amount(sim.total("simulated"), lang),
            signed(sim.total("difference")),
        )
    )
    print_table(headers, rows)
    return 0


def cmd_price(args: argparse.Namespace) -> int:
    from coop_desktop.core.numbers import quantize, trim
    from coop_desktop.domain import validation as v
    from coop_desktop.domain.pricing import schema
    from coop_desktop.domain.pricing.pricer import Pricer
    from coop_desktop.language import formatting as fmt

    scheme = schema.loads(_read(args.scheme))[0]
    quantity = v.quantity(args.quantity)
    measures = dict(v.measure_assignment(text) for text in args.measure)
    volume = v.decimal(args.volume, "volume", 3) if args.volume else None
    result = Pricer(scheme).price(quantity, args.unit, measures, frozenset(args.flag), volume)
    if args.json:
        print_json(
            {
                "scheme": scheme.name,
                "currency": result.currency,
                "unit": result.unit,
                "quantity": result.quantity,
                "kg": result.kg,
                "litres": result.litres,
                "unit_price": trim(result.unit_price),
                "amount": result.amount,
                "rejected": result.rejected,
                "reason": result.reason,
                "lines": [
                    {
                        "kind": ln.kind,
                        "label": ln.label,
                        "measure": ln.measure,
                        "value": ln.value,
                        "rule": ln.rule,
                        "per_unit": trim(quantize(ln.per_unit, D("0.000001"))),
                        "amount": ln.amount,
                        "note": ln.note,
                    }
                    for ln in result.lines
                ],
                "warnings": list(result.warnings),
            }
        )
        return 0
    lang, unit = args.lang, fmt.unit_label(result.unit, args.lang)
    per = _("por")
    print(f"{scheme.title}")
    for ln in result.lines:
        value = "" if ln.value is None else f" ({fmt.flexible(ln.value, 0, 4, lang)})"
        print(
            f"  {ln.label}{value}: {ln.rule}  {_per_unit(ln.per_unit, lang)} {per} {unit}"
            f"  = {fmt.money(ln.amount, lang, result.currency)}"
            f"{'  ' + ln.note if ln.note else ''}"
        )
    price = fmt.money(result.unit_price, lang, result.currency).replace(
        fmt.amount(result.unit_price, lang), fmt.unit_price(result.unit_price, lang)
    )
    total = fmt.money(result.amount, lang, result.currency)
    amount_of = fmt.quantity(result.quantity, result.unit, lang)
    if result.unit.startswith("100"):  # 9.93181 × 100 lb: five places, as the line keeps
        base = result.unit.removeprefix("100")
        amount_of = (
            f"{fmt.quantity(result.quantity * 100, base, lang)} "
            f"({fmt.quantity_number(result.quantity, result.unit, lang)} × {unit})"
        )
    print(
        _("Precio: {price} por {unit} × {amount_of} = {total}").format(
            price=price, unit=unit, amount_of=amount_of, total=total
        )
    )
    if result.rejected:
        print(_("RECHAZADA: {reason}").format(reason=result.reason))
    return 0


def _per_unit(value: Decimal, lang: str = "es") -> str:
    """An amount per unit as people read it: up to 6 decimals, at least 2."""
    from coop_desktop.language import formatting as fmt

    return fmt.flexible(value, 2, 6, lang)

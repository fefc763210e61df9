"""`coop tank | tanks | expense | plant`, and the registration of every sales command
(`cli/sales_buyers.py`, `cli/sales_dispatch.py`)."""

from __future__ import annotations

import argparse
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table
from coop_desktop.cli.sales_buyers import _buyers, _sales
from coop_desktop.cli.sales_dispatch import _dispatch, optional_date
from coop_desktop.core.i18n import _


def register(commands: Any, lang: str) -> None:
    _buyers(commands, lang)
    _dispatch(commands, lang)
    p = commands.add_parser("tank", help=_("lectura del tanque de un centro"))
    p.add_argument("centre", metavar="CENTRE")
    p.add_argument("litres", metavar="LITRES")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--when", required=True, choices=["opening", "closing"])
    p.set_defaults(handler=cmd_tank)
    tanks = commands.add_parser("tanks", help=_("las lecturas de tanque"))
    sub = tanks.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = sub.add_parser("list", help=_("lista las lecturas"))
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--centre", metavar="C")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_tank_list)
    p = sub.add_parser("void", help=_("anula una lectura"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_tank_void)
    _sales(commands, lang)
    expense = commands.add_parser("expense", help=_("gastos del acopio"))
    sub = expense.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = sub.add_parser("add", help=_("registra un gasto"))
    p.add_argument("category", choices=["transport", "cleaning", "analyzer", "staff", "other"])
    p.add_argument("amount", metavar="AMOUNT")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--note")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_expense_add)
    p = sub.add_parser("reverse", help=_("revierte un gasto"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_expense_reverse)
    plant = commands.add_parser("plant", help=_("la planta propia"))
    sub = plant.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = sub.add_parser("batch", help=_("un lote de producción"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--milk", required=True, metavar="Q")
    p.add_argument("--unit", default="L", choices=["L"])
    p.add_argument("--product", required=True, metavar="NAME")
    p.add_argument("--out", required=True, metavar="KG")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_batch)
    p = sub.add_parser("product", help=_("agrega un producto"))
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_product)
    p = sub.add_parser("products", help=_("lista los productos"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_products)
    p = sub.add_parser("list", help=_("lista los lotes"))
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_batch_list)
    p = sub.add_parser("void", help=_("anula un lote"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_batch_void)


def cmd_tank(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.tanks import record_tank

    reading, litres = record_tank(open_db(args), args.centre, args.litres, args.date, args.when)
    print(
        _("Tanque {value}: {value2} (lectura {reading})").format(
            value=args.centre.upper(),
            value2=fmt.quantity(litres, "L"),
            reading=reading,
            value3=fmt.quantity(litres, "L", "en"),
        )
    )
    return 0


def cmd_expense_add(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.expenses import add_expense

    e = add_expense(open_db(args), args.category, args.amount, args.date, args.note)
    if args.json:
        print_json(
            {"id": e.id, "date": e.day, "category": e.category, "amount": e.amount, "note": e.note}
        )
    else:
        print(
            _("Gasto {id}: {value}").format(
                id=e.id, value=fmt.money(e.amount), value2=fmt.money(e.amount, "en")
            )
        )
    return 0


def cmd_expense_reverse(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.expenses import reverse_expense

    reverse_expense(open_db(args), args.id, args.reason)
    print(_("Gasto {id} revertido.").format(id=args.id))
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.plant import add_batch

    row = add_batch(open_db(args), args.date, args.milk, args.unit, args.product, args.out)
    if args.json:
        print_json(batch_json(row))
    else:
        print(
            _("Lote {id} de {product}: {yield_l_per_kg} L/kg").format(
                id=row.id, product=row.product, yield_l_per_kg=row.yield_l_per_kg
            )
        )
    return 0


def batch_json(b: Any) -> dict[str, Any]:
    return {
        "id": b.id,
        "date": b.day,
        "product": b.product,
        "milk_l": b.milk_l,
        "kg_out": b.kg_out,
        "yield_l_per_kg": b.yield_l_per_kg,
        "void": b.void,
    }


def cmd_product(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.plant import add_product

    name = add_product(open_db(args), args.name)
    print(_("Producto agregado: {name}").format(name=name))
    return 0


def cmd_products(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.plant import product_names

    names = product_names(open_db(args))
    if args.json:
        print_json(names)
    else:
        for name in names:
            print(name)
    return 0


def cmd_batch_list(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.plant import list_batches

    rows = list_batches(
        open_db(args), optional_date(args.start, "from"), optional_date(args.end, "to")
    )
    if args.json:
        print_json([batch_json(b) for b in rows])
        return 0
    lang = args.lang
    headers = [_("Id"), _("Fecha"), _("Producto"), _("Leche"), _("kg"), _("L/kg"), _("Estado")]
    print_table(
        headers,
        [
            (
                b.id,
                fmt.day(b.day),
                b.product,
                fmt.quantity(b.milk_l, "L", lang),
                fmt.quantity(b.kg_out, "kg", lang),
                b.yield_l_per_kg,
                _("ANULADO") if b.void else "",
            )
            for b in rows
        ],
    )
    return 0


def cmd_batch_void(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.plant import void_batch

    b = void_batch(open_db(args), args.id, args.reason)
    print(_("Lote {id} ({product}): anulado").format(id=b.id, product=b.product))
    return 0


def tank_json(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "centre": r.centre,
        "date": r.day,
        "when": r.moment,
        "litres": r.litres,
        "void": r.void,
    }


def cmd_tank_list(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.tanks import list_tanks

    rows = list_tanks(
        open_db(args),
        optional_date(args.start, "from"),
        optional_date(args.end, "to"),
        args.centre,
    )
    if args.json:
        print_json([tank_json(r) for r in rows])
        return 0
    lang = args.lang
    moment = {"opening": _("apertura"), "closing": _("cierre")}
    headers = [_("Id"), _("Fecha"), _("Centro"), _("Momento"), _("Litros"), _("Estado")]
    print_table(
        headers,
        [
            (
                r.id,
                fmt.day(r.day),
                r.centre,
                moment[r.moment],
                fmt.quantity(r.litres, "L", lang),
                _("ANULADO") if r.void else "",
            )
            for r in rows
        ],
    )
    return 0


def cmd_tank_void(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.tanks import void_tank

    r = void_tank(open_db(args), args.id, args.reason)
    print(
        _("Lectura {id} del tanque {centre} ({value}): anulada").format(
            id=r.id, centre=r.centre, value=fmt.day(r.day), value2=fmt.day(r.day, "en")
        )
    )
    return 0

"""`coop tank | tanks | expense | plant`, and the registration of every sales command
(`cli/sales_buyers.py`, `cli/sales_dispatch.py`)."""

from __future__ import annotations

import argparse
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table, t
from coop_desktop.cli.sales_buyers import _buyers, _sales
from coop_desktop.cli.sales_dispatch import _dispatch, optional_date


def register(commands: Any, lang: str) -> None:
    _buyers(commands, lang)
    _dispatch(commands, lang)
    p = commands.add_parser(
        "tank", help=t(lang, "lectura del tanque de un centro", "a centre's tank reading")
    )
    p.add_argument("centre", metavar="CENTRE")
    p.add_argument("litres", metavar="LITRES")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--when", required=True, choices=["opening", "closing"])
    p.set_defaults(handler=cmd_tank)
    tanks = commands.add_parser(
        "tanks", help=t(lang, "las lecturas de tanque", "the tank readings")
    )
    sub = tanks.add_subparsers(dest="action", required=True, metavar="ACCIÓN")
    p = sub.add_parser("list", help=t(lang, "lista las lecturas", "list the readings"))
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--centre", metavar="C")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_tank_list)
    p = sub.add_parser("void", help=t(lang, "anula una lectura", "annul a reading"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_tank_void)
    _sales(commands, lang)
    expense = commands.add_parser(
        "expense", help=t(lang, "gastos del acopio", "expenses of the collection")
    )
    sub = expense.add_subparsers(dest="action", required=True, metavar="ACCIÓN")
    p = sub.add_parser("add", help=t(lang, "registra un gasto", "record an expense"))
    p.add_argument("category", choices=["transport", "cleaning", "analyzer", "staff", "other"])
    p.add_argument("amount", metavar="AMOUNT")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--note")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_expense_add)
    p = sub.add_parser("reverse", help=t(lang, "revierte un gasto", "reverse an expense"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_expense_reverse)
    plant = commands.add_parser("plant", help=t(lang, "la planta propia", "the own plant"))
    sub = plant.add_subparsers(dest="action", required=True, metavar="ACCIÓN")
    p = sub.add_parser("batch", help=t(lang, "un lote de producción", "a production batch"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--milk", required=True, metavar="Q")
    p.add_argument("--unit", default="L", choices=["L"])
    p.add_argument("--product", required=True, metavar="NAME")
    p.add_argument("--out", required=True, metavar="KG")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_batch)
    p = sub.add_parser("product", help=t(lang, "agrega un producto", "add a product"))
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_product)
    p = sub.add_parser("products", help=t(lang, "lista los productos", "list the products"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_products)
    p = sub.add_parser("list", help=t(lang, "lista los lotes", "list the batches"))
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_batch_list)
    p = sub.add_parser("void", help=t(lang, "anula un lote", "annul a batch"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_batch_void)


def cmd_tank(args: argparse.Namespace) -> int:
    from coop_desktop import formatting as fmt
    from coop_desktop.services.sales.tanks import record_tank

    reading, litres = record_tank(open_db(args), args.centre, args.litres, args.date, args.when)
    print(
        t(
            args.lang,
            f"Tanque {args.centre.upper()}: {fmt.quantity(litres, 'L')} (lectura {reading})",
            f"Tank {args.centre.upper()}: {fmt.quantity(litres, 'L', 'en')} (reading {reading})",
        )
    )
    return 0


def cmd_expense_add(args: argparse.Namespace) -> int:
    from coop_desktop import formatting as fmt
    from coop_desktop.services.sales.expenses import add_expense

    e = add_expense(open_db(args), args.category, args.amount, args.date, args.note)
    if args.json:
        print_json(
            {"id": e.id, "date": e.day, "category": e.category, "amount": e.amount, "note": e.note}
        )
    else:
        print(
            t(
                args.lang,
                f"Gasto {e.id}: {fmt.money(e.amount)}",
                f"Expense {e.id}: {fmt.money(e.amount, 'en')}",
            )
        )
    return 0


def cmd_expense_reverse(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.expenses import reverse_expense

    reverse_expense(open_db(args), args.id, args.reason)
    print(t(args.lang, f"Gasto {args.id} revertido.", f"Expense {args.id} reversed."))
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.plant import add_batch

    row = add_batch(open_db(args), args.date, args.milk, args.unit, args.product, args.out)
    if args.json:
        print_json(batch_json(row))
    else:
        print(
            t(
                args.lang,
                f"Lote {row.id} de {row.product}: {row.yield_l_per_kg} L/kg",
                f"Batch {row.id} of {row.product}: {row.yield_l_per_kg} L/kg",
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
    print(t(args.lang, f"Producto agregado: {name}", f"Product added: {name}"))
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
    from coop_desktop import formatting as fmt
    from coop_desktop.services.sales.plant import list_batches

    rows = list_batches(
        open_db(args), optional_date(args.start, "from"), optional_date(args.end, "to")
    )
    if args.json:
        print_json([batch_json(b) for b in rows])
        return 0
    lang = args.lang
    headers = (
        ["Id", "Fecha", "Producto", "Leche", "kg", "L/kg", "Estado"]
        if lang == "es"
        else ["Id", "Date", "Product", "Milk", "kg", "L/kg", "Status"]
    )
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
                t(lang, "ANULADO", "VOID") if b.void else "",
            )
            for b in rows
        ],
    )
    return 0


def cmd_batch_void(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.plant import void_batch

    b = void_batch(open_db(args), args.id, args.reason)
    print(t(args.lang, f"Lote {b.id} ({b.product}): anulado", f"Batch {b.id} ({b.product}): void"))
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
    from coop_desktop import formatting as fmt
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
    moment = {"opening": t(lang, "apertura", "opening"), "closing": t(lang, "cierre", "closing")}
    headers = (
        ["Id", "Fecha", "Centro", "Momento", "Litros", "Estado"]
        if lang == "es"
        else ["Id", "Date", "Centre", "Moment", "Litres", "Status"]
    )
    print_table(
        headers,
        [
            (
                r.id,
                fmt.day(r.day),
                r.centre,
                moment[r.moment],
                fmt.quantity(r.litres, "L", lang),
                t(lang, "ANULADO", "VOID") if r.void else "",
            )
            for r in rows
        ],
    )
    return 0


def cmd_tank_void(args: argparse.Namespace) -> int:
    from coop_desktop import formatting as fmt
    from coop_desktop.services.sales.tanks import void_tank

    r = void_tank(open_db(args), args.id, args.reason)
    print(
        t(
            args.lang,
            f"Lectura {r.id} del tanque {r.centre} ({fmt.day(r.day)}): anulada",
            f"Tank reading {r.id} of {r.centre} ({fmt.day(r.day, 'en')}): void",
        )
    )
    return 0

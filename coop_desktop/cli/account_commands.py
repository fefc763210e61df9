"""`coop advance | product | sale | charge | loan | adjust | ledger`: member accounts."""

from __future__ import annotations

import argparse
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table
from coop_desktop.core.i18n import _


def register(commands: Any, lang: str) -> None:
    p = commands.add_parser("advance", help=_("adelanto en efectivo"))
    p.add_argument("member_code", metavar="MEMBER_CODE")
    p.add_argument("amount", metavar="AMOUNT")
    p.add_argument("--date", help="YYYY-MM-DD")
    p.set_defaults(handler=cmd_advance)

    product = commands.add_parser("product", help=_("catálogo de insumos"))
    psub = product.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = psub.add_parser("add", help=_("agrega un producto"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("price", metavar="PRICE")
    p.add_argument("--unit", default="unidad")
    p.set_defaults(handler=cmd_product_add)

    p = commands.add_parser("sale", help=_("venta de insumo al crédito"))
    p.add_argument("member_code", metavar="MEMBER_CODE")
    p.add_argument("product", metavar="PRODUCT")
    p.add_argument("quantity", metavar="QTY")
    p.add_argument("--date", help="YYYY-MM-DD")
    p.set_defaults(handler=cmd_sale)

    charge = commands.add_parser("charge", help=_("cargos recurrentes"))
    csub = charge.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = csub.add_parser("add", help=_("agrega un cargo recurrente"))
    p.add_argument("kind", metavar="KIND", choices=["dues", "fee", "transport", "other"])
    p.add_argument("amount", metavar="AMOUNT")
    p.add_argument("--per", required=True, choices=["period", "litre"])
    p.add_argument("--name")
    p.add_argument("--from", dest="start", help="YYYY-MM-DD")
    p.set_defaults(handler=cmd_charge_add)

    loan = commands.add_parser("loan", help=_("préstamos"))
    lsub = loan.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = lsub.add_parser("add", help=_("registra un préstamo"))
    p.add_argument("member_code", metavar="MEMBER_CODE")
    p.add_argument("amount", metavar="AMOUNT")
    p.add_argument("--instalments", type=int, required=True)
    p.add_argument("--name", default="Préstamo")
    p.add_argument("--from", dest="start", help="YYYY-MM-DD")
    p.set_defaults(handler=cmd_loan_add)

    p = commands.add_parser(
        "adjust",
        help=_("ajuste (corrección) en el periodo abierto"),
    )
    p.add_argument("member_code", metavar="MEMBER_CODE")
    p.add_argument(
        "amount",
        metavar="AMOUNT",
        help=_("positivo: a favor del socio"),
    )
    p.add_argument("--reason", required=True)
    p.add_argument("--corrects", type=int, metavar="ENTRY_ID")
    p.add_argument("--date", help="YYYY-MM-DD")
    p.set_defaults(handler=cmd_adjust)

    p = commands.add_parser("ledger", help=_("cuenta corriente de un socio"))
    p.add_argument("member_code", metavar="MEMBER_CODE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_ledger)


def cmd_advance(args: argparse.Namespace) -> int:
    from coop_desktop.services.accounts import add_advance

    entry, number = add_advance(open_db(args), args.member_code, args.amount, args.date)
    print(
        _("Adelanto {entry} registrado; recibo {number} (coop print advance {number} -o …)").format(
            entry=entry, number=number
        )
    )
    return 0


def cmd_product_add(args: argparse.Namespace) -> int:
    from coop_desktop.services.accounts import add_product

    print(add_product(open_db(args), args.name, args.price, args.unit))
    return 0


def cmd_sale(args: argparse.Namespace) -> int:
    from coop_desktop.services.accounts import sell_input

    print(sell_input(open_db(args), args.member_code, args.product, args.quantity, args.date))
    return 0


def cmd_charge_add(args: argparse.Namespace) -> int:
    from coop_desktop.services.accounts import add_charge

    print(add_charge(open_db(args), args.kind, args.amount, args.per, args.name, args.start))
    return 0


def cmd_loan_add(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.accounts import add_loan

    schedule = add_loan(
        open_db(args), args.member_code, args.amount, args.instalments, args.name, args.start
    )
    print(_("Cuotas: ") + ", ".join(fmt.amount(x, args.lang) for x in schedule))
    return 0


def cmd_adjust(args: argparse.Namespace) -> int:
    from coop_desktop.services.accounts import add_adjustment

    print(
        add_adjustment(
            open_db(args), args.member_code, args.amount, args.reason, args.corrects, args.date
        )
    )
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.accounts import ledger

    lines = ledger(open_db(args), args.member_code)
    if args.json:
        print_json(
            [
                {
                    "id": ln.id,
                    "date": ln.date,
                    "kind": ln.kind,
                    "description": ln.description,
                    "amount": ln.amount,
                    "balance": ln.balance,
                    "settlement_id": ln.settlement_id,
                    "corrects": ln.corrects_id,
                }
                for ln in lines
            ]
        )
        return 0
    headers = [_("Fecha"), _("Tipo"), _("Detalle"), _("Monto"), _("Saldo")]
    print_table(
        headers,
        [
            (
                fmt.day(ln.date),
                ln.kind,
                ln.description,
                fmt.amount(ln.amount, args.lang),
                fmt.amount(ln.balance, args.lang),
            )
            for ln in lines
        ],
    )
    return 0

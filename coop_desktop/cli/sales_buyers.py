"""`coop buyers` (buyers and their prices) and `coop sales` (the buyers' accounts: payments,
statements, the buyer's liquidación reconciled)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table
from coop_desktop.cli.sales_dispatch import dispatch_json, optional_date
from coop_desktop.core.i18n import _


def _buyers(commands: Any, lang: str) -> None:
    buyers = commands.add_parser("buyers", help=_("compradores de la leche"))
    sub = buyers.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    for name in ("add", "price"):
        p = sub.add_parser(
            name,
            help=_("agrega un comprador") if name == "add" else _("nuevo precio desde una fecha"),
        )
        p.add_argument("code", metavar="CODE")
        if name == "add":
            p.add_argument("--name", required=True, metavar="NAME")
            p.add_argument("--ruc", metavar="RUC")
            p.add_argument(
                "--kind", default="planta", choices=["planta", "queseria", "propia", "local"]
            )
        p.add_argument("--price", metavar="P")
        p.add_argument("--per", choices=["L", "kg"])
        p.add_argument("--scheme", metavar="FILE")
        p.add_argument("--effective", metavar="YYYY-MM-DD")
        p.set_defaults(handler=cmd_buyer_add if name == "add" else cmd_buyer_price)
    p = sub.add_parser("list", help=_("lista los compradores"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_buyer_list)


def _sales(commands: Any, lang: str) -> None:
    sales = commands.add_parser("sales", help=_("cuentas de los compradores"))
    sub = sales.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = sub.add_parser("receive", help=_("un pago recibido"))
    p.add_argument("buyer", metavar="BUYER")
    p.add_argument("amount", metavar="AMOUNT")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--reference", metavar="R")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_payment)
    p = sub.add_parser("reverse", help=_("revierte un pago"))
    p.add_argument("id", type=int, metavar="ENTRY_ID")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_payment_reverse)
    p = sub.add_parser("account", help=_("la cuenta de un comprador"))
    p.add_argument("buyer", metavar="BUYER")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_account)
    p = sub.add_parser("statement", help=_("estado de cuenta del comprador"))
    p.add_argument("buyer", metavar="BUYER")
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    p.add_argument("-o", "--output", metavar="FILE.pdf")
    p.add_argument("--force", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_statement)
    p = sub.add_parser(
        "import",
        help=_("compara la liquidación del comprador (CSV/XLSX) día por día"),
    )
    p.add_argument("buyer", metavar="BUYER")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)


def buyer_json(b: Any) -> dict[str, Any]:
    return {
        "code": b.code,
        "name": b.name,
        "ruc": b.ruc,
        "kind": b.kind,
        "terms": b.terms,
        "effective_from": b.terms_from,
        "price": b.price,
        "per": b.per,
        "scheme": b.scheme,
    }


def _scheme(path: str | None) -> str | None:
    if path is None:
        return None
    from coop_desktop.cli.pricing import _read

    return _read(path)


def cmd_buyer_add(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.buyers import add_buyer

    b = add_buyer(
        open_db(args),
        args.code,
        args.name,
        ruc=args.ruc,
        kind=args.kind,
        price=args.price,
        per=args.per,
        scheme_text=_scheme(args.scheme),
        effective=optional_date(args.effective, "effective"),
    )
    print(_("Comprador {code}: {name} ({terms})").format(code=b.code, name=b.name, terms=b.terms))
    return 0


def cmd_buyer_price(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.buyers import set_buyer_price

    b = set_buyer_price(
        open_db(args),
        args.code,
        price=args.price,
        per=args.per,
        scheme_text=_scheme(args.scheme),
        effective=optional_date(args.effective, "effective"),
    )
    print(_("Precio de {code}: {terms}").format(code=b.code, terms=b.terms))
    return 0


def cmd_buyer_list(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.buyers import list_buyers

    buyers = list_buyers(open_db(args), args.lang)
    if args.json:
        print_json([buyer_json(b) for b in buyers])
        return 0
    headers = [_("Código"), _("Nombre"), _("Tipo"), _("RUC"), _("Precio")]
    print_table(headers, [(b.code, b.name, b.kind, b.ruc, b.terms) for b in buyers])
    return 0


def cmd_payment(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.accounts import receive_payment

    e = receive_payment(open_db(args), args.buyer, args.amount, args.date, args.reference)
    if args.json:
        print_json({"id": e.id, "date": e.day, "amount": -e.amount, "reference": e.reference})
    else:
        print(
            _("Pago recibido: {value} (movimiento {id})").format(
                value=fmt.money(-e.amount), id=e.id, value2=fmt.money(-e.amount, "en")
            )
        )
    return 0


def cmd_payment_reverse(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.accounts import reverse_payment_entry

    reverse_payment_entry(open_db(args), args.id, args.reason)
    print(_("Movimiento {id} revertido.").format(id=args.id))
    return 0


def account_json(a: Any) -> dict[str, Any]:
    return {
        "buyer": a.buyer.code,
        "name": a.buyer.name,
        "opening": a.opening,
        "sales": a.sales,
        "payments": a.payments,
        "balance": a.balance,
        "entries": [
            {
                "id": e.id,
                "date": e.day,
                "kind": e.kind,
                "description": e.description,
                "reference": e.reference,
                "amount": e.amount,
                "balance": e.balance,
                "reverses": e.reverses_id,
            }
            for e in a.entries
        ],
    }


def cmd_account(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.accounts import buyer_account

    a = buyer_account(
        open_db(args), args.buyer, optional_date(args.start, "from"), optional_date(args.end, "to")
    )
    if args.json:
        print_json(account_json(a))
        return 0
    lang = args.lang
    headers = [_("Fecha"), _("Concepto"), _("Monto"), _("Saldo")]
    print(f"{a.buyer.code} {a.buyer.name}")
    print_table(
        headers,
        [
            (fmt.day(e.day), e.description, fmt.amount(e.amount, lang), fmt.amount(e.balance, lang))
            for e in a.entries
        ],
    )
    print(
        _("Saldo por cobrar: {value}").format(
            value=fmt.money(a.balance), value2=fmt.money(a.balance, "en")
        )
    )
    return 0


def cmd_statement(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.accounts import buyer_statement

    db = open_db(args)
    st = buyer_statement(
        db, args.buyer, optional_date(args.start, "from"), optional_date(args.end, "to")
    )
    if args.output:
        from coop_desktop.core.outputs import write_file
        from coop_desktop.documents.sales_statement import render_buyer_statement
        from coop_desktop.services.sales.paper import sales_header

        write_file(
            Path(args.output),
            render_buyer_statement(st, sales_header(db, args.lang), args.lang),
            force=args.force,
        )
    if args.json or not args.output:
        data = account_json(st.account)
        data["dispatches"] = [dispatch_json(d) for d in st.dispatches]
        print_json(data)
    else:
        print(_("Estado de cuenta guardado en {output}").format(output=args.output))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.accounts import reconcile

    result = reconcile(open_db(args), args.buyer, Path(args.file), dry_run=args.dry_run)

    def side(x: Any) -> Any:
        return None if x is None else {"quantity": x.quantity, "amount": x.amount, "fat": x.fat}

    if args.json:
        print_json(
            {
                "buyer": result.buyer,
                "rows": result.rows,
                "differences": [
                    {
                        "date": d.day,
                        "fields": list(d.fields),
                        "ours": side(d.ours),
                        "theirs": side(d.theirs),
                    }
                    for d in result.differences
                ],
            }
        )
        return 0
    lang = args.lang
    print(
        _("{rows} filas; días que difieren: {value}").format(
            rows=result.rows, value=len(result.differences)
        )
    )
    headers = [_("Fecha"), _("Difiere"), _("Nuestro"), _("Comprador")]

    def text(x: Any) -> str:
        return (
            "—"
            if x is None
            else f"{fmt.quantity(x.quantity, None, lang)} / {fmt.money(x.amount, lang)}"
        )

    print_table(
        headers,
        [
            (fmt.day(d.day), ", ".join(d.fields), text(d.ours), text(d.theirs))
            for d in result.differences
        ],
    )
    return 0

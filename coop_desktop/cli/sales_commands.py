"""`coop buyers | dispatch | tank | sales | expense | plant`: selling the milk."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table, t


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


def _buyers(commands: Any, lang: str) -> None:
    buyers = commands.add_parser(
        "buyers", help=t(lang, "compradores de la leche", "buyers of the milk")
    )
    sub = buyers.add_subparsers(dest="action", required=True, metavar="ACCIÓN")
    for name in ("add", "price"):
        p = sub.add_parser(
            name,
            help=t(lang, "agrega un comprador", "add a buyer")
            if name == "add"
            else t(lang, "nuevo precio desde una fecha", "new price from a date"),
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
    p = sub.add_parser("list", help=t(lang, "lista los compradores", "list the buyers"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_buyer_list)


def _dispatch(commands: Any, lang: str) -> None:
    dispatch = commands.add_parser(
        "dispatch", help=t(lang, "despachos de leche y su recepción", "milk dispatches")
    )
    sub = dispatch.add_subparsers(dest="action", required=True, metavar="ACCIÓN")
    p = sub.add_parser("add", help=t(lang, "registra un despacho (guía)", "record a dispatch"))
    p.add_argument("buyer", metavar="BUYER")
    p.add_argument("quantity", metavar="QUANTITY")
    p.add_argument("--unit", required=True, choices=["L", "kg"])
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--shift", required=True, choices=["am", "pm"])
    p.add_argument("--centre", metavar="C")
    p.add_argument("--measure", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--temperature", metavar="T")
    p.add_argument("--alcohol", choices=["negativo", "positivo"])
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_dispatch_add)
    p = sub.add_parser(
        "receive", help=t(lang, "la recepción del comprador", "the buyer's reception")
    )
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("quantity", metavar="QUANTITY")
    p.add_argument("--unit", required=True, choices=["L", "kg"])
    p.add_argument("--measure", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--reject", action="store_true")
    p.add_argument("--reason", metavar="TEXT")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_dispatch_receive)
    p = sub.add_parser("list", help=t(lang, "lista los despachos", "list the dispatches"))
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    p.add_argument("--buyer", metavar="B")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_dispatch_list)
    p = sub.add_parser("void", help=t(lang, "anula un despacho", "void a dispatch"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", required=True)
    p.add_argument("--reception-only", action="store_true")
    p.set_defaults(handler=cmd_dispatch_void)
    p = sub.add_parser("guide", help=t(lang, "imprime la guía", "print the guide"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--size", default="80mm", choices=["80mm", "A5"])
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--force", action="store_true")
    p.set_defaults(handler=cmd_guide)


def _sales(commands: Any, lang: str) -> None:
    sales = commands.add_parser(
        "sales", help=t(lang, "cuentas de los compradores", "the buyers' accounts")
    )
    sub = sales.add_subparsers(dest="action", required=True, metavar="ACCIÓN")
    p = sub.add_parser("receive", help=t(lang, "un pago recibido", "a payment received"))
    p.add_argument("buyer", metavar="BUYER")
    p.add_argument("amount", metavar="AMOUNT")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--reference", metavar="R")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_payment)
    p = sub.add_parser("reverse", help=t(lang, "revierte un pago", "reverse a payment"))
    p.add_argument("id", type=int, metavar="ENTRY_ID")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_payment_reverse)
    p = sub.add_parser("account", help=t(lang, "la cuenta de un comprador", "a buyer's account"))
    p.add_argument("buyer", metavar="BUYER")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_account)
    p = sub.add_parser(
        "statement", help=t(lang, "estado de cuenta del comprador", "the buyer's statement")
    )
    p.add_argument("buyer", metavar="BUYER")
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    p.add_argument("-o", "--output", metavar="FILE.pdf")
    p.add_argument("--force", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_statement)
    p = sub.add_parser(
        "import",
        help=t(
            lang,
            "compara la liquidación del comprador (CSV/XLSX) día por día",
            "compare the buyer's statement (CSV/XLSX) day by day",
        ),
    )
    p.add_argument("buyer", metavar="BUYER")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)


# -- handlers ---------------------------------------------------------------------------------
def _date(text: str | None, field: str = "date") -> Any:
    from coop_desktop.domain.validation import iso_date

    return None if text is None else iso_date(text, field)


def _measures(items: list[str]) -> dict[str, Any]:
    from coop_desktop.domain.validation import measure_assignment

    return dict(measure_assignment(x) for x in items)


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
        effective=_date(args.effective, "effective"),
    )
    print(
        t(
            args.lang,
            f"Comprador {b.code}: {b.name} ({b.terms})",
            f"Buyer {b.code}: {b.name} ({b.terms})",
        )
    )
    return 0


def cmd_buyer_price(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.buyers import set_buyer_price

    b = set_buyer_price(
        open_db(args),
        args.code,
        price=args.price,
        per=args.per,
        scheme_text=_scheme(args.scheme),
        effective=_date(args.effective, "effective"),
    )
    print(t(args.lang, f"Precio de {b.code}: {b.terms}", f"Price of {b.code}: {b.terms}"))
    return 0


def cmd_buyer_list(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.buyers import list_buyers

    buyers = list_buyers(open_db(args), args.lang)
    if args.json:
        print_json([buyer_json(b) for b in buyers])
        return 0
    headers = (
        ["Código", "Nombre", "Tipo", "RUC", "Precio"]
        if args.lang == "es"
        else ["Code", "Name", "Kind", "RUC", "Price"]
    )
    print_table(headers, [(b.code, b.name, b.kind, b.ruc, b.terms) for b in buyers])
    return 0


def dispatch_json(d: Any) -> dict[str, Any]:
    r = d.reception
    return {
        "id": d.id,
        "guide": d.guide,
        "date": d.day,
        "shift": d.shift,
        "centre": d.centre,
        "buyer": d.buyer,
        "quantity": d.quantity,
        "unit": d.unit,
        "litres": d.litres,
        "kg": d.kg,
        "temperature": d.temperature,
        "alcohol": None
        if d.alcohol_positive is None
        else ("positivo" if d.alcohol_positive else "negativo"),
        "measures": d.measures,
        "status": d.status,
        "reception": None
        if r is None
        else {
            "id": r.id,
            "date": r.day,
            "quantity": r.quantity,
            "unit": r.unit,
            "litres": r.litres,
            "kg": r.kg,
            "rejected": r.rejected,
            "reason": r.reason,
            "unit_price": r.unit_price,
            "amount": r.amount,
            "measures": r.measures,
        },
    }


def cmd_dispatch_add(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.dispatches import add_dispatch

    d = add_dispatch(
        open_db(args),
        args.buyer,
        args.quantity,
        args.unit,
        args.date,
        args.shift,
        centre=args.centre,
        measures=_measures(args.measure),
        temperature=args.temperature,
        alcohol_positive=None if args.alcohol is None else args.alcohol == "positivo",
    )
    if args.json:
        print_json(dispatch_json(d))
    else:
        print(
            t(args.lang, f"Guía {d.guide} (despacho {d.id})", f"Guide {d.guide} (dispatch {d.id})")
        )
    return 0


def cmd_dispatch_receive(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.dispatches import receive_dispatch

    d = receive_dispatch(
        open_db(args),
        args.id,
        args.quantity,
        args.unit,
        measures=_measures(args.measure),
        reject=args.reject,
        reason=args.reason,
        day=args.date,
    )
    if args.json:
        print_json(dispatch_json(d))
        return 0
    r = d.reception
    assert r is not None
    if r.rejected:
        print(
            t(
                args.lang,
                f"Guía {d.guide}: rechazada ({r.reason})",
                f"Guide {d.guide}: rejected ({r.reason})",
            )
        )
    else:
        amount = fmt.money(r.amount, args.lang)
        print(t(args.lang, f"Guía {d.guide}: venta {amount}", f"Guide {d.guide}: sale {amount}"))
    return 0


def cmd_dispatch_list(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.dispatches import list_dispatches

    rows = list_dispatches(
        open_db(args), _date(args.start, "from"), _date(args.end, "to"), args.buyer
    )
    if args.json:
        print_json([dispatch_json(d) for d in rows])
        return 0
    lang = args.lang
    headers = (
        [
            "Id",
            "Guía",
            "Fecha",
            "Turno",
            "Centro",
            "Comprador",
            "Cantidad",
            "Recibido",
            "Monto",
            "Estado",
        ]
        if lang == "es"
        else [
            "Id",
            "Guide",
            "Date",
            "Shift",
            "Centre",
            "Buyer",
            "Quantity",
            "Received",
            "Amount",
            "Status",
        ]
    )
    print_table(
        headers,
        [
            (
                d.id,
                d.guide,
                fmt.day(d.day),
                d.shift,
                d.centre,
                d.buyer,
                fmt.quantity(d.quantity, d.unit, lang),
                ""
                if d.reception is None
                else fmt.quantity(d.reception.quantity, d.reception.unit, lang),
                "" if d.reception is None else fmt.amount(d.reception.amount, lang),
                d.status,
            )
            for d in rows
        ],
    )
    return 0


def cmd_dispatch_void(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.dispatches import void_dispatch, void_reception

    db = open_db(args)
    d = (void_reception if args.reception_only else void_dispatch)(db, args.id, args.reason)
    print(t(args.lang, f"Guía {d.guide}: anulado", f"Guide {d.guide}: voided"))
    return 0


def cmd_guide(args: argparse.Namespace) -> int:
    from coop_desktop.core.outputs import write_file
    from coop_desktop.services.sales.paper import guide_pdf

    data = guide_pdf(open_db(args), args.id, args.size, args.lang)
    write_file(Path(args.output), data, force=args.force)
    print(t(args.lang, f"Guía guardada en {args.output}", f"Guide saved to {args.output}"))
    return 0


def cmd_tank(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.balance import record_tank

    _id, litres = record_tank(open_db(args), args.centre, args.litres, args.date, args.when)
    print(
        t(
            args.lang,
            f"Tanque {args.centre.upper()}: {fmt.quantity(litres, 'L')}",
            f"Tank {args.centre.upper()}: {fmt.quantity(litres, 'L', 'en')}",
        )
    )
    return 0


def cmd_payment(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.accounts import receive_payment

    e = receive_payment(open_db(args), args.buyer, args.amount, args.date, args.reference)
    if args.json:
        print_json({"id": e.id, "date": e.day, "amount": -e.amount, "reference": e.reference})
    else:
        print(
            t(
                args.lang,
                f"Pago recibido: {fmt.money(-e.amount)} (movimiento {e.id})",
                f"Payment received: {fmt.money(-e.amount, 'en')} (entry {e.id})",
            )
        )
    return 0


def cmd_payment_reverse(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.accounts import reverse_payment_entry

    reverse_payment_entry(open_db(args), args.id, args.reason)
    print(t(args.lang, f"Movimiento {args.id} revertido.", f"Entry {args.id} reversed."))
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

    a = buyer_account(open_db(args), args.buyer, _date(args.start, "from"), _date(args.end, "to"))
    if args.json:
        print_json(account_json(a))
        return 0
    lang = args.lang
    headers = (
        ["Fecha", "Concepto", "Monto", "Saldo"]
        if lang == "es"
        else ["Date", "Entry", "Amount", "Balance"]
    )
    print(f"{a.buyer.code} {a.buyer.name}")
    print_table(
        headers,
        [
            (fmt.day(e.day), e.description, fmt.amount(e.amount, lang), fmt.amount(e.balance, lang))
            for e in a.entries
        ],
    )
    print(
        t(
            lang,
            f"Saldo por cobrar: {fmt.money(a.balance)}",
            f"Balance owed: {fmt.money(a.balance, 'en')}",
        )
    )
    return 0


def cmd_statement(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.accounts import buyer_statement

    db = open_db(args)
    st = buyer_statement(db, args.buyer, _date(args.start, "from"), _date(args.end, "to"))
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
        print(
            t(
                args.lang,
                f"Estado de cuenta guardado en {args.output}",
                f"Statement saved to {args.output}",
            )
        )
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
        t(
            lang,
            f"{result.rows} filas; días que difieren: {len(result.differences)}",
            f"{result.rows} rows; days that differ: {len(result.differences)}",
        )
    )
    headers = (
        ["Fecha", "Difiere", "Nuestro", "Comprador"]
        if lang == "es"
        else ["Date", "Differs", "Ours", "Buyer's"]
    )

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


def cmd_expense_add(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.margin import add_expense

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
    from coop_desktop.services.sales.margin import reverse_expense

    reverse_expense(open_db(args), args.id, args.reason)
    print(t(args.lang, f"Gasto {args.id} revertido.", f"Expense {args.id} reversed."))
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.plant import add_batch

    row = add_batch(open_db(args), args.date, args.milk, args.unit, args.product, args.out)
    if args.json:
        print_json(
            {
                "product": row.product,
                "milk_l": row.milk_l,
                "kg_out": row.kg_out,
                "yield_l_per_kg": row.yield_l_per_kg,
            }
        )
    else:
        print(
            t(
                args.lang,
                f"Lote de {row.product}: {row.yield_l_per_kg} L/kg",
                f"Batch of {row.product}: {row.yield_l_per_kg} L/kg",
            )
        )
    return 0


def cmd_product(args: argparse.Namespace) -> int:
    from coop_desktop.services.sales.plant import add_product

    name = add_product(open_db(args), args.name)
    print(t(args.lang, f"Producto agregado: {name}", f"Product added: {name}"))
    return 0

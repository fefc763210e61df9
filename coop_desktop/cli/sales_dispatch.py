"""`coop dispatch`: milk dispatched to buyers with its guide, and the buyer's reception."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table
from coop_desktop.core.i18n import _


def _dispatch(commands: Any, lang: str) -> None:
    dispatch = commands.add_parser("dispatch", help=_("despachos de leche y su recepción"))
    sub = dispatch.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = sub.add_parser("add", help=_("registra un despacho (guía)"))
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
    p = sub.add_parser("receive", help=_("la recepción del comprador"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("quantity", metavar="QUANTITY")
    p.add_argument("--unit", required=True, choices=["L", "kg"])
    p.add_argument("--measure", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--reject", action="store_true")
    p.add_argument("--reason", metavar="TEXT")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_dispatch_receive)
    p = sub.add_parser("list", help=_("lista los despachos"))
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    p.add_argument("--buyer", metavar="B")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_dispatch_list)
    p = sub.add_parser("void", help=_("anula un despacho"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", required=True)
    p.add_argument("--reception-only", action="store_true")
    p.set_defaults(handler=cmd_dispatch_void)
    p = sub.add_parser("guide", help=_("imprime la guía"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--size", default="80mm", choices=["80mm", "A5"])
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--force", action="store_true")
    p.set_defaults(handler=cmd_guide)


def optional_date(text: str | None, field: str = "date") -> Any:
    from coop_desktop.domain.validation import iso_date

    return None if text is None else iso_date(text, field)


def _measures(items: list[str]) -> dict[str, Any]:
    from coop_desktop.domain.validation import measure_assignment

    return dict(measure_assignment(x) for x in items)


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
        print(_("Guía {guide} (despacho {id})").format(guide=d.guide, id=d.id))
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
        print(_("Guía {guide}: rechazada ({reason})").format(guide=d.guide, reason=r.reason))
    else:
        amount = fmt.money(r.amount, args.lang)
        print(_("Guía {guide}: venta {amount}").format(guide=d.guide, amount=amount))
    return 0


def cmd_dispatch_list(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.sales.dispatch_list import list_dispatches

    rows = list_dispatches(
        open_db(args), optional_date(args.start, "from"), optional_date(args.end, "to"), args.buyer
    )
    if args.json:
        print_json([dispatch_json(d) for d in rows])
        return 0
    lang = args.lang
    headers = [
        _("Id"),
        _("Guía"),
        _("Fecha"),
        _("Turno"),
        _("Centro"),
        _("Comprador"),
        _("Cantidad"),
        _("Recibido"),
        _("Monto"),
        _("Estado"),
    ]
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
    print(_("Guía {guide}: anulado").format(guide=d.guide))
    return 0


def cmd_guide(args: argparse.Namespace) -> int:
    from coop_desktop.core.outputs import write_file
    from coop_desktop.services.sales.paper import guide_pdf

    data = guide_pdf(open_db(args), args.id, args.size, args.lang)
    write_file(Path(args.output), data, force=args.force)
    print(_("Guía guardada en {output}").format(output=args.output))
    return 0

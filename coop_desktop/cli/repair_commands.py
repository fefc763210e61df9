"""`coop deliveries delete` and `coop redate`: taking out a delivery typed by mistake, and
moving entries stranded behind a closed period to the first open day (docs/closeout.md)."""

from __future__ import annotations

import argparse
from typing import Any

from coop_desktop.cli.base import open_db, print_json
from coop_desktop.core.i18n import _


def register_delete(dsub: Any, lang: str) -> None:
    """`coop deliveries delete ID --reason …`, under `coop deliveries`."""
    p = dsub.add_parser(
        "delete",
        help=_("borra una entrega de un periodo abierto (con motivo, queda en la auditoría)"),
    )
    p.add_argument("delivery_id", type=int, metavar="ID")
    p.add_argument("--reason", required=True, metavar=_("MOTIVO"))
    p.set_defaults(handler=cmd_deliveries_delete)


def register(commands: Any, lang: str) -> None:
    p = commands.add_parser(
        "redate",
        help=_(
            "pasa al primer día abierto las entregas o movimientos con fecha "
            "anterior a un periodo cerrado (los que `coop check` lista)"
        ),
    )
    p.add_argument("kind", nargs="?", choices=["delivery", "entry"])
    p.add_argument("ids", nargs="*", type=int, metavar="ID")
    p.add_argument("--all", action="store_true", help=_("todas las que hay"))
    p.add_argument("--date", help=_("un día abierto (YYYY-MM-DD)"))
    p.add_argument("--reason", metavar=_("MOTIVO"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_redate)


def cmd_deliveries_delete(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.deliveries import delete_delivery

    d = delete_delivery(open_db(args), args.delivery_id, reason=args.reason)
    quantity = fmt.quantity(d.quantity, d.unit, args.lang)
    print(
        _("Entrega {id} borrada ({member_code}, {value}, {quantity}).").format(
            id=d.id, member_code=d.member_code, value=fmt.day(d.date), quantity=quantity
        )
    )
    return 0


def cmd_redate(args: argparse.Namespace) -> int:
    from coop_desktop.core.errors import ValidationError
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.closeout.stranded import redate

    if args.all == bool(args.kind):
        raise ValidationError("redate_kind", "kind", value=args.kind or "")
    if args.kind and not args.ids:
        raise ValidationError("required", "id")
    items = [(args.kind, i) for i in args.ids] if args.kind else []
    moved = redate(open_db(args), items, args.reason, args.date)
    if args.json:
        print_json(
            [
                {"kind": m.kind, "id": m.id, "new_id": m.new_id, "date": m.day,
                 "reversal_id": m.reversal_id}
                for m in moved
            ]
        )  # fmt: skip
        return 0
    for m in moved:
        noun = _("entrega") if m.kind == "delivery" else _("movimiento")
        print(
            _("{noun} {id} → {noun} {new_id} del {value}").format(
                noun=noun, id=m.id, new_id=m.new_id, value=fmt.day(m.day)
            )
        )
    if not moved:
        print(_("No hay nada que corregir."))
    return 0

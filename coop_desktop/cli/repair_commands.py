"""`coop deliveries delete` and `coop redate`: taking out a delivery typed by mistake, and
moving entries stranded behind a closed period to the first open day (docs/closeout.md)."""

from __future__ import annotations

import argparse
from typing import Any

from coop_desktop.cli.base import open_db, print_json, t


def register_delete(dsub: Any, lang: str) -> None:
    """`coop deliveries delete ID --reason …`, under `coop deliveries`."""
    p = dsub.add_parser(
        "delete",
        help=t(
            lang,
            "borra una entrega de un periodo abierto (con motivo, queda en la auditoría)",
            "delete a delivery of an open period (with a reason, kept in the audit trail)",
        ),
    )
    p.add_argument("delivery_id", type=int, metavar="ID")
    p.add_argument("--reason", required=True, metavar=t(lang, "MOTIVO", "REASON"))
    p.set_defaults(handler=cmd_deliveries_delete)


def register(commands: Any, lang: str) -> None:
    p = commands.add_parser(
        "redate",
        help=t(
            lang,
            "pasa al primer día abierto las entregas o movimientos con fecha anterior a un "
            "periodo cerrado (los que `coop check` lista)",
            "move deliveries or account entries dated before a closed period (those `coop "
            "check` lists) to the first open day",
        ),
    )
    p.add_argument("kind", nargs="?", choices=["delivery", "entry"])
    p.add_argument("ids", nargs="*", type=int, metavar="ID")
    p.add_argument(
        "--all", action="store_true", help=t(lang, "todas las que hay", "every one there is")
    )
    p.add_argument("--date", help=t(lang, "un día abierto (YYYY-MM-DD)", "an open day"))
    p.add_argument("--reason", metavar=t(lang, "MOTIVO", "REASON"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_redate)


def cmd_deliveries_delete(args: argparse.Namespace) -> int:
    from coop_desktop import formatting as fmt
    from coop_desktop.services.deliveries import delete_delivery

    d = delete_delivery(open_db(args), args.delivery_id, reason=args.reason)
    quantity = fmt.quantity(d.quantity, d.unit, args.lang)
    print(
        t(
            args.lang,
            f"Entrega {d.id} borrada ({d.member_code}, {fmt.day(d.date)}, {quantity}).",
            f"Delivery {d.id} deleted ({d.member_code}, {fmt.day(d.date)}, {quantity}).",
        )
    )
    return 0


def cmd_redate(args: argparse.Namespace) -> int:
    from coop_desktop import formatting as fmt
    from coop_desktop.errors import ValidationError
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
        noun = (
            t(args.lang, "entrega", "delivery")
            if m.kind == "delivery"
            else t(args.lang, "movimiento", "entry")
        )
        print(
            t(
                args.lang,
                f"{noun} {m.id} → {noun} {m.new_id} del {fmt.day(m.day)}",
                f"{noun} {m.id} → {noun} {m.new_id} on {fmt.day(m.day)}",
            )
        )
    if not moved:
        print(t(args.lang, "No hay nada que corregir.", "Nothing to repair."))
    return 0

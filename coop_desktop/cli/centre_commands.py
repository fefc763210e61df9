"""`coop centres list | add | rename | route | order`: collection centres and their routes."""

from __future__ import annotations

import argparse
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table
from coop_desktop.core.i18n import _


def register(commands: Any, lang: str) -> None:
    centres = commands.add_parser(
        "centres",
        help=_("centros de acopio y sus rutas"),
    )
    sub = centres.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = sub.add_parser("list", help=_("lista los centros"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("add", help=_("crea un centro"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--district")
    p.add_argument("--community")
    p.set_defaults(handler=cmd_add)
    p = sub.add_parser("rename", help=_("cambia el nombre"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_rename)
    p = sub.add_parser("route", help=_("muestra la ruta en orden"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_route)
    p = sub.add_parser(
        "order",
        help=_("fija la ruta: los socios en el orden del recorrido"),
    )
    p.add_argument("code", metavar="CODE")
    p.add_argument("members", nargs="+", metavar="MEMBER_CODE")
    p.set_defaults(handler=cmd_order)


def cmd_list(args: argparse.Namespace) -> int:
    from coop_desktop.services.centres import list_centres

    centres = list_centres(open_db(args))
    if args.json:
        print_json(
            [
                {
                    "code": c.code,
                    "name": c.name,
                    "district": c.district,
                    "community": c.community,
                    "members": c.members,
                }
                for c in centres
            ]
        )
        return 0
    headers = [_("Código"), _("Nombre"), _("Distrito"), _("Comunidad"), _("Socios")]
    print_table(headers, [(c.code, c.name, c.district, c.community, c.members) for c in centres])
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from coop_desktop.services.centres import add_centre

    c = add_centre(open_db(args), args.code, args.name, args.district, args.community)
    print(_("Centro creado: {code} {name}").format(code=c.code, name=c.name))
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    from coop_desktop.services.centres import rename_centre

    c = rename_centre(open_db(args), args.code, args.name)
    print(_("Centro {code}: {name}").format(code=c.code, name=c.name))
    return 0


def cmd_route(args: argparse.Namespace) -> int:
    from coop_desktop.services.centres import route_members

    members = route_members(open_db(args), args.code)
    if args.json:
        print_json([{"order": m.route_order, "code": m.code, "name": m.full_name} for m in members])
        return 0
    headers = [_("Orden"), _("Código"), _("Socio")]
    print_table(headers, [(m.route_order, m.code, m.full_name) for m in members])
    return 0


def cmd_order(args: argparse.Namespace) -> int:
    from coop_desktop.services.centres import set_route

    members = set_route(open_db(args), args.code, args.members)
    print(
        _("Ruta de {value}: {value2} socios en orden.").format(
            value=args.code.upper(), value2=len(members)
        )
    )
    return 0

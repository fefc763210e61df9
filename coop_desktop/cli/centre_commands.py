"""`coop centres list | add | rename | route | order`: collection centres and their routes."""

from __future__ import annotations

import argparse
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table, t


def register(commands: Any, lang: str) -> None:
    centres = commands.add_parser(
        "centres",
        help=t(lang, "centros de acopio y sus rutas", "collection centres and their routes"),
    )
    sub = centres.add_subparsers(dest="action", required=True, metavar="ACCIÓN")
    p = sub.add_parser("list", help=t(lang, "lista los centros", "list the centres"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("add", help=t(lang, "crea un centro", "create a centre"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--district")
    p.add_argument("--community")
    p.set_defaults(handler=cmd_add)
    p = sub.add_parser("rename", help=t(lang, "cambia el nombre", "rename a centre"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_rename)
    p = sub.add_parser("route", help=t(lang, "muestra la ruta en orden", "show the route in order"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_route)
    p = sub.add_parser(
        "order",
        help=t(
            lang,
            "fija la ruta: los socios en el orden del recorrido",
            "set the route: the members in the order they are visited",
        ),
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
    headers = (
        ["Código", "Nombre", "Distrito", "Comunidad", "Socios"]
        if args.lang == "es"
        else ["Code", "Name", "District", "Community", "Members"]
    )
    print_table(headers, [(c.code, c.name, c.district, c.community, c.members) for c in centres])
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from coop_desktop.services.centres import add_centre

    c = add_centre(open_db(args), args.code, args.name, args.district, args.community)
    print(t(args.lang, f"Centro creado: {c.code} {c.name}", f"Centre created: {c.code} {c.name}"))
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    from coop_desktop.services.centres import rename_centre

    c = rename_centre(open_db(args), args.code, args.name)
    print(t(args.lang, f"Centro {c.code}: {c.name}", f"Centre {c.code}: {c.name}"))
    return 0


def cmd_route(args: argparse.Namespace) -> int:
    from coop_desktop.services.centres import route_members

    members = route_members(open_db(args), args.code)
    if args.json:
        print_json([{"order": m.route_order, "code": m.code, "name": m.full_name} for m in members])
        return 0
    headers = ["Orden", "Código", "Socio"] if args.lang == "es" else ["Order", "Code", "Member"]
    print_table(headers, [(m.route_order, m.code, m.full_name) for m in members])
    return 0


def cmd_order(args: argparse.Namespace) -> int:
    from coop_desktop.services.centres import set_route

    members = set_route(open_db(args), args.code, args.members)
    print(
        t(
            args.lang,
            f"Ruta de {args.code.upper()}: {len(members)} socios en orden.",
            f"Route of {args.code.upper()}: {len(members)} members in order.",
        )
    )
    return 0

"""`coop members practice add|end|list CODE …` (a member's dated practices) and
`coop practices list|add` (the association's list of practices)."""

from __future__ import annotations

import argparse
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table
from coop_desktop.core.i18n import _


def register(commands: Any, members: Any, lang: str) -> None:
    practice = members.add_parser(
        "practice",
        help=_("prácticas del socio, con fecha"),
    )
    sub = practice.add_subparsers(dest="practice_action", required=True, metavar=_("ACCIÓN"))
    for action, kind, text in (
        ("add", "adopted", _("el socio adoptó la práctica")),
        ("end", "left", _("el socio dejó la práctica")),
    ):
        p = sub.add_parser(action, help=text)
        p.add_argument("code", metavar="CODE")
        p.add_argument("practice", metavar="PRACTICE")
        p.add_argument(
            "--from",
            dest="day",
            required=True,
            metavar="DATE",
            help=_("desde qué día (dd/mm/aaaa)"),
        )
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=cmd_record, kind=kind)
    p = sub.add_parser("list", help=_("muestra sus prácticas"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_member_list)

    practices = commands.add_parser(
        "practices",
        help=_("las prácticas de la asociación"),
    )
    psub = practices.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = psub.add_parser("list", help=_("lista las prácticas"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = psub.add_parser("add", help=_("añade una práctica"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--name-en", metavar="NAME")
    p.set_defaults(handler=cmd_add)


def _show(args: argparse.Namespace, spans: list[Any]) -> int:
    from coop_desktop.language import formatting as fmt

    if args.json:
        print_json(
            [{"practice": s.code, "name": s.name, "from": s.start, "to": s.end} for s in spans]
        )
        return 0
    print_table(
        [_("Práctica"), _("Desde"), _("Hasta")],
        [(s.name, fmt.day(s.start), fmt.day(s.end) if s.end else "—") for s in spans],
    )
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    from coop_desktop.core import clock
    from coop_desktop.domain.import_cells import date_cell
    from coop_desktop.services.practices import record

    day = date_cell(args.day, "date", clock.today())  # dd/mm/yyyy or ISO, never the future
    return _show(args, record(open_db(args), args.code, args.practice, args.kind, day))


def cmd_member_list(args: argparse.Namespace) -> int:
    from coop_desktop.services.member_rows import member_by_code
    from coop_desktop.services.practices import spans_of

    db = open_db(args)
    with db.read() as session:
        spans = spans_of(session, member_by_code(session, args.code).id)
    return _show(args, spans)


def cmd_list(args: argparse.Namespace) -> int:
    from coop_desktop.services.practices import list_practices

    found = list_practices(open_db(args))
    if args.json:
        print_json([{"code": p.code, "name": p.name, "name_en": p.name_en} for p in found])
        return 0
    print_table(
        [_("Código"), _("Nombre")],
        [(p.code, p.label(args.lang)) for p in found],
    )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from coop_desktop.services.practices import add_practice

    p = add_practice(open_db(args), args.code, args.name, args.name_en)
    print(_("Práctica añadida: {code}").format(code=p.code))
    return 0

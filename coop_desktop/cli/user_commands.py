"""`coop users add | list | passwd | disable | enable`: who may sign in, and with what role."""

from __future__ import annotations

import argparse
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table
from coop_desktop.core import clock
from coop_desktop.core.i18n import _
from coop_desktop.domain.roles import Role


def register(commands: Any, lang: str) -> None:
    users = commands.add_parser("users", help=_("usuarios y roles"))
    sub = users.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = sub.add_parser("add", help=_("crea un usuario"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--full-name", default="")
    p.set_defaults(handler=cmd_add)
    p = sub.add_parser("list", help=_("lista los usuarios"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser(
        "passwd",
        help=_("contraseña nueva (terminal o COOP_NEW_PASSWORD); desbloquea la cuenta"),
    )
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_passwd)
    for action, text in (
        ("disable", _("desactiva un usuario")),
        ("enable", _("activa un usuario")),
    ):
        p = sub.add_parser(action, help=text)
        p.add_argument("name", metavar="NAME")
        p.set_defaults(handler=cmd_disable if action == "disable" else cmd_enable)


def cmd_add(args: argparse.Namespace) -> int:
    from coop_desktop.cli.signin import new_password
    from coop_desktop.services.users import add_user

    db = open_db(args)
    password = new_password(args.lang, args.name)
    user = add_user(db, args.name, args.role, password, args.full_name)
    print(_("Usuario creado: {name} ({role})").format(name=user.name, role=user.role))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.users import list_users

    users = list_users(open_db(args))
    if args.json:
        print_json(
            [
                {
                    "name": u.name,
                    "full_name": u.full_name,
                    "role": u.role,
                    "active": u.active,
                    "has_password": u.has_password,
                    "locked_until": u.locked_until,
                    "last_sign_in": u.last_sign_in,
                }
                for u in users
            ]
        )
        return 0
    headers = [_("Usuario"), _("Nombre"), _("Rol"), _("Estado"), _("Último ingreso")]
    print_table(
        headers,
        [
            (
                u.name,
                u.full_name,
                u.role,
                _status(u, args.lang),
                fmt.moment(u.last_sign_in) if u.last_sign_in else "",
            )
            for u in users
        ],
    )
    return 0


def _status(u: Any, lang: str) -> str:
    if not u.active:
        return _("desactivado")
    if u.locked_until is not None and u.locked_until > clock.now():
        return _("bloqueado")
    if not u.has_password:
        return _("sin contraseña")
    return _("activo")


def cmd_passwd(args: argparse.Namespace) -> int:
    """An administrator sets anyone's password; others change their own (the password they
    signed in with for this command is the current one)."""
    from coop_desktop.cli.signin import PASSWORD_ENV, new_password
    from coop_desktop.services.auth import change_own_password
    from coop_desktop.services.users import set_password

    db = open_db(args)
    name = args.name.strip().lower()
    own = db.principal is not None and db.principal.name == name
    if own and db.principal.role is not Role.ADMIN:
        import getpass
        import os

        current = os.environ.get(PASSWORD_ENV) or getpass.getpass(_("Contraseña actual: "))
        change_own_password(db, current, new_password(args.lang, name))
    else:
        set_password(db, name, new_password(args.lang, name))
    print(_("Contraseña cambiada: {name}").format(name=name))
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    from coop_desktop.services.users import set_active

    user = set_active(open_db(args), args.name, False)
    print(_("Usuario desactivado: {name}").format(name=user.name))
    return 0


def cmd_enable(args: argparse.Namespace) -> int:
    from coop_desktop.services.users import set_active

    user = set_active(open_db(args), args.name, True)
    print(_("Usuario activado: {name}").format(name=user.name))
    return 0

"""Who runs a `coop` command: `--user NAME` (or COOP_USER) and the password typed on the
terminal (or COOP_PASSWORD for scripts). The password counts for the whole command, so
sensitive actions (reopen, void, …) do not ask again. On a database without users, `coop
init` and `coop demo` create the first administrator (`--admin NAME`, default `admin`) with a
password typed twice (or COOP_NEW_PASSWORD)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from coop_desktop.core.errors import Forbidden, ValidationError
from coop_desktop.core.i18n import _

USER_ENV = "COOP_USER"
PASSWORD_ENV = "COOP_PASSWORD"
NEW_PASSWORD_ENV = "COOP_NEW_PASSWORD"


def _terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def new_password(lang: str, name: str) -> str:
    """A new password: COOP_NEW_PASSWORD, or typed twice on the terminal."""
    from coop_desktop.services.passwords import check_rules

    given = os.environ.get(NEW_PASSWORD_ENV)
    if given:
        return check_rules(given)
    if not _terminal():
        raise Forbidden("new_password_needed")
    first = getpass.getpass(_("Contraseña nueva de {name}: ").format(name=name))
    check_rules(first)
    second = getpass.getpass(_("Repítala: "))
    if first != second:
        raise ValidationError("passwords_differ", "password")
    return first


def _user_name(args: argparse.Namespace) -> str:
    name = getattr(args, "user", None) or os.environ.get(USER_ENV)
    if name:
        return str(name)
    if not _terminal():
        raise Forbidden("sign_in_required")
    return input(_("Usuario: ")).strip()


def _password(args: argparse.Namespace, name: str) -> str:
    given = os.environ.get(PASSWORD_ENV)
    if given is not None:
        return given
    if not _terminal():
        raise Forbidden("password_needed", value=name)
    return getpass.getpass(_("Contraseña de {name}: ").format(name=name))


def sign_in_for_command(db: Any, args: argparse.Namespace, bootstrap: bool = False) -> None:
    from coop_desktop.services.auth import create_first_admin, has_users, needs_password, sign_in

    if not has_users(db):
        if not bootstrap:
            raise Forbidden("no_users")
        password = new_password(args.lang, getattr(args, "admin", None) or "admin")
        name = create_first_admin(db, getattr(args, "admin", None) or "admin", password).name
        sign_in(db, name, password, for_command=True)
        print(
            _("Administrador creado: {name}").format(name=name),
            file=sys.stderr,
        )
        return
    name = _user_name(args)
    if needs_password(db, name):
        chosen = new_password(args.lang, name)
        sign_in(db, name, "", for_command=True, new_password=chosen)
        return
    sign_in(db, name, _password(args, name), for_command=True)


def warn_moved_password(db: Any, lang: str) -> None:
    """A URL given with its password: say where the password went and how to go on."""
    where = getattr(db, "password_moved_to", None)
    if not where:
        return
    place = _("el almacén de contraseñas del sistema") if where == "keyring" else where
    print(
        _(
            "coop: aviso: la contraseña de la URL se guardó en {place}; no la "
            "escriba en la línea de comandos (otros la ven con «ps»). En adelante "
            "use: {value}"
        ).format(place=place, value=db.location.describe().replace(":***", "")),
        file=sys.stderr,
    )

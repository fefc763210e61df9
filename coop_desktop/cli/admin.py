"""`coop check | backup | restore`: keeping the data safe."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coop_desktop.cli.base import open_db
from coop_desktop.core.i18n import _


def register(commands: Any, lang: str) -> None:
    p = commands.add_parser("check", help=_("verifica la base de datos"))
    p.set_defaults(handler=cmd_check)
    p = commands.add_parser("backup", help=_("copia de seguridad en caliente"))
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_backup)
    p = commands.add_parser("restore", help=_("restaura una copia de seguridad"))
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_restore)


def cmd_check(args: argparse.Namespace) -> int:
    from coop_desktop.services.closeout.check import run_checks

    problems = run_checks(open_db(args))
    if problems:
        print(
            _("Problemas encontrados: {value}.").format(value=len(problems)),
            file=sys.stderr,
        )
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print(_("Todo en orden."))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from coop_desktop.services.backups import backup_and_record

    target = backup_and_record(open_db(args), Path(args.file))
    print(_("Copia guardada en {target}").format(target=target))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from coop_desktop.services.backups import restore

    source, kept = restore(open_db(args), Path(args.file))
    print(
        _("Restaurado desde {source}. Los datos anteriores quedaron en {kept}").format(
            source=source, kept=kept
        )
    )
    return 0

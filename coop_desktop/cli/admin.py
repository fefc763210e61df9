"""`coop check | backup | restore`: keeping the data safe."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coop_desktop.cli.base import open_db, t


def register(commands: Any, lang: str) -> None:
    p = commands.add_parser(
        "check", help=t(lang, "verifica la base de datos", "check the database")
    )
    p.set_defaults(handler=cmd_check)
    p = commands.add_parser(
        "backup", help=t(lang, "copia de seguridad en caliente", "online backup")
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_backup)
    p = commands.add_parser(
        "restore", help=t(lang, "restaura una copia de seguridad", "restore a backup")
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_restore)


def cmd_check(args: argparse.Namespace) -> int:
    from coop_desktop.services.closeout.check import run_checks

    problems = run_checks(open_db(args))
    if problems:
        print(
            t(
                args.lang,
                f"Problemas encontrados: {len(problems)}.",
                f"Problems found: {len(problems)}.",
            ),
            file=sys.stderr,
        )
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print(t(args.lang, "Todo en orden.", "All is well."))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from coop_desktop.services.backups import backup_and_record

    target = backup_and_record(open_db(args), Path(args.file))
    print(t(args.lang, f"Copia guardada en {target}", f"Backup saved to {target}"))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from coop_desktop.services.backups import restore

    source, kept = restore(open_db(args), Path(args.file))
    print(
        t(
            args.lang,
            f"Restaurado desde {source}. Los datos anteriores quedaron en {kept}",
            f"Restored from {source}. The previous data was kept in {kept}",
        )
    )
    return 0

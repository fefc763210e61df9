"""What every `coop` command shares: the parser, the language, output helpers, errors."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from coop_desktop.core.i18n import _

Handler = Callable[[argparse.Namespace], int]


def language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1].lower().startswith("en") else "es"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1].lower().startswith("en") else "es"
    return "en" if os.environ.get("COOP_LANG", "es").lower().startswith("en") else "es"


def speak(lang: str) -> None:
    """This process speaks `lang` (`--lang` or COOP_LANG), from the first help text on: the
    catalogue's `_()`, and argparse's own sentences, which argparse reads through the standard
    gettext (resources/locale/es/LC_MESSAGES/argparse.mo puts them in Spanish)."""
    import gettext

    from coop_desktop.core.i18n import locale_dir, set_language

    os.environ["LANGUAGE"] = set_language(lang)
    gettext.bindtextdomain("argparse", str(locale_dir()))
    gettext.textdomain("argparse")


def jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def print_json(data: Any) -> None:
    json.dump(jsonable(data), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def open_db(args: argparse.Namespace, create: bool = False) -> Any:
    """The database named by --db, with the command's user signed in (see cli/signin.py).
    Only `create` (init, demo) makes a new database where none exists, and gives a database
    without users its first administrator."""
    from coop_desktop.cli.signin import sign_in_for_command, warn_moved_password
    from coop_desktop.storage.connect import open_database

    db = open_database(args.db, create=create)
    args._coop_db = db
    warn_moved_password(db, args.lang)
    try:
        sign_in_for_command(db, args, create)
    except BaseException:
        db.dispose()
        raise
    return db


def add_output(parser: argparse.ArgumentParser, metavar: str = "FILE") -> None:
    """`-o FILE` and `--force` (replace a file that is not a PDF of this program)."""
    parser.add_argument("-o", "--output", required=True, metavar=metavar)
    parser.add_argument(
        "--force",
        action="store_true",
        help=_("reemplaza un archivo existente que no es un PDF de Coop Desktop"),
    )


def databases(args: argparse.Namespace) -> list[Any]:
    """The open database's file, which no output may ever replace."""
    db = getattr(args, "_coop_db", None)
    path = None if db is None else db.location.path
    return [] if path is None else [path]


def check_output(args: argparse.Namespace) -> None:
    """Refuse an `-o` target before anything is built or counted as printed: a database, a
    file that is not ours (without --force), a file where a folder of files would go."""
    from pathlib import Path

    from coop_desktop.core.errors import StorageError
    from coop_desktop.core.outputs import check_target

    target = Path(args.output)
    single = target.suffix.lower() in (".pdf", ".xlsx", ".csv", ".json")
    if single or (target.exists() and not target.is_dir()):
        check_target(target, force=args.force, databases=databases(args))
    if not single and target.exists() and not target.is_dir():
        raise StorageError("output_exists", value=str(target))


def save(args: argparse.Namespace, data: bytes) -> Any:
    """Write one output file safely (see `coop_desktop.core.outputs`)."""
    from pathlib import Path

    from coop_desktop.core.outputs import write_file

    return write_file(Path(args.output), data, force=args.force, databases=databases(args))

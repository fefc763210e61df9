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

Handler = Callable[[argparse.Namespace], int]

# argparse's own sentences, in Spanish (argparse looks them up through its module `_`).
_ARGPARSE_ES = {
    "usage: ": "uso: ",
    "the following arguments are required: %s": "faltan los argumentos obligatorios: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "opción no válida: %(value)r (elija entre %(choices)s)"
    ),
    "expected one argument": "se esperaba un valor",
    "invalid %(type)s value: %(value)r": "valor no válido: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "show this help message and exit": "muestra esta ayuda y termina",
    "positional arguments": "argumentos",
    "options": "opciones",
    "show program's version number and exit": "muestra la versión y termina",
}


def language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1].lower().startswith("en") else "es"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1].lower().startswith("en") else "es"
    return "en" if os.environ.get("COOP_LANG", "es").lower().startswith("en") else "es"


def localise_argparse(lang: str) -> None:
    if lang == "es":
        argparse._ = lambda text: _ARGPARSE_ES.get(text, text)  # type: ignore[attr-defined]


def t(lang: str, es: str, en: str) -> str:
    return en if lang == "en" else es


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
        help=t(
            language(sys.argv[1:]),
            "reemplaza un archivo existente que no es un PDF de Coop Desktop",
            "replace an existing file that is not a Coop Desktop PDF",
        ),
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

    from coop_desktop.errors import StorageError
    from coop_desktop.outputs import check_target

    target = Path(args.output)
    single = target.suffix.lower() in (".pdf", ".xlsx", ".csv", ".json")
    if single or (target.exists() and not target.is_dir()):
        check_target(target, force=args.force, databases=databases(args))
    if not single and target.exists() and not target.is_dir():
        raise StorageError("output_exists", value=str(target))


def save(args: argparse.Namespace, data: bytes) -> Any:
    """Write one output file safely (see `coop_desktop.outputs`)."""
    from pathlib import Path

    from coop_desktop.outputs import write_file

    return write_file(Path(args.output), data, force=args.force, databases=databases(args))

"""`coop`: the headless face of Coop Desktop, built on the same services as the UI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from coop_desktop import __version__
from coop_desktop.cli import (
    account_commands,
    admin,
    audit,
    centre_commands,
    closeout,
    data_commands,
    pricing,
    printing,
    repair_commands,
    reports,
    sales_commands,
    sales_reports,
    transfer,
    user_commands,
)
from coop_desktop.cli.base import language, speak
from coop_desktop.core.children import support_frozen
from coop_desktop.core.i18n import _


def build_parser(lang: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coop",
        description=_("Coop Desktop: acopio, calidad y pagos de una asociación lechera."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"coop-desktop {__version__}",
        help=_("muestra la versión y termina"),
    )
    parser.add_argument(
        "--db",
        metavar="PATH-or-URL",
        help=_("archivo SQLite o URL de PostgreSQL (o variable COOP_DB)"),
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=_(
            "usuario que ejecuta la orden (o variable COOP_USER); la contraseña se "
            "pide en la terminal (o COOP_PASSWORD)"
        ),
    )
    parser.add_argument(
        "--lang",
        choices=["es", "en"],
        default=lang,
        help=_("idioma de los mensajes"),
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMANDO"), required=True)
    data_commands.register(commands, lang)
    centre_commands.register(commands, lang)
    pricing.register(commands, lang)
    account_commands.register(commands, lang)
    closeout.register(commands, lang)
    repair_commands.register(commands, lang)
    printing.register(commands, lang)
    transfer.register(commands, lang)
    admin.register(commands, lang)
    reports.register(commands, lang)
    sales_commands.register(commands, lang)
    sales_reports.register(commands, lang)
    user_commands.register(commands, lang)
    audit.register(commands, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # A worker process of a frozen build (spawn starts the program again) runs here and
    # exits; this module imports little, so a worker from a checkout starts fast too.
    support_frozen()
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = language(args_list)
    speak(lang)
    parser = build_parser(lang)
    args = parser.parse_args(args_list)
    from coop_desktop.core.errors import CoopError
    from coop_desktop.storage.files import private_files

    try:
        with private_files():  # the database, backups and PDFs it writes: user-only
            code: int = args.handler(args)
        return code
    except CoopError as exc:
        print(f"coop: {exc.render(args.lang)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("coop: interrumpido"), file=sys.stderr)
        return 130
    except EOFError:  # Ctrl+D at a prompt (the user's name, a password, a question)
        print(f"coop: {CoopError('input_ended').render(args.lang)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (`coop … | head`): stop without a word
        _quiet_stdout()
        return 141
    except Exception as exc:  # no traceback reaches the user: it goes to the log file
        said = _in_words(exc, args)
        if isinstance(said, CoopError):  # a driver error met outside a unit of work
            print(f"coop: {said.render(args.lang)}", file=sys.stderr)
            return 1
        where = _log_unexpected(exc)
        print(
            _(
                "coop: error inesperado ({name__}: {exc}); no se completó la "
                "operación. El detalle quedó en {where}."
            ).format(name__=type(exc).__name__, exc=exc, where=where),
            file=sys.stderr,
        )
        return 2


def _quiet_stdout() -> None:
    """Point stdout at nothing, so Python's own flush at exit meets no broken pipe either."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (an embedding): nothing to flush
        pass


def _in_words(exc: Exception, args: argparse.Namespace) -> BaseException:
    from coop_desktop.storage.failures import in_words

    db = getattr(args, "_coop_db", None)
    return in_words(exc, db.location.describe() if db is not None else (args.db or ""))


def _log_unexpected(exc: BaseException) -> str:
    """The traceback goes to the program's log (user-only, no passwords); its path."""
    from coop_desktop.storage import log_file

    log_file.setup("coop")
    return log_file.unexpected(exc, " ".join(sys.argv))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

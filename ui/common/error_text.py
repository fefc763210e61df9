"""Errors shown to people: expected ones (bad input, closed period) in the screen's language
(the core's catalogue has both); unexpected ones logged with their traceback to a file and
shown briefly."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from coop_desktop.errors import CoopError
from coop_desktop.storage.location import data_dir

log = logging.getLogger("coop_desktop.ui")


def log_file() -> str:
    from coop_desktop.storage.files import private_folder

    return str(private_folder(data_dir()) / "coop-desktop.log")


def setup_logging() -> None:
    logging.basicConfig(
        filename=log_file(),
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


# The open database, as error messages name it (set by the app once it is open).
database_where = ""


def message(error: BaseException, lang: str | None = None) -> str:
    """The sentence a person reads for an error, in the screen's language (a driver error met
    outside a unit of work is said in words too: a damaged file, a lost server)."""
    from coop_desktop.storage.failures import in_words

    error = in_words(error, database_where)
    if isinstance(error, CoopError):
        from ui.common.fmt import lang as screen_lang

        return error.render(lang or screen_lang())
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    log.error("unexpected error\n%s", text)
    return (
        QCoreApplication.translate(
            "Errors",
            "Ocurrió un error inesperado (%1). No se guardó la operación. El detalle quedó en %2.",
        )
        .replace("%1", type(error).__name__)
        .replace("%2", log_file())
    )


def show(parent: QWidget | None, error: BaseException) -> None:
    box = QMessageBox.warning if isinstance(error, CoopError) else QMessageBox.critical
    box(parent, "Coop Desktop", message(error))


def install_excepthook() -> None:
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        error.__traceback__ = tb
        show(None, error)

    sys.excepthook = hook

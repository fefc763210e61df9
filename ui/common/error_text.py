"""Errors shown to people: expected ones (bad input, closed period) in the screen's language
(the core's catalogue has both); unexpected ones logged with their traceback to a file and
shown briefly."""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from coop_desktop.core.errors import CoopError
from coop_desktop.storage import log_file as logs


def log_file() -> str:
    return str(logs.path())


def setup_logging() -> None:
    logs.setup("coop-desktop")


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
    where = logs.unexpected(error)
    return (
        QCoreApplication.translate(
            "Errors",
            "Ocurrió un error inesperado (%1). No se guardó la operación. El detalle quedó en %2.",
        )
        .replace("%1", type(error).__name__)
        .replace("%2", where)
    )


def show(parent: QWidget | None, error: BaseException) -> None:
    box = QMessageBox.warning if isinstance(error, CoopError) else QMessageBox.critical
    box(parent, "Coop Desktop", message(error))


def install_excepthook() -> None:
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        error.__traceback__ = tb
        show(None, error)

    sys.excepthook = hook

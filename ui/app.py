"""Start the desktop app: `coop-desktop [--db PATH-or-URL]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from coop_desktop.errors import CoopError
from coop_desktop.services.association import get_association
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="coop-desktop")
    parser.add_argument("--db", metavar="PATH-or-URL")
    args, _qt_args = parser.parse_known_args(list(argv))
    return args


def install_translations(app: QApplication, lang: str = "es") -> list[QTranslator]:
    """Spanish (Peru) by default: Qt's own strings too, and es_PE number and date formats."""
    QLocale.setDefault(
        QLocale(QLocale.Language.Spanish, QLocale.Country.Peru)
        if lang == "es"
        else QLocale(QLocale.Language.English)
    )
    translators = []
    if lang == "es":
        qt = QTranslator(app)
        if qt.load("qtbase_es", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            translators.append(qt)
    return translators


def open_or_explain(db_arg: str | None) -> Database | None:
    try:
        return open_database(db_arg)
    except CoopError as exc:
        QMessageBox.critical(None, "Coop Desktop", exc.render("es"))
        return None


def prepare_window(db: Database) -> QDialog | None:
    """On an empty database, the first-run dialog; else nothing."""
    if get_association(db) is not None:
        return None
    from ui.first_run import FirstRunDialog

    return FirstRunDialog(db)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Coop Desktop")
    app.setOrganizationName("CoopDesktop")
    install_translations(app)
    from ui.errors import install_excepthook, setup_logging

    setup_logging()
    install_excepthook()
    db = open_or_explain(args.db)
    if db is None:
        return 1
    dialog = prepare_window(db)
    if dialog is not None and dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    from ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    return int(app.exec())

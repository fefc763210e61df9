"""Start the desktop app: `coop-desktop [--db PATH-or-URL]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from coop_desktop.core.errors import CoopError
from coop_desktop.services.association import get_association
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="coop-desktop")
    parser.add_argument("--db", metavar="PATH-or-URL")
    # Hidden: the start-up check of a frozen build (ui/startup_check.py, docs/packaging.md).
    parser.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    parser.add_argument("--check-pdf", metavar="PDF", help=argparse.SUPPRESS)
    parser.add_argument("--visit-sections", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--report", metavar="FILE", help=argparse.SUPPRESS)
    args, _qt_args = parser.parse_known_args(list(argv))
    return args


class QtGaps(QTranslator):
    """Qt's own words that its Spanish catalogue lacks (the file dialog's labels gained a
    mnemonic in Qt 6 and lost their translation); consulted after qtbase_es."""

    SPANISH: ClassVar[dict[tuple[str, str], str]] = {
        ("QFileDialog", "&Look in:"): "&Ver en:",
        ("QFileDialog", "Files of &type:"): "Ficheros de &tipo:",
    }

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": an empty text would be taken as the translation of every string
        return self.SPANISH.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_translations(app: QApplication, lang: str = "es") -> list[QTranslator]:
    """Spanish (Peru) by default, with Qt's own strings in Spanish and es_PE number and date
    formats; English from resources/translations/coop_en.qm. The code's text is Spanish;
    coop_es.qm holds its plural forms ("%n socio(s)": "1 socio", "3 socios")."""
    for old in getattr(app, "_coop_translators", []):
        app.removeTranslator(old)
    QLocale.setDefault(
        QLocale(QLocale.Language.Spanish, QLocale.Country.Peru)
        if lang == "es"
        else QLocale(QLocale.Language.English)
    )
    from coop_desktop.core.resources import resource_path

    translators: list[QTranslator] = []
    if lang == "es":
        translators.append(QtGaps(app))  # installed first: asked after qtbase_es
        qt = QTranslator(app)
        if qt.load("qtbase_es", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            translators.append(qt)
    ours = QTranslator(app)  # English; in Spanish only the plural forms (%n)
    if ours.load(str(resource_path(f"translations/coop_{lang}.qm"))):
        translators.append(ours)
    for translator in translators:
        app.installTranslator(translator)
    app._coop_translators = translators  # type: ignore[attr-defined]
    return translators


def chosen_location(db_arg: str | None) -> str | None:
    """--db, else COOP_DB, else the location saved in Configuración, else the default."""
    import os

    from ui.common import settings

    if db_arg or os.environ.get("COOP_DB"):
        return db_arg
    saved = settings.DB_LOCATION.get().strip()
    return saved or None


def open_or_explain(db_arg: str | None) -> Database | None:
    """Open the chosen database. A file that does not exist is created only for the first
    start at the default place (the first-run assistant follows) or when the treasurer says
    so for a place they chose: a mistyped path never becomes a new empty database."""
    from coop_desktop.storage.location import resolve

    chosen = chosen_location(db_arg)
    try:
        where = resolve(chosen)
        create = False
        if where.path is not None and not where.path.exists():
            create = chosen is None or _confirm_new(str(where.path))
            if not create:
                return None
        return open_database(chosen, create=create)
    except CoopError as exc:
        from ui.common.error_text import message

        QMessageBox.critical(None, "Coop Desktop", message(exc))
        return None


def _confirm_new(path: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Coop Desktop",
        QApplication.translate(
            "app",
            "No existe una base de datos en %1. ¿Crear una nueva ahí? (Si la ruta está mal "
            "escrita, elija No y corríjala en Configuración o con --db.)",
        ).replace("%1", path),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def sign_in_dialog(db: Database) -> QDialog:
    """Before anything is shown: the first administrator of a new database, else sign-in."""
    from coop_desktop.services.auth import has_users
    from ui.admin.sign_in import FirstAdminDialog, SignInDialog
    from ui.common import settings

    if not has_users(db):
        return FirstAdminDialog(db)
    return SignInDialog(db, last_user=settings.LAST_USER.get())


def remember_user(db: Database) -> None:
    from ui.common import settings

    if db.principal is not None:
        settings.LAST_USER.set(db.principal.name)


def keep_files_private() -> None:
    """User-only modes for what this process writes (POSIX umask 077), and for the log and
    the INI written by earlier versions (chmod 0600 / icacls on Windows)."""
    from pathlib import Path

    from coop_desktop.storage.files import make_private, set_private_umask
    from ui.common import settings
    from ui.common.error_text import log_file

    set_private_umask()
    make_private(Path(log_file()))
    make_private(Path(settings.store().fileName()))


def prepare_window(db: Database) -> QDialog | None:
    """On an empty database, the first-run dialog; else nothing."""
    if get_association(db) is not None:
        return None
    from ui.admin.first_run import FirstRunDialog

    return FirstRunDialog(db)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # The window's thread asks for the interpreter every millisecond at most while an op
    # computes (Python's default is 5 ms): a smoother window, the op barely slower.
    sys.setswitchinterval(0.001)
    from ui.printing.pdf_fonts import prefer_native_text

    prefer_native_text()  # text reaches Windows printer drivers as text
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Coop Desktop")
    app.setOrganizationName("CoopDesktop")
    from ui.common import settings

    install_translations(app, settings.language())
    from ui.common.error_text import install_excepthook, setup_logging

    setup_logging()
    keep_files_private()
    install_excepthook()
    from ui.common.collector import GuiCollector
    from ui.common.runner import runner_busy, stop_app_runner

    collector = GuiCollector(app, busy=runner_busy)
    app._coop_collector = collector  # type: ignore[attr-defined]
    db = open_or_explain(args.db)
    if db is None:
        return 1
    from ui.common import error_text

    error_text.database_where = db.location.describe()
    if args.quit_after is not None:  # the start-up check signs in as a script does
        from ui.startup_check import NEEDS_PERSON, sign_in_from_environment

        if not sign_in_from_environment(db):
            return NEEDS_PERSON
    elif sign_in_dialog(db).exec() != QDialog.DialogCode.Accepted:
        return 0
    remember_user(db)
    dialog = prepare_window(db)
    if dialog is not None and args.quit_after is not None:
        from ui.startup_check import NEEDS_PERSON

        return NEEDS_PERSON
    if dialog is not None and dialog.exec() != QDialog.DialogCode.Accepted:
        stop_app_runner()
        return 0
    from PySide6.QtCore import QTimer

    from ui.main_window import MainWindow

    window = MainWindow(db)
    if db.password_moved_to:
        window.statusBar().showMessage(
            window.tr(
                "La contraseña del servidor se guardó aparte (%1); no quedó en la configuración."
            ).replace("%1", db.password_moved_to)
        )
    window.show()
    QTimer.singleShot(1_000, collector.freeze)  # what the started app holds, never walked again
    if args.quit_after is not None:
        from ui.startup_check import StartupCheck

        check = StartupCheck(
            app, window, args.quit_after, args.check_pdf, args.report, args.visit_sections
        )
        app._coop_check = check  # type: ignore[attr-defined]
    return int(app.exec())

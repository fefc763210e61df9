"""Start the desktop app: `coop-desktop [--db PATH-or-URL]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import ClassVar

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


def ui_language() -> str:
    """Spanish unless COOP_LANG or the saved UI setting says English."""
    import os

    from ui.main_window import ui_settings

    chosen = os.environ.get("COOP_LANG") or str(ui_settings().value("ui/language", "es"))
    return "en" if chosen.lower().startswith("en") else "es"


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
    formats; English from resources/translations/coop_en.qm. The code's text is Spanish."""
    for old in getattr(app, "_coop_translators", []):
        app.removeTranslator(old)
    QLocale.setDefault(
        QLocale(QLocale.Language.Spanish, QLocale.Country.Peru)
        if lang == "es"
        else QLocale(QLocale.Language.English)
    )
    translators = []
    if lang == "es":
        translators.append(QtGaps(app))  # installed first: asked after qtbase_es
        qt = QTranslator(app)
        if qt.load("qtbase_es", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            translators.append(qt)
    else:
        from coop_desktop.resources import resource_path

        ours = QTranslator(app)
        if ours.load(str(resource_path("translations/coop_en.qm"))):
            translators.append(ours)
    for translator in translators:
        app.installTranslator(translator)
    app._coop_translators = translators  # type: ignore[attr-defined]
    return translators


def chosen_location(db_arg: str | None) -> str | None:
    """--db, else COOP_DB, else the location saved in Configuración, else the default."""
    import os

    from ui.main_window import ui_settings

    if db_arg or os.environ.get("COOP_DB"):
        return db_arg
    saved = str(ui_settings().value("db/location", "") or "").strip()
    return saved or None


def open_or_explain(db_arg: str | None) -> Database | None:
    try:
        return open_database(chosen_location(db_arg))
    except CoopError as exc:
        from ui.errors import message

        QMessageBox.critical(None, "Coop Desktop", message(exc))
        return None


def prepare_window(db: Database) -> QDialog | None:
    """On an empty database, the first-run dialog; else nothing."""
    if get_association(db) is not None:
        return None
    from ui.first_run import FirstRunDialog

    return FirstRunDialog(db)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # The window's thread asks for the interpreter every millisecond at most while an op
    # computes (Python's default is 5 ms): a smoother window, the op barely slower.
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Coop Desktop")
    app.setOrganizationName("CoopDesktop")
    install_translations(app, ui_language())
    from ui.errors import install_excepthook, setup_logging

    setup_logging()
    install_excepthook()
    from ui.collector import GuiCollector
    from ui.runner import runner_busy, stop_app_runner

    collector = GuiCollector(app, busy=runner_busy)
    app._coop_collector = collector  # type: ignore[attr-defined]
    db = open_or_explain(args.db)
    if db is None:
        return 1
    dialog = prepare_window(db)
    if dialog is not None and dialog.exec() != QDialog.DialogCode.Accepted:
        stop_app_runner()
        return 0
    from PySide6.QtCore import QTimer

    from ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    QTimer.singleShot(1_000, collector.freeze)  # what the started app holds, never walked again
    return int(app.exec())

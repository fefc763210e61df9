"""No untranslated string on any screen: every screen, tab and dialog is opened in English and
in Spanish over data whose own words belong to neither language, and every label, button,
title, tab, list choice, placeholder, tooltip, table header and table cell is read back. A
Spanish word in the English screens, or an English word (a stored code such as "advance" or
"am") in the Spanish ones, fails the test and names the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QAbstractListModel, QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.core.resources import resource_path
from coop_desktop.services.accounts import add_advance, add_product, sell_input
from coop_desktop.services.association import create_association
from coop_desktop.services.centres import add_centre, set_route
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member, list_members
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import import_scheme
from coop_desktop.storage.engine import Database
from ui.app import install_translations

SPANISH = re.compile(
    r"[áéíóúñ¿¡]|\b(de|del|la|las|los|el|en|con|por|para|sin|que|una|socio|socios|entrega|"
    r"entregas|periodo|guardar|cancelar|nuevo|nueva|fecha|turno|cantidad|monto|precio|"
    r"esquema|calidad|cuenta|centro|ruta|nombre|todos|todas|vista|previa|cerrar|imprimir|"
    r"buscar|agregar|quitar|registrar|tarde|aceptada|rechazada|adelanto|insumo|planilla|"
    r"recibo|liquidación|bruto|neto|descuentos)\b",
    re.IGNORECASE,
)
ENGLISH = re.compile(
    r"\b(advance|input|dues|loan|adjustment|true|false|am|pm|morning|afternoon|member|"
    r"members|delivery|deliveries|cancel|save|look in|file name|issued|paid|void|dec)\b",
    re.IGNORECASE,
)
# The scheme's own component labels and the pricing engine's rule texts are the
# association's data (printed on its documents in its language), not screen text; so are
# the stored schemes' titles a buyer's price is chosen from (Ventas), the columns a view marks
# as stored text (`data_columns`, ui/common/tables.py), and the names of
# the languages, each written in its own.
DATA_WIDGETS = ("calculator-lines", "scheme-components", "scheme-choice")
START = TODAY - timedelta(days=45)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{3,}", re.sub(r"<[^>]+>", " ", text))}


def catalogue_words() -> tuple[set[str], set[str]]:
    """Words only the Spanish sources use, and words only the English translations use:
    every text of the screens is in the catalogue, so any of these on the wrong side is an
    untranslated string, whatever it says."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(resource_path("translations/coop_en.ts"))
    spanish: set[str] = set()
    english: set[str] = set()
    for message in tree.iter("message"):
        spanish |= _words(message.findtext("source") or "")
        english |= _words(message.findtext("translation") or "")
    return spanish - english, english - spanish


def neutral(db: Database) -> Database:
    """An association whose names are in neither language."""
    create_association(db, "Kallpa Tuni", district="Tuni", province="Tuni")
    import_scheme(
        db, resource_path("schemes/peru-additive.json").read_text(), START - timedelta(days=400)
    )
    for code, given, surname in (("K1", "Ana", "Kolla"), ("K2", "Zoe", "Tupa")):
        add_member(db, MemberDraft(code=code, given_names=given, surnames=surname))
    add_centre(db, "C01", "Tuni Kallpa")
    set_route(db, "C01", ["K1", "K2"])
    add_product(db, "Kiwicha", "12.00", "kg")
    for i in range(0, 40, 3):
        add_delivery(db, "K1", "12.5", "L", START + timedelta(days=i), "am")
        add_delivery(db, "K2", "8", "L", START + timedelta(days=i), "pm", reject_reason="Kx")
    add_test(db, "K1", START + timedelta(days=5), {"fat": "3.6", "st": "12.1", "ufc": "250000"})
    add_advance(db, "K1", "20", START + timedelta(days=6))
    sell_input(db, "K1", "Kiwicha", "1", START + timedelta(days=6))
    close_period(db, f"{START:%Y-%m}")
    return db


def texts_of(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for everything a person reads on `root` and its children."""
    combo_lists = {id(c.model()) for c in root.findChildren(QComboBox)}  # read as items
    for w in [root, *root.findChildren(QWidget)]:
        where = f"{type(w).__name__}({w.objectName()})"
        if w.isWindow():
            yield where + ".windowTitle", w.windowTitle()
        if w.toolTip():
            yield where + ".toolTip", w.toolTip()
        if isinstance(w, QLabel):
            yield where, re.sub(r"<[^>]+>", " ", w.text())
        elif isinstance(w, QAbstractButton):
            yield where, w.text()
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QLineEdit):
            yield where + ".placeholder", w.placeholderText()
        elif isinstance(w, QComboBox) and w.objectName() not in ("language-choice", *DATA_WIDGETS):
            printers = set(QPrinterInfo.availablePrinterNames())  # the system's names: data
            yield from (
                (where, w.itemText(i)) for i in range(w.count()) if w.itemText(i) not in printers
            )
        elif isinstance(w, QTabWidget):
            yield from ((where, w.tabText(i)) for i in range(w.count()))
        elif isinstance(w, QListWidget) and w.objectName() not in DATA_WIDGETS:
            yield from ((where, w.item(i).text()) for i in range(min(w.count(), 50)))
        if (
            isinstance(w, QAbstractItemView)
            and not isinstance(w, QHeaderView)
            and w.model() is not None
            and id(w.model()) not in combo_lists
        ):
            model = w.model()
            stored = set(w.property("data_columns") or [])
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            for c in range(columns):
                header = model.headerData(c, Qt.Orientation.Horizontal)
                yield where + ".header", str(header or "")
                if w.objectName() in DATA_WIDGETS or c in stored:
                    continue
                for r in range(min(model.rowCount(), 30)):
                    yield where + ".cell", str(model.index(r, c).data() or "")


def every_screen(qtbot: QtBot, db: Database) -> list[QWidget]:
    """The main window with every section and tab built, and every dialog."""
    from ui.admin.first_run import FirstRunDialog
    from ui.collection.delivery_dialogs import AdjustmentDialog, EditDeliveryDialog
    from ui.common.lazy_tabs import LazyTabs
    from ui.common.member_lookup import MemberIndex
    from ui.main_window import MainWindow
    from ui.members.member_dialog import MemberDialog
    from ui.members.member_page import MemberPage

    from .driving import settled

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    for key in list(window.views):
        view = window.open_section(key)
        lazy = [view] if isinstance(view, LazyTabs) else view.findChildren(LazyTabs)
        for tabs in lazy:  # every tab built, as a person opening each would
            for tab in range(tabs.count()):
                tabs.page(tab)
        settled(qtbot)
        if key == "closeout":
            view.period.selectAll()  # type: ignore[attr-defined]
            qtbot.keyClicks(view.period, f"{START:%Y-%m}")  # type: ignore[attr-defined]
            qtbot.keyClick(view.period, Qt.Key.Key_Return)  # type: ignore[attr-defined]
            settled(qtbot)
            qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        if key == "accounts":
            qtbot.keyClicks(view.member, "K1")  # type: ignore[attr-defined]
            qtbot.keyClick(view.member, Qt.Key.Key_Return)  # type: ignore[attr-defined]
        settled(qtbot)
    member = list_members(db)[0]
    from coop_desktop.services.deliveries import list_deliveries

    delivery = list_deliveries(db, member_code="K1")[-1]
    dialogs: list[QWidget] = [
        FirstRunDialog(db),
        MemberDialog(db),
        MemberDialog(db, member),
        MemberPage(db, member),
        EditDeliveryDialog(db, delivery),
        AdjustmentDialog(db, MemberIndex([]), f"{START:%Y-%m}"),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    from ui.common.confirm import SafeQuestion

    question = SafeQuestion(window, "x", "x", "x")
    qtbot.addWidget(question)
    return [window, *dialogs, question]


@pytest.mark.parametrize(("lang", "wrong"), [("en", SPANISH), ("es", ENGLISH)], ids=["en", "es"])
def test_no_untranslated_text_on_any_screen(
    qtbot: QtBot, qapp, sqlite_db: Database, lang: str, wrong: re.Pattern[str]
) -> None:  # type: ignore[no-untyped-def]
    db = neutral(sqlite_db)
    install_translations(qapp, lang)
    try:
        read = [
            (where, text) for screen in every_screen(qtbot, db) for where, text in texts_of(screen)
        ]
        only_spanish, only_english = catalogue_words()
        foreign = only_spanish if lang == "en" else only_english
        place = str(db.location.path)  # the data's folder is no screen text
        found = [
            f"{where}: {text!r}"
            for where, raw in read
            if (text := raw.replace(place, "")) and (wrong.search(text) or _words(text) & foreign)
        ]
        assert found == []
        buttons = [text for where, text in read if where.startswith("QPushButton")]
        assert len(buttons) > 60 and not [t for t in buttons if not t.strip()]  # none blank
    finally:
        install_translations(qapp, "es")


def test_qt_dialogs_and_charts_speak_the_screen_language(qtbot: QtBot, qapp) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from ui.common import fmt
    from ui.home.chart_scale import Scale
    from ui.home.home_charts import day_labels

    for lang, look_in, kind in (
        ("es", "&Ver en:", "Ficheros de &tipo:"),
        ("en", "&Look in:", "Files of &type:"),
    ):
        install_translations(qapp, lang)
        try:
            dialog = QFileDialog()
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
            qtbot.addWidget(dialog)
            labels = [w.text() for w in dialog.findChildren(QLabel)]
            assert look_in in labels and kind in labels
            assert QCoreApplication.translate("QPlatformTheme", "Cancel") == (
                "Cancelar" if lang == "es" else "Cancel"
            )
            assert day_labels([date(2026, 12, 5)]) == [(0, "05/12")]
            tick = Decimal(59750)
            assert Scale(tick, tick, Decimal(1), 0).labelled(fmt.number) == [(tick, "59,750")]
        finally:
            install_translations(qapp, "es")

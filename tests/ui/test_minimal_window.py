from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from coop_desktop.services.association import get_association
from coop_desktop.services.members import list_members
from coop_desktop.storage.engine import Database
from ui.admin.first_run import FirstRunDialog
from ui.app import install_translations, parse_args, prepare_window
from ui.main_window import MainWindow

from .driving import settled


def test_first_run_creates_the_association(qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = prepare_window(sqlite_db)
    assert isinstance(dialog, FirstRunDialog)
    qtbot.addWidget(dialog)
    assert dialog.create_button.text() == "Crear asociación"
    assert dialog.demo_button.text() == "Cargar datos de demostración"
    qtbot.keyClicks(dialog.ruc, "123")
    qtbot.keyClicks(dialog.name, "Asociacion Lechera Llalli")  # QTest types ASCII only
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "RUC inválido" in dialog.error.text()
    assert get_association(sqlite_db) is None
    dialog.ruc.clear()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    info = get_association(sqlite_db)
    assert info is not None and info.name == "Asociacion Lechera Llalli"
    assert prepare_window(sqlite_db) is None


def test_demo_button_loads_members(qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = FirstRunDialog(sqlite_db)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)  # runs in the background
    qtbot.waitUntil(lambda: dialog.result() == FirstRunDialog.DialogCode.Accepted, timeout=20000)
    assert len(list_members(sqlite_db)) == 50


def test_main_window_shell(qtbot: QtBot, association: Database) -> None:
    window = MainWindow(association)
    qtbot.addWidget(window)
    window.show()
    home = window.views["home"]
    assert home.title.text() == "Asociación de Productores Lecheros Huaychani"  # type: ignore[attr-defined]
    assert association.location.describe() in home.location.text()  # type: ignore[attr-defined]
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Inicio",
        "Socios",
        "Acopio",
        "Calidad",
        "Precios",
        "Cuentas",
        "Ventas",
        "Cierre",
        "Documentos",
        "Configuración",
        "Indicadores",
        "Auditoría",
        "Usuarios",
    ]
    # Offscreen windows are not activated, so shortcuts are triggered through their actions.
    shortcuts = {
        a.shortcut().toString(): a for m in window.menuBar().actions() for a in m.menu().actions()
    }
    shortcuts["Ctrl+2"].trigger()
    qtbot.waitUntil(lambda: type(window.stack.currentWidget()).__name__ == "MembersView")
    shortcuts["Ctrl+3"].trigger()
    qtbot.waitUntil(lambda: type(window.stack.currentWidget()).__name__ == "CollectionSection")
    settled(qtbot)
    assert window.period_label.text() == "Periodo en curso: noviembre 2026"
    assert window.user_label.text() == "Usuario: admin (administrador)"


def test_spanish_peru_locale(qapp) -> None:  # type: ignore[no-untyped-def]
    install_translations(qapp, "es")
    assert QLocale().name() == "es_PE"
    assert parse_args(["--db", "x.db"]).db == "x.db"


def test_first_run_assistant_fields(qtbot: QtBot, sqlite_db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), (10, 120, 60)).save(logo)
    dialog = FirstRunDialog(sqlite_db)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Asociacion Cupi")
    qtbot.keyClicks(dialog.ruc, "20131312955")
    qtbot.keyClicks(dialog.district, "Cupi")
    qtbot.keyClicks(dialog.province, "Melgar")
    dialog.cycle.setCurrentIndex(dialog.cycle.findData("fortnight"))
    dialog.set_logo(logo)
    dialog.series.setText("9X")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "Serie" in dialog.error.text() and get_association(sqlite_db) is None
    dialog.series.setText("L002")
    qtbot.keyClicks(dialog.centre, "Centro de acopio Cupi")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    from coop_desktop.services.centres import list_centres

    assert [(c.code, c.name, c.district) for c in list_centres(sqlite_db)] == [
        ("C01", "Centro de acopio Cupi", "Cupi")
    ]
    info = get_association(sqlite_db)
    assert info is not None
    assert (info.cycle, info.district, info.province, info.settlement_series, info.has_logo) == (
        "fortnight",
        "Cupi",
        "Melgar",
        "L002",
        True,
    )


def test_the_window_opens_on_the_section_it_was_closed_on(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    """Every section can be the first screen (after a change of language the app reopens on
    Configuración): built while the window's first reads run, then closed again. The crash
    this guards against came one start in four; scripts/start_every_section.py (CI) starts
    a new process 20 times on each section."""
    from coop_desktop.services.association import create_association
    from ui.common import settings

    create_association(sqlite_db, "Asociación Umachiri")
    keys = [
        *("home", "members", "collection", "quality", "prices", "accounts", "sales"),
        *("closeout", "documents", "settings", "indicators", "audit", "users"),
    ]  # the sidebar's order
    opened = []
    for row, key in enumerate(keys):
        settings.WINDOW_SECTION.set(row)
        window = MainWindow(sqlite_db)
        qtbot.addWidget(window)
        window.show()
        settled(qtbot)
        # the screen is built once the program's modules are read (a moment of «Cargando…»)
        qtbot.waitUntil(
            lambda w=window: not w.stack.currentWidget().objectName().startswith("lazy-"),
            timeout=10_000,
        )
        shown = window.stack.currentWidget()
        assert list(window.views) == keys
        opened.append((key, shown is window.views[key], shown.objectName().startswith("lazy-")))
        window.close()
    assert opened == [(key, True, False) for key in keys]

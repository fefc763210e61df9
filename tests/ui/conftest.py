import gc
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests/ui/print_dialogs.py

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot


@pytest.fixture(scope="session", autouse=True)
def spanish_screens(qapp: object) -> None:
    """The screens in Spanish, as the app starts them: Qt's own words and the plural forms
    of ours ("%n socio(s)" → "1 socio", "3 socios")."""
    from ui.app import install_translations

    install_translations(qapp, "es")  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[None]:
    """UI state (window geometry, last section) goes to a temporary INI file."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """As the app does (ui/common/collector.py): no automatic collection while a test runs, so a
    worker thread never destroys Qt wrappers; collect here, on the GUI thread, after it. What
    survives is frozen (modules, caches, the session's fixtures), so the next collection walks
    only what the next test made: 0.1–0.3 s a test before, a few ms now."""
    gc.disable()
    yield
    gc.collect()
    gc.freeze()
    gc.enable()


@pytest.fixture(autouse=True)
def stop_the_runner(qtbot: QtBot) -> Iterator[None]:
    """As the main window does when it closes: the app's op runner stops (running ops are
    asked to cancel) before the test's widgets are closed, so no op outlives its screen."""
    yield
    from ui.common.runner import stop_app_runner

    stop_app_runner()


@pytest.fixture(autouse=True)
def no_forgotten_dialog(qtbot: QtBot) -> Iterator[None]:
    """A modal dialog nobody answers would hang the suite: after 15 s it is closed and the
    test fails, naming it."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    forgotten: list[str] = []
    open_since = QElapsedTimer()
    shown: list[object] = [None]

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            shown[0] = None
            return
        if shown[0] is not dialog:
            shown[0] = dialog
            open_since.start()
        elif open_since.elapsed() > 15_000 and isinstance(dialog, QDialog):
            forgotten.append(f"{type(dialog).__name__}: {dialog.windowTitle()}")
            dialog.reject()

    timer = QTimer()
    timer.setInterval(500)
    timer.timeout.connect(check)
    timer.start()
    yield
    timer.stop()
    assert not forgotten, f"a dialog was left unanswered: {forgotten}"

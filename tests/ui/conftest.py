import gc
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests/ui/print_dialogs.py

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[None]:
    """UI state (window geometry, last section) goes to a temporary INI file."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """As the app does (ui/collector.py): no automatic collection while a test runs, so a
    worker thread never destroys Qt wrappers; collect here, on the GUI thread, after it."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()

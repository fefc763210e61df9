"""The hidden start-up check the frozen smoke test and benchmark use (ui/startup_check.py):
the real program opens its main window on the database, renders a PDF with QtPdf, quits on
its own, and says what happened in its exit code and its report."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from tests_support.users import ADMIN, PASSWORD, sign_in_admin

from coop_desktop.services.association import create_association
from coop_desktop.services.demo import load_demo
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database
from ui.startup_check import ERRORS, NEEDS_PERSON, PDF_FAILED

ROOT = Path(__file__).resolve().parents[2]
NAME = "Asociación de Productores Lecheros Huaychani"


@pytest.fixture
def bare_db(tmp_path: Path) -> Iterator[Database]:
    """A new database with no user yet (the program's first start)."""
    db = open_database(str(tmp_path / "coop.db"), backup_dir=tmp_path / "backups", create=True)
    yield db
    db.dispose()


def with_admin(db: Database) -> Database:
    return sign_in_admin(db)


def run_app(
    tmp_path: Path, db: Database, *extra: str, pythonpath: str = ""
) -> tuple[int, list[dict[str, object]]]:
    report = tmp_path / "report.jsonl"
    report.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": pythonpath,
        "COOP_USER": ADMIN,
        "COOP_PASSWORD": PASSWORD,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    assert db.location.path is not None
    command = [sys.executable, str(ROOT / "main.py"), "--db", str(db.location.path)]
    command += ["--quit-after", "0", "--report", str(report), *extra]
    done = subprocess.run(command, env=env, capture_output=True, timeout=120)
    lines = report.read_text("utf-8").splitlines() if report.exists() else []
    return done.returncode, [json.loads(line) for line in lines]


def test_opens_the_window_renders_a_pdf_and_quits(tmp_path: Path, bare_db: Database) -> None:
    create_association(with_admin(bare_db), NAME, None)
    pdf = tmp_path / "page.pdf"
    page = canvas.Canvas(str(pdf))
    page.setFont("Helvetica-Bold", 40)
    page.drawString(72, 700, "Estado de cuenta")
    page.save()
    code, events = run_app(tmp_path, bare_db, "--check-pdf", str(pdf))
    assert code == 0, events
    shown = events[0]
    assert NAME in str(shown["title"]) and isinstance(shown["shown"], float)
    assert events[1]["pdf_pages"] == 1 and int(str(events[1]["pdf_inked_pixels"])) > 0
    assert events[2:] == [{"sections": [], "errors": [], "busy": False}, {"exit": 0}]

    pdf.write_text("esto no es un PDF")
    code, events = run_app(tmp_path, bare_db, "--check-pdf", str(pdf))
    assert code == PDF_FAILED and events[1]["pdf_pages"] == 0


def test_never_waits_for_a_person(tmp_path: Path, bare_db: Database) -> None:
    code, events = run_app(tmp_path, bare_db)  # no users yet: the first-admin dialog
    assert code == NEEDS_PERSON and events == []
    code, events = run_app(tmp_path, with_admin(bare_db))  # no association yet
    assert code == NEEDS_PERSON and events == []


def test_an_error_while_the_window_loads_fails_the_check(tmp_path: Path, bare_db: Database) -> None:
    """What a frozen build with a library that does not load looks like: the charts of
    Inicio cannot load QtCharts (its library is refused at import, as a build without it
    would); the app shows the error where the charts go, the check exits with 5."""
    load_demo(with_admin(bare_db), members=3, days=2)  # a price scheme: Inicio draws charts
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "sitecustomize.py").write_text(NO_CHARTS)
    code, events = run_app(tmp_path, bare_db, pythonpath=str(broken))
    assert code == ERRORS, events
    assert "libQt6Charts.so.6: cannot open shared object file" in str(events[-2]["errors"])


# Run at the start of the child (Python imports `sitecustomize` from its path): QtCharts
# does not load, every other module does.
NO_CHARTS = """
import sys
from importlib.abc import MetaPathFinder


class NoCharts(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6.QtCharts":
            raise ImportError("libQt6Charts.so.6: cannot open shared object file")
        return None


sys.meta_path.insert(0, NoCharts())
"""


def test_no_qt_module_is_loaded_off_the_gui_thread(tmp_path: Path, bare_db: Database) -> None:
    """Every screen opened with data, the charts drawn: the op runner's worker (which reads
    the dashboard and imports the screens' modules ahead) never loads a Qt module, as one
    loaded there while the GUI thread builds widgets has brought the app down."""
    load_demo(with_admin(bare_db), members=3, days=2)
    watch = tmp_path / "watch"
    watch.mkdir()
    off_thread = tmp_path / "off-thread.txt"
    (watch / "sitecustomize.py").write_text(WATCH_QT.replace("OUT", repr(str(off_thread))))
    code, events = run_app(tmp_path, bare_db, "--visit-sections", pythonpath=str(watch))
    assert code == 0, events
    assert events[-2]["sections"] and events[-2]["errors"] == []
    assert not off_thread.exists(), off_thread.read_text()


# Run at the start of the child: notes each Qt module first imported on a thread other than
# the main (GUI) one.
WATCH_QT = """
import sys
import threading
from importlib.abc import MetaPathFinder


class WatchQt(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        thread = threading.current_thread()
        if name.split(".")[0] in ("PySide6", "shiboken6") and thread is not threading.main_thread():
            with open(OUT, "a", encoding="utf-8") as out:
                out.write(f"{name} on {thread.name}\\n")
        return None


sys.meta_path.insert(0, WatchQt())
"""

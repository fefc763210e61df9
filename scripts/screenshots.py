"""Save one PNG per main view, with demo data, offscreen: `python scripts/screenshots.py OUTDIR`."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def wait(app: object, view: Any, ready: Callable[[Any], bool]) -> None:
    """Let the view's background ops finish (at most 20 s), then stop its runner."""
    import time

    deadline = time.monotonic() + 20
    while not ready(view) and time.monotonic() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
    view.runner.shutdown()
    app.processEvents()  # type: ignore[attr-defined]


def settle(app: object, seconds: float = 1.5) -> None:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from coop_desktop.services.demo import load_demo
    from coop_desktop.storage.connect import open_database
    from ui.app import install_translations
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    install_translations(app)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        db = open_database(str(Path(tmp) / "demo.db"), create=True)
        from coop_desktop.services.auth import create_first_admin, sign_in

        create_first_admin(db, "admin", "clave-de-capturas", "Tesorería")
        sign_in(db, "admin", "clave-de-capturas", for_command=True)
        load_demo(db, members=60, days=45, start=date.today() - timedelta(days=45), seed=1)
        window = MainWindow(db)
        window.resize(1200, 720)
        window.show()
        for key in list(window.views):
            view = window.open_section(key)
            if key == "collection":
                entry = view.collection  # type: ignore[attr-defined]
                entry.day.setDate(entry.day.date().addDays(-1))
            if key == "home":  # the dashboard and the payroll estimate load in the background
                wait(app, view, lambda v: v.estimate is not None)
            if key == "documents":  # a statement of the last period, previewed
                view.kind.setCurrentIndex(1)  # type: ignore[attr-defined]
                view.member.setText("S0001")  # type: ignore[attr-defined]
                view.preview()  # type: ignore[attr-defined]
                wait(app, view, lambda v: v.printout is not None)
                settle(app)  # QPdfView renders its pages asynchronously
            if key == "accounts":
                view.member.setText("S0001")  # type: ignore[attr-defined]
                view.show_ledger()  # type: ignore[attr-defined]
            if key == "closeout":  # show a preview, computed in the background
                view.preview()  # type: ignore[attr-defined]
                wait(app, view, lambda v: v.table.rowCount() > 0)
            if key == "indicators":  # the demo's days by district, at the smallest usual screen
                window.resize(1366, 768)
                view.start.setDate(view.start.date().currentDate().addDays(-45))  # type: ignore[attr-defined]
                view.calculate()  # type: ignore[attr-defined]
                wait(app, view, lambda v: v.report is not None)
                view.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
            if key == "prices":  # simulate the scheme in force on the last period
                view.whatif.run()  # type: ignore[attr-defined]
                wait(app, view, lambda v: v.whatif.table.rowCount() > 0)
            app.processEvents()
            window.grab().save(str(out / f"{key}.png"))
            print(out / f"{key}.png")
            if key == "collection":
                for tab, name in ((1, "route"), (2, "deliveries")):
                    view.setCurrentIndex(tab)  # type: ignore[attr-defined]
                    app.processEvents()
                    window.grab().save(str(out / f"{name}.png"))
                    print(out / f"{name}.png")
        window.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())

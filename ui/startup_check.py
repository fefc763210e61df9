"""A hidden start-up check, for the smoke test of a frozen build and its start-up benchmark
(docs/packaging.md):

    coop-desktop --db FILE --quit-after MS [--visit-sections] [--check-pdf PDF] [--report OUT]

The app starts as usual and opens its main window. MS milliseconds after the window is
shown, once its background work (the dashboard, the payroll estimate) is done, the check
opens every section in turn if asked (each screen built on the database, its background
work awaited: a Qt module or library missing from a frozen build shows up here), loads PDF
(if given) the way the document preview does, with QtPdf, renders its first page, closes
the window and quits. Exit code: 0 when everything worked, 3 when the PDF did not load or
render, 4 when the database needed the sign-in or first-run dialog (a check never waits
for a person; it signs in with COOP_USER and COOP_PASSWORD, as `coop` does for scripts),
5 when an error was logged meanwhile or background work did not end within a minute.
OUT, if given, gets one JSON object per line: when the window was shown (`time.time()`),
which translations loaded, the sections visited, the errors logged, what the PDF gave. A
windowed program on Windows has no console, so the report file is how a smoke test reads
it there.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QMainWindow

PDF_FAILED = 3
NEEDS_PERSON = 4
ERRORS = 5
BUSY_LIMIT_S = 60.0
POLL_MS = 50


def report(path: str | None, **fields: object) -> None:
    if path:
        with Path(path).open("a", encoding="utf-8") as out:
            out.write(json.dumps(fields) + "\n")


def sign_in_from_environment(db: Any) -> bool:
    """The check never waits on the sign-in dialog: it signs in as a script does with
    `coop`, as COOP_USER (default admin) with COOP_PASSWORD. False when that is not
    possible (no password given, no users yet, a wrong password): the check then exits 4."""
    import os

    from coop_desktop.core.errors import CoopError
    from coop_desktop.services.auth import has_users, sign_in

    password = os.environ.get("COOP_PASSWORD")
    if not password or not has_users(db):
        return False
    try:
        sign_in(db, os.environ.get("COOP_USER") or "admin", password)
    except CoopError:
        return False
    return True


class ErrorLog(logging.Handler):
    """Every error logged while the check runs (ui.common.error_text logs each unexpected one)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage()[-2000:])


class StartupCheck:
    def __init__(
        self,
        app: QApplication,
        window: QMainWindow,
        quit_after_ms: int,
        pdf: str | None = None,
        report_to: str | None = None,
        visit_sections: bool = False,
    ) -> None:
        self.app = app
        self.window = window
        self.pdf = pdf
        self.report_to = report_to
        self.quit_after_ms = max(0, quit_after_ms)
        self.errors = ErrorLog()
        logging.getLogger().addHandler(self.errors)
        self.deadline = 0.0
        views = getattr(window, "views", {})
        self.sections: list[str] = list(views)[1:] if visit_sections else []
        self.visited: list[str] = []
        QTimer.singleShot(0, self._shown)  # runs once the window is up and painted

    def _shown(self) -> None:
        translators = getattr(self.app, "_coop_translators", [])
        views = list(getattr(self.window, "views", {}))
        nav = getattr(self.window, "nav", None)
        row = nav.currentRow() if nav is not None else -1
        report(
            self.report_to,
            shown=time.time(),
            title=self.window.windowTitle(),
            translations=[t.filePath() for t in translators],
            section=views[row] if 0 <= row < len(views) else "",
        )
        self.deadline = time.monotonic() + self.quit_after_ms / 1000 + BUSY_LIMIT_S
        QTimer.singleShot(self.quit_after_ms, self._finish)

    def _busy(self) -> bool:
        from ui.common.runner import OpRunner

        return any(runner.busy for runner in self.window.findChildren(OpRunner))

    def _finish(self) -> None:
        busy = self._busy()
        if busy and time.monotonic() < self.deadline:
            QTimer.singleShot(POLL_MS, self._finish)
            return
        if self.sections and not busy:
            key = self.sections.pop(0)
            self.visited.append(key)
            self.deadline = time.monotonic() + BUSY_LIMIT_S
            # Scheduled first: a screen that fails is reported by the app's error handler in a
            # message box, whose own event loop then keeps this check going.
            QTimer.singleShot(POLL_MS, self._finish)
            try:
                self.window.open_section(key)  # type: ignore[attr-defined]
            except Exception:  # logged, so the check fails
                logging.getLogger(__name__).exception("section %s did not open", key)
            return
        code = self._check_pdf() if self.pdf else 0
        logging.getLogger().removeHandler(self.errors)
        report(self.report_to, sections=self.visited, errors=self.errors.messages, busy=busy)
        if code == 0 and (self.errors.messages or busy):
            code = ERRORS
        self.window.close()
        report(self.report_to, exit=code)
        self.app.exit(code)

    def _check_pdf(self) -> int:
        from ui.printing.pdf_print import load_pdf

        assert self.pdf is not None
        document = load_pdf(Path(self.pdf).read_bytes(), self.app)
        pages = document.pageCount()
        ok = document.status() == QPdfDocument.Status.Ready and pages > 0
        inked = 0
        if ok:
            image = document.render(0, QSize(300, 420)).convertToFormat(
                QImage.Format.Format_Grayscale8
            )
            inked = sum(
                1
                for y in range(0, image.height(), 3)
                for x in range(0, image.width(), 3)
                if image.pixelColor(x, y).value() < 128
            )
        report(self.report_to, pdf_pages=pages, pdf_inked_pixels=inked)
        document.close()
        return 0 if ok and inked > 0 else PDF_FAILED

"""Cierre: the previewed numbers are the closed numbers (and `coop close --json`'s on a copy
of the same database); a close cancelled half-way leaves the period open."""

import json
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from coop_desktop.services.demo import load_demo
from coop_desktop.services.settlements import stored_totals
from coop_desktop.storage.engine import Database
from ui.closeout_view import CloseoutView
from ui.runner import OpContext, OpRunner

START = (date.today().replace(day=1) - timedelta(days=40)).replace(day=1)
PERIOD = f"{START:%Y-%m}"


def rows(view: CloseoutView) -> list[tuple[str, ...]]:
    return [
        tuple(view.table.item(r, c).text() for c in range(7)) for r in range(view.table.rowCount())
    ]


def test_preview_is_the_close(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo(sqlite_db, members=8, days=31, start=START)
    from coop_desktop.services.backups import backup

    copy = backup(sqlite_db, tmp_path / "copia.db")  # consistent, WAL included
    view = CloseoutView(sqlite_db)
    qtbot.addWidget(view)
    view.period.setText(PERIOD)
    view.preview()
    qtbot.waitUntil(lambda: view.table.rowCount() == 8, timeout=10000)
    previewed = rows(view)
    assert "nada se ha guardado" in view.status.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.close_period()
    qtbot.waitUntil(lambda: "cerrado" in view.status.text(), timeout=15000)
    assert rows(view) == previewed
    assert view.table.item(0, 7).text() == "L001-00000001"
    out = subprocess.run(
        [sys.executable, "-m", "coop_desktop.cli", "--db", str(copy), "close", PERIOD, "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cli = json.loads(out)["members"]
    assert [
        (m["code"], f"{Decimal(m['gross']):,.2f}", f"{Decimal(m['net']):,.2f}") for m in cli
    ] == [(r[0], r[3], r[6]) for r in previewed]
    view.runner.shutdown()


class CancelledRunner(OpRunner):
    """Runs the op at once, as if the user had pressed Cancel while it ran."""

    def run(self, op: Any, on_done: Any, on_error: Any, **_kw: Any) -> Any:
        import queue

        context = OpContext(0, queue.SimpleQueue())
        context.cancelled.set()
        try:
            on_done(op(context))
        except Exception as exc:  # the op's own error, as the real runner delivers it
            on_error(exc)


def test_cancelled_close_leaves_the_period_open(
    qtbot: QtBot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo(sqlite_db, members=3, days=31, start=START)
    view = CloseoutView(sqlite_db)
    qtbot.addWidget(view)
    view.runner.shutdown()
    view.runner = CancelledRunner(view)
    view.period.setText(PERIOD)
    view.close_period()
    assert "cancelada" in view.status.text()
    assert stored_totals(sqlite_db, PERIOD) is None


def test_save_batch_from_the_button(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from print_dialogs import Answers
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from coop_desktop.services.closeout import close_period

    load_demo(sqlite_db, members=3, days=31, start=START)
    close_period(sqlite_db, PERIOD)
    view = CloseoutView(sqlite_db)
    qtbot.addWidget(view)
    view.period.setText(PERIOD)
    target = str(tmp_path / "recibos.pdf")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target, ""))
    answers = Answers(qtbot).item("Recibos")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    answers.stop()
    qtbot.waitUntil(lambda: "Guardado en" in view.status.text(), timeout=15000)
    assert (tmp_path / "recibos.pdf").stat().st_size > 1000
    view.runner.shutdown()


def test_warnings_jump_to_the_screen_that_fixes_them(
    qtbot: QtBot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coop_desktop.services.accounts import add_advance
    from coop_desktop.services.deliveries import add_delivery
    from coop_desktop.services.dto import MemberDraft
    from coop_desktop.services.members import add_member
    from ui.main_window import MainWindow

    load_demo(sqlite_db, members=3, days=31, start=START)
    add_member(sqlite_db, MemberDraft(code="S0099", given_names="Eva", surnames="Mamani"))
    delivery = add_delivery(sqlite_db, "S0099", "12", "L", START + timedelta(days=3), "am")
    add_advance(sqlite_db, "S0099", "900", START + timedelta(days=4))
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    view = window.open_section("closeout")
    assert isinstance(view, CloseoutView)
    view.period.setText(PERIOD)
    view.preview()
    qtbot.waitUntil(lambda: view.table.rowCount() == 4, timeout=10000)
    texts = [view.warnings.item(i).text() for i in range(view.warnings.count())]
    # the scheme prices on the period's average: the member lacks samples, not one delivery
    missing = texts.index("S0099: ninguna muestra del periodo tiene st, ufc")
    debt = next(i for i, t in enumerate(texts) if "superan la leche" in t)

    view.fix(view.warnings.item(missing))
    quality = window.stack.currentWidget()
    assert quality is window.views["quality"]
    assert quality.member.text() == "S0099"  # type: ignore[attr-defined]
    assert quality.delivery.text() == ""  # type: ignore[attr-defined]
    quality.focus_on("S0099", delivery.id)  # type: ignore[attr-defined]  # a per-delivery warning
    assert quality.delivery.text() == str(delivery.id)  # type: ignore[attr-defined]
    assert quality.day.date().toPython() == delivery.date  # type: ignore[attr-defined]

    view.fix(view.warnings.item(debt))
    accounts = window.stack.currentWidget()
    assert accounts is window.views["accounts"]
    assert "S0099" in accounts.title.text()  # type: ignore[attr-defined]
    assert accounts.ledger.rowCount() == 1  # type: ignore[attr-defined]

    asked: list[str] = []

    def no(_parent, _title, text, *a, **k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", no)
    view.close_period()  # warnings unresolved: asked once, and "No" closes nothing
    assert len(asked) == 1 and f"{view.warnings.count()} avisos" in asked[0]
    assert stored_totals(sqlite_db, PERIOD) is None
    view.runner.shutdown()

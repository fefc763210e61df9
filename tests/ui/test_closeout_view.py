"""Cierre: the previewed numbers are the closed numbers (and `coop close --json`'s on a copy
of the same database); a close cancelled half-way leaves the period open."""

import json
import subprocess
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.core.numbers import parse_number
from coop_desktop.services.demo import load_demo
from coop_desktop.services.settlements import stored_totals
from coop_desktop.storage.engine import Database
from ui.closeout.closeout_view import CloseoutView
from ui.common.confirm import SafeQuestion
from ui.common.runner import OpContext, OpRunner

from .driving import answer_dialogs

START = (TODAY.replace(day=1) - timedelta(days=40)).replace(day=1)
PERIOD = f"{START:%Y-%m}"


def rows(view: CloseoutView) -> list[tuple[str, ...]]:
    model = view.table.model()
    return [tuple(model.index(r, c).data() for c in range(11)) for r in range(model.rowCount())]


def yes(dialog: QWidget) -> None:
    assert isinstance(dialog, SafeQuestion)
    dialog.yes.click()


def test_preview_is_the_close(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo(sqlite_db, members=8, days=31, start=START)
    from coop_desktop.services.backups import backup

    copy = backup(sqlite_db, tmp_path / "copia.db")  # consistent, WAL included
    view = CloseoutView(sqlite_db)
    qtbot.addWidget(view)
    view.period.setText(PERIOD)
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.model().rowCount() == 8, timeout=10000)
    previewed = rows(view)
    assert "nada se ha guardado" in view.status.text()
    answer_dialogs([yes])  # the preview has warnings: asked once
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cerrado" in view.status.text(), timeout=15000)
    assert [r[:10] for r in rows(view)] == [r[:10] for r in previewed]
    assert rows(view)[0][10] == "L001-00000001"
    out = subprocess.run(
        [sys.executable, "-m", "coop_desktop.cli", "--db", str(copy), "close", PERIOD, "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cli = json.loads(out)["members"]
    assert [
        (m["code"], f"{Decimal(m['gross']):,.2f}", f"{Decimal(m['net']):,.2f}") for m in cli
    ] == [(r[0], r[4], r[9]) for r in previewed]
    # litres and kilograms both shown, each in its own column, as the CLI has them
    assert [(Decimal(m["litres"]), Decimal(m["kg"])) for m in cli] == [
        (parse_number(r[2]), parse_number(r[3])) for r in previewed
    ]  # what the screen shows reads back through the one number parser


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


@pytest.mark.parametrize(
    ("choice", "text"),
    [("Recibos", "Huella digital"), ("Estados de cuenta", "ESTADO DE CUENTA")],
)
def test_saving_the_batch_of_the_selected_members(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path, choice: str, text: str
) -> None:
    """Cierre → Guardar PDF… → Recibos, clicked like a person: the PDF is written with the
    members selected in the table only (the button's clicked(bool) once reached the file
    name and every batch failed with a TypeError)."""
    import io

    from pypdf import PdfReader

    load_demo(sqlite_db, members=3, days=31, start=START)
    view = CloseoutView(sqlite_db)
    qtbot.addWidget(view)
    view.show()
    view.period.setText(PERIOD)
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.rows.rowCount() == 3, timeout=10000)
    answer_dialogs([yes])  # the preview's warnings
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cerrado" in view.status.text(), timeout=15000)
    view.table.selectRow(0)
    qtbot.mouseClick(
        view.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        view.table.visualRect(view.rows.index(2, 0)).center(),
    )
    target = tmp_path / "lote.pdf"

    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(choice)
        dialog.accept()

    def save(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name.text() == f"{'recibos' if choice == 'Recibos' else 'estados'}-{PERIOD}.pdf"
        name.setText(str(target))
        qtbot.keyClick(name, Qt.Key.Key_Return)

    answer_dialogs([pick, save])
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Guardado en" in view.status.text(), timeout=20000)
    assert str(target) in view.status.text(), view.status.text()
    pages = PdfReader(io.BytesIO(target.read_bytes())).pages
    printed = "".join(page.extract_text() for page in pages)
    assert text in printed
    assert "S0001" in printed and "S0003" in printed and "S0002" not in printed


def test_save_batch_from_the_button(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from print_dialogs import Answers

    from coop_desktop.services.closeout.closing import close_period

    load_demo(sqlite_db, members=3, days=31, start=START)
    close_period(sqlite_db, PERIOD)
    view = CloseoutView(sqlite_db)
    qtbot.addWidget(view)
    view.period.setText(PERIOD)
    target = str(tmp_path / "recibos.pdf")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target, ""))
    answers = Answers(qtbot).item("Recibos de 80 mm")  # saving offers each receipt size
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    answers.stop()
    qtbot.waitUntil(lambda: "Guardado en" in view.status.text(), timeout=15000)
    assert answers.items[0][:3] == ["Recibos A5", "Recibos de 80 mm", "Recibos de 58 mm"]
    from pypdf import PdfReader

    saved = PdfReader(tmp_path / "recibos.pdf").pages
    assert [round(float(p.mediabox.width) * 25.4 / 72) for p in saved] == [80, 80, 80]


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
    window.show()
    view = window.open_section("closeout")
    assert isinstance(view, CloseoutView)
    view.period.setText(PERIOD)
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.rows.rowCount() == 4, timeout=10000)
    model = view.warning_rows
    texts = [model.index(i, 0).data() for i in range(model.rowCount())]
    # the scheme prices on the period's average: the member lacks samples, not one delivery
    missing = texts.index("S0099: ninguna muestra del periodo tiene st, ufc")
    debt = next(i for i, t in enumerate(texts) if "superan la leche" in t)

    view.warnings.setCurrentIndex(model.index(missing, 0))
    qtbot.mouseClick(view.fix_button, Qt.MouseButton.LeftButton)
    quality = window.stack.currentWidget()
    assert quality is window.views["quality"]
    assert quality.member.text() == "S0099"  # type: ignore[attr-defined]
    assert quality.delivery.text() == ""  # type: ignore[attr-defined]
    quality.focus_on("S0099", delivery.id)  # type: ignore[attr-defined]  # a per-delivery warning
    assert quality.delivery.text() == str(delivery.id)  # type: ignore[attr-defined]
    assert quality.day.date().toPython() == delivery.date  # type: ignore[attr-defined]

    window.open_section("closeout")  # back to Cierre, for the next warning
    view.warnings.setCurrentIndex(model.index(debt, 0))
    qtbot.keyClick(view.warnings, Qt.Key.Key_Return)  # Enter on a warning opens its screen
    accounts = window.stack.currentWidget()
    assert accounts is window.views["accounts"]
    assert "S0099" in accounts.title.text()  # type: ignore[attr-defined]
    assert accounts.ledger.rowCount() == 1  # type: ignore[attr-defined]

    window.open_section("closeout")
    texts_seen: list[str] = []

    def enter(dialog: QWidget) -> None:  # Enter gives the safe answer
        assert isinstance(dialog, SafeQuestion)
        texts_seen.append(dialog.text())
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    answer_dialogs([enter], after_ms=700)
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    assert len(texts_seen) == 1 and f"{model.rowCount()} avisos" in texts_seen[0]
    assert stored_totals(sqlite_db, PERIOD) is None

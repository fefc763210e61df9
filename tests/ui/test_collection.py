"""The collection screen driven by keystrokes, as a treasurer types a shift: every row is
typed and entered, every question answered in its real dialog, Ctrl+Z pressed, dates typed
into the date field."""

import subprocess
import sys
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.services.deliveries import list_deliveries
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member, set_status
from coop_desktop.storage.engine import Database
from ui.collection.collection_view import CollectionView
from ui.common.confirm import GRACE_MS, SafeQuestion

from .driving import answer_dialogs, key_to_screen, settled, type_date


@pytest.fixture
def view(qtbot: QtBot, sqlite_db: Database) -> CollectionView:
    from coop_desktop.services.association import create_association

    create_association(sqlite_db, "Asociación Umachiri")
    for i in range(1, 31):
        add_member(
            sqlite_db, MemberDraft(code=f"S{i:04d}", given_names="Rosa", surnames=f"Quispe {i}")
        )
    add_member(sqlite_db, MemberDraft(code="N0001", given_names="Justina", surnames="Ñuñez Ccama"))
    widget = CollectionView(sqlite_db)
    qtbot.addWidget(widget)
    widget.shift.setCurrentIndex(0)
    settled(qtbot)
    return widget


@pytest.fixture
def window(qtbot: QtBot, view: CollectionView) -> CollectionView:
    """Acopio inside the main window, where Ctrl+Z («Deshacer entrega») lives."""
    from ui.main_window import MainWindow

    main = MainWindow(view.db)
    qtbot.addWidget(main)
    main.show()
    shown = main.open_section("collection").collection  # type: ignore[attr-defined]
    shown.shift.setCurrentIndex(0)
    settled(qtbot)
    return shown  # type: ignore[no-any-return]


def replace_text(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Select what a field holds (Ctrl+A) and type over it."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def enter(qtbot: QtBot, view: CollectionView, field: QWidget) -> None:
    """Enter in a field of the row, and wait for the save (or its refusal) on screen."""
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.saving, timeout=10000)
    settled(qtbot)


def type_row(qtbot: QtBot, view: CollectionView, member: str, quantity: str) -> None:
    replace_text(qtbot, view.member, member)
    key_to_screen(qtbot, view.member, Qt.Key.Key_Tab)  # the list of matches is open
    replace_text(qtbot, view.quantity, quantity)
    enter(qtbot, view, view.quantity)


def ctrl_z(qtbot: QtBot, view: CollectionView) -> None:
    """Ctrl+Z in the window (back in it after a question, as a person is)."""
    from PySide6.QtWidgets import QApplication

    window = view.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    target = view.focusWidget() or view.member
    qtbot.keyClick(target, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot)


def test_a_shift_of_thirty_deliveries_typed_end_to_end(qtbot: QtBot, view: CollectionView) -> None:
    for i in range(1, 31):
        type_row(qtbot, view, f"s{i:04d}", f"{10 + i % 7}.5")
    assert view.error.text() == ""
    assert len(view.model.rows) == 30
    saved = list_deliveries(view.db, day=TODAY)
    assert len(saved) == 30 and all(d.shift == "am" for d in saved)
    total = sum(float(d.quantity) for d in saved)  # only to build the expected label text
    assert f"Turno: 30 entregas, {total:,.1f} L" in view.totals.text()
    assert view.member.text() == "" and view.focusWidget() is view.member


def test_unaccented_name_finds_the_member(qtbot: QtBot, view: CollectionView) -> None:
    type_row(qtbot, view, "nunez", "12")
    assert view.error.text() == ""
    assert [d.member_code for d in view.model.rows] == ["N0001"]


def test_bad_rows_keep_what_was_typed(qtbot: QtBot, view: CollectionView) -> None:
    type_row(qtbot, view, "S0001", "doce")
    assert "no es un número" in view.error.text()
    assert view.quantity.text() == "doce" and view.member.text() == "S0001"
    replace_text(qtbot, view.quantity, "-4")
    enter(qtbot, view, view.quantity)
    assert "mayor que cero" in view.error.text()
    type_row(qtbot, view, "X9999", "10")
    assert "No existe un socio" in view.error.text()
    set_status(view.db, 2, "retired")
    type_row(qtbot, view, "S0002", "10")
    assert "retirado(a)" in view.error.text()
    assert list_deliveries(view.db, day=TODAY) == []


def test_rejection_with_reason(qtbot: QtBot, view: CollectionView) -> None:
    view.member.setFocus()
    qtbot.keyClicks(view.member, "S0003")
    qtbot.keyClick(view.member, Qt.Key.Key_Tab)
    qtbot.keyClicks(view.quantity, "8")
    qtbot.keyClicks(view.temperature, "18")
    qtbot.keyClicks(view.density, "1.0305")
    qtbot.keyClicks(view.reason, "Acidez alta")
    enter(qtbot, view, view.reason)
    (row,) = list_deliveries(view.db, day=TODAY)
    assert "RECHAZADA: Acidez alta" in view.error.text()
    assert view.model.index(0, 5).data() == "Rechazada"
    assert row.rejected and row.reject_reason == "Acidez alta" and str(row.temperature) == "18.0"
    assert str(row.density) == "1.0305"


def test_duplicate_asks_and_undo_removes(qtbot: QtBot, window: CollectionView) -> None:
    view = window
    type_row(qtbot, view, "S0004", "10")

    def decline(dialog: QWidget) -> None:
        assert isinstance(dialog, SafeQuestion) and "S0004" in dialog.text()
        qtbot.mouseClick(dialog.no, Qt.MouseButton.LeftButton)

    def accept(dialog: QWidget) -> None:
        qtbot.mouseClick(dialog.yes, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    answer_dialogs([decline, accept])
    type_row(qtbot, view, "S0004", "11")
    # declined: nothing recorded, and the row is emptied (the next code never joins it)
    assert len(view.model.rows) == 1 and view.member.text() == view.quantity.text() == ""
    assert "No se registró la otra entrega de S0004" in view.error.text()
    type_row(qtbot, view, "S0004", "11")
    assert len(view.model.rows) == 2 and view.member.text() == ""
    ctrl_z(qtbot, view)
    assert [str(d.quantity) for d in view.model.rows] == ["10.000"]


def test_typing_the_next_code_never_answers_the_duplicate_question(
    qtbot: QtBot, view: CollectionView
) -> None:
    """The treasurer types on: the S of the next member's code (and the Enter after it)
    reach the question that just appeared; they must not answer Sí."""
    type_row(qtbot, view, "S0004", "10")
    seen: list[QWidget] = []

    def type_on(dialog: QWidget) -> None:
        assert dialog.focusWidget() is dialog.no  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.focusWidget(), "S0005")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        seen.append(dialog)
        assert dialog.isVisible()  # still asking: the typing began before it appeared
        QTimer.singleShot(
            GRACE_MS, lambda: qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S)
        )  # later, S is no answer either (no mnemonic)
        QTimer.singleShot(
            GRACE_MS + 50, lambda: qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        )  # a deliberate Enter gives the safe answer

    answer_dialogs([type_on])
    type_row(qtbot, view, "S0004", "12")
    qtbot.waitUntil(lambda: bool(seen) and not view.saving)
    assert [str(d.quantity) for d in list_deliveries(view.db, day=TODAY)] == ["10.000"]
    assert "No se registró la otra entrega de S0004" in view.error.text()


def test_ctrl_z_right_after_a_save_undoes_the_save(qtbot: QtBot, sqlite_db: Database) -> None:
    from coop_desktop.services.association import create_association
    from ui.main_window import MainWindow

    create_association(sqlite_db, "Asociación Umachiri")
    add_member(sqlite_db, MemberDraft(code="S0001", given_names="Rosa", surnames="Quispe"))
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.show()
    section = window.open_section("collection")
    view = section.collection  # type: ignore[attr-defined]
    view.shift.setCurrentIndex(0)
    settled(qtbot)
    type_row(qtbot, view, "S0001", "15.5")
    assert len(list_deliveries(sqlite_db, day=TODAY)) == 1
    assert view.focusWidget() is view.member
    ctrl_z(qtbot, view)
    assert list_deliveries(sqlite_db, day=TODAY) == []
    assert view.member.text() == "" and "Se deshizo la entrega de S0001" in view.error.text()
    # while typing, Ctrl+Z still undoes the typing in the field
    qtbot.keyClicks(view.member, "S00")
    qtbot.keyClick(view.member, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.member.text() == ""
    # a save of another shift, or from Por ruta, is never what Ctrl+Z takes back
    type_row(qtbot, view, "S0001", "12")
    view.shift.setCurrentIndex(1)
    ctrl_z(qtbot, view)
    assert len(list_deliveries(sqlite_db, day=TODAY)) == 1
    view.shift.setCurrentIndex(0)
    section.setCurrentIndex(1)  # Por ruta
    qtbot.keyClick(section.page(1), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(list_deliveries(sqlite_db, day=TODAY)) == 1


def test_delete_asks_first_and_can_be_undone(qtbot: QtBot, window: CollectionView) -> None:
    view = window
    type_row(qtbot, view, "S0001", "10")
    type_row(qtbot, view, "S0002", "11")
    view.table.setFocus()
    view.table.selectRow(0)

    def enter(dialog: QWidget) -> None:
        assert "S0001" in dialog.text()  # type: ignore[attr-defined]
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # the default: do not delete

    answer_dialogs([enter], after_ms=GRACE_MS + 50)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(list_deliveries(view.db, day=TODAY)) == 2

    def delete(dialog: QWidget) -> None:
        qtbot.mouseClick(dialog.yes, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    answer_dialogs([delete])
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    settled(qtbot)
    assert [d.member_code for d in list_deliveries(view.db, day=TODAY)] == ["S0002"]
    assert "Ctrl+Z la recupera" in view.error.text()
    ctrl_z(qtbot, view)
    assert len(list_deliveries(view.db, day=TODAY)) == 2


def test_a_member_added_elsewhere_is_found_without_restarting(
    qtbot: QtBot, view: CollectionView
) -> None:
    """Added in Socios (announced) or from the CLI on another PC (seen by the watcher)."""
    from ui.common.changes import ChangeWatcher
    from ui.common.runner import app_runner

    view.show()
    watcher = ChangeWatcher(view.db, app_runner(), view)
    qtbot.waitUntil(lambda: watcher.seen is not None, timeout=5000)
    subprocess.run(
        [
            *(sys.executable, "-m", "coop_desktop.cli", "--db", str(view.db.location.path)),
            *("members", "add", "--code", "S0100", "--name", "Delia", "--surnames", "Cutipa"),
        ],
        check=True,
        capture_output=True,
    )
    watcher.poll()
    qtbot.waitUntil(lambda: "s0100" in view.index.by_code, timeout=10000)
    type_row(qtbot, view, "delia cutipa", "9")
    assert view.error.text() == ""
    assert [d.member_code for d in view.model.rows] == ["S0100"]


def test_closed_period_is_announced_and_refused(qtbot: QtBot, view: CollectionView) -> None:
    from coop_desktop.core.resources import resource_path
    from coop_desktop.services.closeout.closing import close_period
    from coop_desktop.services.deliveries import add_delivery
    from coop_desktop.services.quality import add_test
    from coop_desktop.services.schemes import import_scheme

    day = TODAY - timedelta(days=40)
    import_scheme(
        view.db, resource_path("schemes/peru-additive.json").read_text(), day - timedelta(days=400)
    )
    add_delivery(view.db, "S0001", "10", "L", day, "am")
    add_test(view.db, "S0001", day, {"st": "12", "ufc": "90000"})
    close_period(view.db, f"{day:%Y-%m}")
    type_date(qtbot, view.day, f"{day:%d/%m/%Y}")
    settled(qtbot)
    assert view.closed.isVisibleTo(view) and "cerrado" in view.closed.text()
    answer_dialogs([lambda d: d.yes.click()])  # type: ignore[attr-defined]  # another month: yes
    type_row(qtbot, view, "S0005", "10")
    assert "cerrado" in view.error.text() and "ajuste" in view.error.text()
    # A day before the closed period, in no closed period: the same rule, the same offer.
    before = day - timedelta(days=31)
    type_date(qtbot, view.day, f"{before:%d/%m/%Y}")
    settled(qtbot)
    assert view.closed.isVisibleTo(view) and f"{day:%Y-%m}" in view.closed.text()
    assert view.adjust_button.isVisibleTo(view)
    answer_dialogs([lambda d: d.yes.click()])  # type: ignore[attr-defined]  # another month: yes
    enter(qtbot, view, view.quantity)  # the refused row (still typed), saved on that day
    qtbot.waitUntil(
        lambda: f"anterior al periodo cerrado {day:%Y-%m}" in view.error.text(), timeout=10000
    )


def test_correct_a_delivery_and_undo(qtbot: QtBot, window: CollectionView) -> None:
    from ui.collection.delivery_dialogs import EditDeliveryDialog

    view = window
    type_row(qtbot, view, "S0006", "10")

    def correct(dialog: QWidget) -> None:
        assert isinstance(dialog, EditDeliveryDialog)
        from PySide6.QtWidgets import QDialogButtonBox

        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        dialog.quantity.selectAll()
        qtbot.keyClicks(dialog.quantity, "abc")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # written on the op runner
        qtbot.waitUntil(lambda: "no es un número" in dialog.error.text())
        dialog.quantity.selectAll()
        qtbot.keyClicks(dialog.quantity, "12.5")
        qtbot.keyClicks(dialog.reason, "Acidez")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    seen = answer_dialogs([correct])
    cell = view.table.visualRect(view.model.index(0, 2)).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert len(seen) == 1
    settled(qtbot)
    assert str(view.model.rows[0].quantity) == "12.500" and view.model.rows[0].rejected
    assert view.model.index(0, 5).data() == "Rechazada"
    assert view.model.index(0, 6).data() == "Acidez"
    view.member.setFocus()
    ctrl_z(qtbot, view)
    assert str(view.model.rows[0].quantity) == "10.000" and not view.model.rows[0].rejected


def test_adjustment_offered_in_a_closed_period(qtbot: QtBot, view: CollectionView) -> None:
    from coop_desktop.core.resources import resource_path
    from coop_desktop.services.accounts import ledger
    from coop_desktop.services.closeout.closing import close_period
    from coop_desktop.services.deliveries import add_delivery
    from coop_desktop.services.quality import add_test
    from coop_desktop.services.schemes import import_scheme
    from ui.collection.delivery_dialogs import AdjustmentDialog

    day = TODAY - timedelta(days=40)
    import_scheme(
        view.db, resource_path("schemes/peru-additive.json").read_text(), day - timedelta(days=400)
    )
    add_delivery(view.db, "S0001", "10", "L", day, "am")
    add_test(view.db, "S0001", day, {"st": "12", "ufc": "90000"})
    close_period(view.db, f"{day:%Y-%m}")
    view.show()
    type_date(qtbot, view.day, f"{day:%d/%m/%y}")
    settled(qtbot)
    assert view.adjust_button.isVisible()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AdjustmentDialog)
        from PySide6.QtWidgets import QDialogButtonBox

        qtbot.keyClicks(dialog.member, "S0001")
        qtbot.keyClicks(dialog.amount, "12.80")
        qtbot.keyClicks(dialog.reason, "Entrega del 3 no registrada")
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    answer_dialogs([fill])
    qtbot.mouseClick(view.adjust_button, Qt.MouseButton.LeftButton)
    assert ledger(view.db, "S0001")[-1].kind == "adjustment"


def test_ticket_printed_on_save_and_printer_problems_reported(
    qtbot: QtBot, view: CollectionView, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import io

    from pypdf import PdfReader

    from ui.common import settings

    settings.TICKET_PRINTER.set("Termica-80")
    settings.TICKET_WIDTH.set(58)
    view.ticket_pdf = str(tmp_path / "ticket.pdf")
    type_row(qtbot, view, "S0007", "13.5")
    raw = PdfReader(io.BytesIO((tmp_path / "ticket.pdf").read_bytes())).pages[0].extract_text()
    text = " ".join(raw.split())
    assert "TICKET DE ENTREGA" in text and "S0007" in text and "13.5 L" in text
    page = PdfReader(str(tmp_path / "ticket.pdf")).pages[0]
    assert abs(float(page.mediabox.width) - 58 / 25.4 * 72) < 1
    view.ticket_pdf = str(tmp_path / "no-such-folder" / "x" / "ticket.pdf")
    type_row(qtbot, view, "S0008", "9")
    assert len(view.model.rows) == 2  # saved even if the ticket could not be printed
    settings.TICKET_PRINTER.set("")


def test_lost_database_keeps_what_was_typed(
    qtbot: QtBot, view: CollectionView, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from coop_desktop.services import deliveries

    def down(*_a: object, **_k: object) -> None:
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(deliveries, "add_delivery", down)
    type_row(qtbot, view, "S0009", "11")
    assert "error inesperado" in view.error.text()
    assert view.member.text() == "S0009" and view.quantity.text() == "11"


def test_shift_totals_keep_litres_and_kilograms_apart(qtbot: QtBot, view: CollectionView) -> None:
    type_row(qtbot, view, "s0001", "20")
    view.unit.setCurrentIndex(view.unit.findText("kg"))
    type_row(qtbot, view, "s0002", "20")
    assert view.error.text() == ""
    assert "Turno: 2 entregas, 20.0 L + 20.0 kg · Día: 20.0 L + 20.0 kg" in view.totals.text()


def test_a_retired_member_is_said_retired_not_unknown(qtbot: QtBot, view: CollectionView) -> None:
    from coop_desktop.services.members import list_members, set_status

    member = next(m for m in list_members(view.db) if m.code == "S0003")
    set_status(view.db, member.id, "retired")
    view.runner.announce_writes()  # what this thread committed: no topic typed
    settled(qtbot)
    type_row(qtbot, view, "S0003", "10")
    assert "retirado" in view.error.text() and "no existe" not in view.error.text()
    assert list_deliveries(view.db, day=TODAY) == []


def test_a_typed_date_is_the_date_meant(qtbot: QtBot, view: CollectionView) -> None:
    """«26/11» is the 26th of November of this year, whatever the field showed before; a
    date of another month is said back before the first save with it; Ctrl+A and typing
    work as in any field; what is not a date is refused, naming it."""
    type_date(qtbot, view.day, "07/12/25")
    assert view.day.date().toPython() == TODAY.replace(year=2025, month=12, day=7)
    type_date(qtbot, view.day, "26/11")
    assert view.day.date().toPython() == TODAY.replace(day=26)  # TODAY is 27/11
    assert view.day.edit.text() == f"26/11/{TODAY.year}"
    type_row(qtbot, view, "S0001", "10")
    assert [(d.member_code, d.date) for d in list_deliveries(view.db)] == [
        ("S0001", TODAY.replace(day=26))
    ]
    # another month: said back in words; No keeps the row, Yes saves it there
    type_date(qtbot, view.day, "2/6")
    asked: list[str] = []

    def no(dialog: QWidget) -> None:
        assert isinstance(dialog, SafeQuestion)
        asked.append(dialog.text())
        qtbot.mouseClick(dialog.no, Qt.MouseButton.LeftButton)

    answer_dialogs([no])
    type_row(qtbot, view, "S0002", "11")
    assert asked == [
        f"La fecha es el martes, 2 de junio de {TODAY.year} (02/06/{TODAY.year}), no de este "
        "mes. ¿Guardar con esa fecha?"
    ]
    assert view.member.text() == "S0002" and len(list_deliveries(view.db)) == 1
    answer_dialogs([lambda d: qtbot.mouseClick(d.yes, Qt.MouseButton.LeftButton)])  # type: ignore[attr-defined]
    enter(qtbot, view, view.quantity)
    type_row(qtbot, view, "S0003", "12")  # asked once per date
    assert sorted((d.member_code, d.date.month) for d in list_deliveries(view.db)) == [
        ("S0001", 11),
        ("S0002", 6),
        ("S0003", 6),
    ]
    # not a date, or a future one: refused in words, the date kept
    type_date(qtbot, view.day, "31/04")
    assert "no es una fecha" in view.day.edit.toolTip()
    type_row(qtbot, view, "S0004", "9")
    assert "«31/04» no es una fecha" in view.error.text()
    type_date(qtbot, view.day, f"28/11/{TODAY.year}")
    assert "fecha futura" in view.day.edit.toolTip()
    assert len(list_deliveries(view.db)) == 3

"""Members: created, found by an unaccented search, edited and retired, by keystrokes."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.services.members import list_members
from coop_desktop.storage.engine import Database
from ui.common.confirm import GRACE_MS
from ui.members.member_dialog import MemberDialog
from ui.members.members_view import MembersView

from .driving import answer_dialogs, settled


def save_button(dialog: QWidget) -> QWidget:
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Save)


def test_member_lifecycle(qtbot: QtBot, association: Database) -> None:
    view = MembersView(association)
    qtbot.addWidget(view)
    view.show()
    settled(qtbot)

    def create(dialog: QWidget) -> None:
        assert isinstance(dialog, MemberDialog)
        qtbot.keyClicks(dialog.fields["code"], "S0100")
        qtbot.keyClicks(dialog.fields["given_names"], "Felicitas")
        dialog.fields["surnames"].setText("Ñuñez Ch'uqi")  # QTest types ASCII only
        assert dialog.gender.currentData() == "f"  # Mujer: the first choice
        qtbot.keyClicks(dialog.fields["dni"], "4123")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        assert dialog.errors["dni"].isVisibleTo(dialog)
        assert "DNI inválido" in dialog.errors["dni"].text()
        qtbot.keyClicks(dialog.fields["dni"], "4567")
        qtbot.keyClicks(dialog.fields["community"], "Huaychani")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    answer_dialogs([create])
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    settled(qtbot)
    qtbot.keyClicks(view.search, "nunez ch")
    assert view.model.rowCount() == 1
    assert view.model.member(0).full_name == "Felicitas Ñuñez Ch'uqi"
    assert view.model.index(0, 5).data() == "Activa"

    def phone(dialog: QWidget) -> None:
        assert isinstance(dialog, MemberDialog)
        dialog.fields["phone"].setFocus()
        qtbot.keyClicks(dialog.fields["phone"], "951 234 567")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    row = view.table.visualRect(view.model.index(0, 1)).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    answer_dialogs([phone])
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    settled(qtbot)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert not view.reactivate_button.isEnabled()  # already active

    def keep(dialog: QWidget) -> None:  # Enter: the safe answer, nothing changes
        assert "Felicitas" in dialog.text()  # type: ignore[attr-defined]
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    answer_dialogs([keep], after_ms=GRACE_MS + 50)
    qtbot.mouseClick(view.retire_button, Qt.MouseButton.LeftButton)
    assert list_members(association)[0].status == "active"

    def retire(dialog: QWidget) -> None:
        qtbot.mouseClick(dialog.yes, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    answer_dialogs([retire])
    qtbot.mouseClick(view.retire_button, Qt.MouseButton.LeftButton)
    settled(qtbot)
    (member,) = list_members(association)
    assert member.status == "retired" and member.phone == "951234567"
    assert view.status_line.text() == f"{member.code} Felicitas Ñuñez Ch'uqi quedó retirada."
    view.status.setCurrentIndex(1)  # active only
    assert view.model.rowCount() == 0
    view.status.setCurrentIndex(3)  # retired
    assert view.model.rowCount() == 1
    view.table.selectRow(0)
    assert view.reactivate_button.isEnabled() and not view.retire_button.isEnabled()
    qtbot.mouseClick(view.reactivate_button, Qt.MouseButton.LeftButton)
    settled(qtbot)
    assert list_members(association)[0].status == "active"


def test_tab_leaves_an_invalid_dni(qtbot: QtBot, association: Database) -> None:
    """The message shows under the field, and Tab still moves on to the next one."""
    dialog = MemberDialog(association)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.fields["dni"].setFocus()
    qtbot.waitUntil(dialog.fields["dni"].hasFocus)
    qtbot.keyClicks(dialog.fields["dni"], "4123")
    qtbot.keyClick(dialog.fields["dni"], Qt.Key.Key_Tab)
    assert "DNI inválido" in dialog.errors["dni"].text()
    assert dialog.errors["dni"].isVisibleTo(dialog)
    assert dialog.focusWidget() is dialog.fields["phone"]
    qtbot.keyClicks(dialog.focusWidget(), "951234567")
    assert dialog.fields["phone"].text() == "951234567"
    assert dialog.fields["dni"].text() == "4123"


def test_member_page_shows_deliveries_quality_account_and_documents(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    from datetime import timedelta

    from coop_desktop.services.accounts import ledger
    from coop_desktop.services.closeout.closing import close_period
    from coop_desktop.services.demo import load_demo
    from ui.members.member_page import MemberPage

    start = TODAY - timedelta(days=70)
    load_demo(sqlite_db, members=4, days=40, start=start)
    close_period(sqlite_db, f"{start:%Y-%m}")
    member = list_members(sqlite_db)[0]
    page = MemberPage(sqlite_db, member)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles == ["Entregas", "Calidad", "Cuenta", "Documentos"]
    deliveries, quality, account, documents = (page.tabs.widget(i) for i in range(4))
    assert deliveries.rowCount() == 80  # type: ignore[attr-defined]
    # the demo samples every member each fortnight: three samples in its 40 days, newest first
    shown = [quality.item(r, 0).text() for r in range(quality.rowCount())]  # type: ignore[attr-defined]
    assert shown == ["22/10/2026", "07/10/2026", "22/09/2026"]
    assert account.rowCount() == len(ledger(sqlite_db, member.code)) == 2  # type: ignore[attr-defined]
    assert documents.item(0, 0).text() == "L001-00000001"  # type: ignore[attr-defined]


def test_a_practice_is_given_on_the_socios_form_from_a_date(
    qtbot: QtBot, association: Database
) -> None:
    """Regenerative grazing adopted from 01/10/2026, typed on the form and saved with the
    member by the real Guardar button; leaving it is a second fact, never an edit."""
    from datetime import date

    from PySide6.QtWidgets import QDialogButtonBox

    from coop_desktop.services.dto import MemberDraft
    from coop_desktop.services.members import add_member
    from coop_desktop.services.practices import member_spans
    from ui.common import dates

    member = add_member(association, MemberDraft("S0300", "Rosa", "Mamani Quispe"))

    def open_form() -> tuple[MemberDialog, QDialogButtonBox]:
        dialog = MemberDialog(association, member)
        qtbot.addWidget(dialog)
        return dialog, dialog.findChild(QDialogButtonBox)  # type: ignore[return-value]

    dialog, buttons = open_form()
    box = dialog.practices
    box.practice.setCurrentIndex(box.practice.findData("regenerative"))
    box.day.setDate(dates.qdate(date(2026, 10, 1)))
    qtbot.mouseClick(box.adopted_button, Qt.MouseButton.LeftButton)
    assert box.table.item(0, 0).text() == (
        "Pastoreo rotacional / ganadería regenerativa (por guardar)"
    )
    assert box.table.item(0, 1).text() == "01/10/2026"
    qtbot.mouseClick(
        buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.result() == MemberDialog.DialogCode.Accepted
    assert [(s.code, s.start, s.end) for s in member_spans(association, member.id)] == [
        ("regenerative", date(2026, 10, 1), None)
    ]
    dialog, buttons = open_form()
    box = dialog.practices
    assert [box.table.item(0, c).text() for c in range(3)] == [
        "Pastoreo rotacional / ganadería regenerativa",
        "01/10/2026",
        "—",
    ]
    # Leaving it before the day it was adopted is refused, in words, and nothing is saved.
    box.practice.setCurrentIndex(box.practice.findData("regenerative"))
    box.day.setDate(dates.qdate(date(2026, 9, 1)))
    qtbot.mouseClick(box.left_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(
        buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.result() != MemberDialog.DialogCode.Accepted
    assert "anterior al último registro" in dialog.general.text()
    assert member_spans(association, member.id)[0].end is None

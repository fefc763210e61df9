"""Lab results typed in the quality grid; references highlighted, absurd values refused."""

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.quality import list_tests
from coop_desktop.storage.engine import Database
from ui.quality.quality_view import AMBER, RED, QualityView

from .driving import settled


def test_lab_results_by_keystrokes(qtbot: QtBot, association: Database) -> None:
    add_member(association, MemberDraft(code="S0001", given_names="Rosa", surnames="Apaza"))
    view = QualityView(association)
    qtbot.addWidget(view)
    view.member.setFocus()
    qtbot.keyClicks(view.member, "apaza")
    qtbot.keyClicks(view.fields["fat"], "3.05")
    assert view.fields["fat"].styleSheet() == AMBER  # below the 3.2 reference
    qtbot.keyClicks(view.fields["st"], "12.1")
    assert view.fields["st"].styleSheet() == ""
    qtbot.keyClicks(view.fields["ufc"], "250000")
    qtbot.keyClicks(view.fields["acidity"], "5")
    assert view.fields["acidity"].styleSheet() == RED  # impossible: above 2
    qtbot.keyClick(view.fields["ufc"], Qt.Key.Key_Return)
    settled(qtbot)
    assert "Acidez" in view.error.text()
    assert list_tests(association, TODAY) == []
    view.fields["acidity"].setFocus()
    qtbot.keyClick(view.fields["acidity"], Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.fields["acidity"], Qt.Key.Key_Delete)
    qtbot.keyClick(view.fields["ufc"], Qt.Key.Key_Return)
    settled(qtbot)
    (test,) = list_tests(association, TODAY)
    assert str(test.measures["fat"]) == "3.05" and str(test.measures["ufc"]) == "250000"
    assert view.model.rowCount() == 1 and view.member.text() == ""


def test_result_of_one_delivery(qtbot: QtBot, association: Database) -> None:
    from coop_desktop.services.deliveries import add_delivery

    add_member(association, MemberDraft(code="S0002", given_names="Juan", surnames="Pari"))
    d = add_delivery(association, "S0002", "10", "L", TODAY, "am")
    view = QualityView(association)
    qtbot.addWidget(view)
    qtbot.keyClicks(view.member, "S0002")
    qtbot.keyClicks(view.delivery, "x1")
    qtbot.keyClicks(view.fields["fat"], "3.6")
    qtbot.keyClick(view.fields["fat"], Qt.Key.Key_Return)
    settled(qtbot)
    assert "entrega" in view.error.text().lower()
    view.delivery.setFocus()
    qtbot.keyClick(view.delivery, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.delivery, str(d.id))
    qtbot.keyClick(view.fields["fat"], Qt.Key.Key_Return)
    settled(qtbot)
    (test,) = list_tests(association, TODAY)
    assert test.delivery_id == d.id

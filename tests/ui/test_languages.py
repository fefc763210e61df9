"""Every screen opens in Spanish and in English; the shipped translation is complete."""

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.core.resources import resource_path
from coop_desktop.storage.engine import Database
from ui.admin.first_run import FirstRunDialog
from ui.app import install_translations
from ui.main_window import MainWindow
from ui.members.member_dialog import MemberDialog


def test_translation_file_is_complete() -> None:
    tree = ET.parse(resource_path("translations/coop_en.ts"))
    messages = list(tree.iter("message"))
    assert len(messages) > 90
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation") is None or m.find("translation").get("type") == "unfinished"
    ]  # type: ignore[union-attr]
    assert unfinished == []
    assert resource_path("translations/coop_en.qm").is_file()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "es",
            [
                "Inicio",
                "Socios",
                "Acopio",
                "Calidad",
                "Guardar (Enter)",
                "Nuevo socio",
                "Crear asociación",
                "Fecha de muestra:",
                "Usar plantilla",
                "Guardar PDF…",
                "Agregar cargo",
                "Calcular",
            ],
        ),
        (
            "en",
            [
                "Home",
                "Members",
                "Collection",
                "Quality",
                "Save (Enter)",
                "New member",
                "Create association",
                "Sample date:",
                "Use preset",
                "Save PDF…",
                "Add charge",
                "Calculate",
            ],
        ),
    ],
)
def test_every_screen_in_both_languages(
    qtbot: QtBot,
    qapp,
    association: Database,  # type: ignore[no-untyped-def]
    lang: str,
    words: list[str],
) -> None:
    install_translations(qapp, lang)
    try:
        window = MainWindow(association)
        qtbot.addWidget(window)
        texts = [window.nav.item(i).text() for i in range(window.nav.count())]
        for key in (
            "members",
            "collection",
            "quality",
            "prices",
            "accounts",
            "closeout",
            "documents",
            "settings",
            "indicators",
        ):
            window.open_section(key)  # built on first show
        for widget in window.findChildren(QPushButton) + window.findChildren(QLabel):
            texts.append(widget.text())
        dialog = FirstRunDialog(association)
        qtbot.addWidget(dialog)
        texts += [b.text() for b in dialog.findChildren(QPushButton)]
        member = MemberDialog(association)
        qtbot.addWidget(member)
        texts.append(member.windowTitle())

        from coop_desktop.services.deliveries import add_delivery
        from coop_desktop.services.dto import MemberDraft
        from coop_desktop.services.members import add_member, list_members
        from ui.collection.delivery_dialogs import AdjustmentDialog, EditDeliveryDialog
        from ui.common.member_lookup import MemberIndex
        from ui.members.member_page import MemberPage

        if not list_members(association):
            add_member(association, MemberDraft(code="S1", given_names="Rosa", surnames="Quispe"))
            add_delivery(association, "S1", "10", "L", TODAY, "am")
        from coop_desktop.services.deliveries import get_delivery

        for dialog_ in (
            EditDeliveryDialog(association, get_delivery(association, 1)),
            AdjustmentDialog(association, MemberIndex([]), "2026-10"),
            MemberPage(association, list_members(association)[0]),
        ):
            qtbot.addWidget(dialog_)
            texts.append(dialog_.windowTitle())
        for word in words:
            assert word in texts, word
    finally:
        install_translations(qapp, "es")

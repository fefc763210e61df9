"""Exports per unit: litres and kilograms never added together."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests_support.clock import TODAY

from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.exports import build
from coop_desktop.services.members import add_member
from coop_desktop.storage.engine import Database


def test_litres_and_kilograms_have_their_own_columns_and_totals(association: Database) -> None:
    add_member(association, MemberDraft(code="S1", given_names="Rosa", surnames="Mamani"))
    day = date(2026, 10, 5)
    add_delivery(association, "S1", "92.2", "L", day, "am", today=TODAY)
    add_delivery(association, "S1", "20.5", "kg", day, "pm", today=TODAY)
    add_delivery(association, "S1", "3", "kg", day, "pm", reject_reason="Caliente", today=TODAY)
    sheet = build(association, "deliveries", "2026-10", "es")
    assert [c.header for c in sheet.columns[4:8]] == [
        "Aceptado (L)",
        "Aceptado (kg)",
        "Rechazado (L)",
        "Rechazado (kg)",
    ]
    assert [r[4:8] for r in sheet.rows] == [
        (Decimal("92.200"), None, None, None),
        (None, Decimal("20.500"), None, None),
        (None, None, None, Decimal("3.000")),
    ]
    assert sheet.totals is not None and tuple(sheet.totals[4:8]) == (
        Decimal("92.200"),
        Decimal("20.500"),
        Decimal("0"),
        Decimal("3.000"),
    )

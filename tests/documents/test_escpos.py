"""The ESC/POS ticket carries the same record as the PDF ticket, in code page 850."""

from datetime import date
from decimal import Decimal

from coop_desktop.documents.content import Header, MemberBlock, TicketDoc
from coop_desktop.documents.escpos import CUT, INIT, EscposTicket, escpos_text

TICKET = TicketDoc(
    Header("Asociación Huaychani", "20131312955", "", "Ácora", "Puno", "Puno", "es", None),
    "T001-00000042",
    MemberBlock("S0007", "Ñusta Mamani Quispe", "41234567", "", "Ácora", "Puno", "Puno"),
    date(2026, 11, 3),
    "am",
    Decimal("13.5"),
    "L",
    "2026-11-q1",
    Decimal("120.5"),
    Decimal("8.0"),
    alcohol_positive=False,
    mark="COPIA",
)


def test_escpos_ticket_text_and_commands() -> None:
    data = EscposTicket(80).render(TICKET)
    assert data.startswith(INIT + b"\x1bt\x02") and data.endswith(CUT)
    assert "Ñusta".encode("cp850") in data  # Spanish letters in the printer's code page
    text = escpos_text(data)
    for words in (
        "COPIA",
        "TICKET DE ENTREGA T001-00000042",
        "S0007 Ñusta Mamani Quispe",
        "03/11/2026 mañana",
        "13.5 L",
        "8.0 °C",
        "negativa",
        "ACEPTADA",
        "120.5 L",
        "Firma del socio o huella",
    ):
        assert words in text, words
    assert max(len(line) for line in text.splitlines()) <= 48


def test_58_mm_wraps_to_32_columns() -> None:
    text = escpos_text(EscposTicket(58).render(TICKET))
    assert max(len(line) for line in text.splitlines()) <= 32
    assert "Ñusta" in text

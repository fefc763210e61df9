"""Advance receipts: numbered from the association's receipt series when the advance is
recorded, printed with the amount in words, reprints marked COPIA."""

import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from coop_desktop.core.errors import NotFound
from coop_desktop.services.accounts import add_advance, ledger
from coop_desktop.services.document_data import advance_receipt
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.printouts import render
from coop_desktop.storage.engine import Database


def test_numbered_printed_and_copied(association: Database) -> None:
    add_member(association, MemberDraft(code="S1", given_names="Rosa", surnames="Apaza"))
    add_advance(association, "S1", "50", date(2026, 10, 8), today=date(2026, 10, 8))
    add_advance(association, "S1", "12.50", date(2026, 10, 9), today=date(2026, 10, 9))
    numbers = [e.document_number for e in ledger(association, "S1")]
    assert numbers == ["R001-00000001", "R001-00000002"]
    assert "R001-00000002" in ledger(association, "S1")[1].description
    doc = advance_receipt(association, "r001-00000002", record=False)
    assert (doc.amount, doc.period, doc.mark) == (Decimal("12.50"), "2026-10", "")
    first = render(association, "advance", "R001-00000002", record=True)
    again = render(association, "advance", "R001-00000002", record=True)
    assert (first.mark, again.mark) == ("", "COPIA")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(first.pdf)).pages)
    assert "RECIBO DE ADELANTO" in text and "S/ 12.50" in text and "doce" in text.lower()
    with pytest.raises(NotFound):
        advance_receipt(association, "R001-00000009")

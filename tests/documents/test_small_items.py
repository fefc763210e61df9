"""The smaller things a reader of the documents found: each price factor multiplies out,
quantities line up on the decimal point, a carried debt names its month, the daily sheet has
the collector's signature, the advance receipt separates the DNI from the place, the title
keeps clear of a long association name, marks never cross a figure, and a saved ticket is
taller than wide (a PDF viewer prints it upright)."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pdfplumber
from conftest_helpers import pdf_text
from pypdf import PdfReader

from coop_desktop.documents.collection import CollectionRenderer
from coop_desktop.documents.content import TicketDoc
from coop_desktop.documents.receipt import ReceiptRenderer
from coop_desktop.documents.ticket import TicketRenderer
from coop_desktop.services import document_data as documents
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.statements import statements
from coop_desktop.storage.engine import Database

D = Decimal


def test_each_price_factor_is_its_quantity_times_its_price(worked: Database) -> None:
    s = statements(worked, "2026-10-q1", "S0001", record=False)[0]
    factors = {f.label: f.amount for f in s.factors}
    kg = D("232.200")  # 15 deliveries of 15 L × 1.032
    assert factors["Precio base"] == D("278.64") == (kg * D("1.20")).quantize(D("0.01"))
    assert factors["Sólidos totales"] == (kg * D("0.07")).quantize(D("0.01"))
    assert factors["Higiene"] == (kg * D("0.01")).quantize(D("0.01"))
    assert sum(factors.values()) == s.gross  # with a Redondeo line only when one is needed


def test_a_carried_debt_names_its_month_and_the_columns_line_up(worked: Database) -> None:
    from datetime import date as day

    from tests_support.clock import TODAY

    from coop_desktop.services.deliveries import add_delivery
    from coop_desktop.services.quality import add_test

    for code, quantity, unit in (
        ("S0001", "15", "L"),
        ("S0002", "12.35", "L"),
        ("S0003", "20", "kg"),
    ):
        add_delivery(worked, code, quantity, unit, day(2026, 10, 16), "am", today=TODAY)
        add_test(worked, code, "2026-10-16", {"st": "11.9", "ufc": "400000"}, today=TODAY)
    close_period(worked, "2026-10-q2")
    [receipt] = documents.receipts(worked, "2026-10-q2", "S0002", record=False)
    [carried] = [d for d in receipt.money.debits if d.kind == "carried"]
    assert carried.label.startswith("Saldo de octubre 2026, 1.ª quincena: ")
    sheet = CollectionRenderer().render(documents.collection(worked, day(2026, 10, 16)))
    with pdfplumber.open(io.BytesIO(sheet)) as doc:
        words = doc.pages[0].extract_words()
    numbers = [w for w in words if re.fullmatch(r"\d+\.\d+", w["text"])]
    morning = [w for w in numbers if abs(w["x1"] - numbers[0]["x1"]) < 0.5]
    assert [w["text"] for w in morning] == ["15.00", "12.35", "20.00"]  # same places
    assert len({round(w["x1"], 1) for w in morning}) == 1  # one right edge: points in line
    assert "Acopiador(a): firma" in pdf_text(sheet) and "Tesorero(a): firma" in pdf_text(sheet)


def test_the_advance_receipt_separates_the_dni_from_the_place(worked: Database) -> None:
    from tests_support.clock import TODAY

    from coop_desktop.documents.advance import AdvanceRenderer
    from coop_desktop.services.accounts import add_advance

    _entry, number = add_advance(worked, "S0001", "20", date(2026, 10, 20), today=TODAY)
    text = pdf_text(AdvanceRenderer().render(documents.advance_receipt(worked, number)))
    assert "DNI 41234567 · Huaychani, Ácora, Puno" in text


def test_title_mark_and_ticket_shape(worked: Database) -> None:
    receipt = documents.receipts(worked, "2026-10-q1", "S0002", record=False)[0]
    from dataclasses import replace

    pdf = ReceiptRenderer().render(replace(receipt, mark="COPIA"))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        words = page.extract_words(extra_attrs=["size"])
        title = next(w for w in words if w["text"] == "LIQUIDACIÓN")
        name = [w for w in words if w["top"] < title["bottom"] and w["x1"] < title["x0"]]
        assert name and max(w["x1"] for w in name) < title["x0"] - 10  # a clear gap
        # the outlined COPIA stamp covers no character of the receipt
        [mark] = [w for w in words if w["text"] == "COPIA"]
        x0, x1, top, bottom = mark["x0"], mark["x1"], mark["top"], mark["bottom"]
        crossed = [
            c["text"]
            for c in page.chars
            if c["size"] != mark["size"]
            and c["x1"] > x0
            and c["x0"] < x1
            and c["bottom"] > top
            and c["top"] < bottom
        ]
        assert crossed == []
    ticket: TicketDoc = documents.ticket(worked, 1, record=False)
    for width in (80, 58):
        box = PdfReader(io.BytesIO(TicketRenderer(width).render(ticket))).pages[0].mediabox
        assert float(box.height) > float(box.width)  # upright in any PDF viewer

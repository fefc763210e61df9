"""Every document read back: the right names, numbers and words, in both languages."""

import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest_helpers import pages, pdf_text
from reportlab.lib.units import mm
from sqlalchemy import text

from coop_desktop.core.errors import Refused
from coop_desktop.documents.batch import render_all, write_batch
from coop_desktop.documents.collection import CollectionRenderer
from coop_desktop.documents.payroll import PayrollRenderer
from coop_desktop.documents.receipt import ReceiptRenderer
from coop_desktop.documents.statement import StatementRenderer
from coop_desktop.documents.ticket import TicketRenderer
from coop_desktop.language.formatting import amount_in_words
from coop_desktop.language.formatting import money as soles
from coop_desktop.services import document_data as documents
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.settlements import reopen_period
from coop_desktop.services.statements import statements
from coop_desktop.storage.engine import Database

D = Decimal


def test_amount_in_words_and_money() -> None:
    assert amount_in_words(D("165.97")) == "SON: CIENTO SESENTA Y CINCO CON 97/100 SOLES"
    assert amount_in_words(D("0")) == "SON: CERO CON 00/100 SOLES"
    assert amount_in_words(D("1001.05")) == "SON: MIL UNO CON 05/100 SOLES"
    assert amount_in_words(D("21")) == "SON: VEINTIUNO CON 00/100 SOLES"
    assert amount_in_words(D("21000")) == "SON: VEINTIÚN MIL CON 00/100 SOLES"
    assert soles(D("1234.5")) == "S/ 1,234.50" and soles(D("-2.1")) == "−S/ 2.10"
    with pytest.raises(ValueError):
        amount_in_words(D("-1"))


def test_receipt_statement_payroll_agree_with_the_close(worked: Database) -> None:
    receipt = documents.receipts(worked, "2026-10-q1", "S0001")[0]
    text = pdf_text(ReceiptRenderer().render(receipt))
    for expected in (
        "LIQUIDACIÓN DE COMPRA",
        "L001-00000001",
        "Rosa Ñuñez Ch'uqi",
        "41234567",
        "Huaychani",
        "Ácora",
        "232.2 kg",
        "297.22",
        "Cuota social",
        "65.00",
        "S/ 165.97",
        "SON: CIENTO SESENTA Y CINCO CON 97/100 SOLES",
        "Vendedor(a): firma",
        "Huella digital",
        "RUC 20131312955",
        "1.28",
    ):
        assert expected in text, expected
    statement = statements(worked, "2026-10-q1", "S0001")[0]
    text = pdf_text(StatementRenderer().render(statement))
    for expected in (
        "ESTADO DE CUENTA",
        "01/10/2026",
        "15/10/2026",
        "297.22",
        "S/ 165.97",
        "Higiene",
        "Sólidos totales",
        "habría recibido",
        "Cuota social",
    ):
        assert expected in text, expected
    assert statement.net == receipt.net == D("165.97")
    payroll = documents.payroll(worked, "2026-10-q1")
    text = pdf_text(PayrollRenderer().render(payroll))
    assert "PLANILLA DE PAGO" in text and "165.97" in text and "Página 1 de 1" in text
    assert sum(r.summary.net for r in payroll.rows) == sum(
        r.net for r in documents.receipts(worked, "2026-10-q1")
    )


def test_statement_factors_add_up_to_the_milk_value(worked: Database) -> None:
    s = statements(worked, "2026-10-q1", "S0001")[0]
    assert sum(f.amount for f in s.factors) == s.gross == D("297.22")
    labels = [f.label for f in s.factors]
    assert labels[:3] == ["Precio base", "Sólidos totales", "Higiene"]
    assert any("higiene clase A" in b for b in s.better)  # 0.02 more per kg × 232.2 = 4.64
    assert any("S/ 4.64" in b for b in s.better)
    # a step is paid whole: ST 12.11 is one step from 12.20, worth 0.01 × 232.2 kg
    assert "Con sólidos totales de 12.20 % (hoy 12.10 %) habría recibido S/ 2.32 más." in s.better


def test_tickets_are_exactly_80_and_58_mm(worked: Database) -> None:
    for width in (80, 58):
        pdf = TicketRenderer(width).render(documents.ticket(worked, 1))
        (page,) = pages(pdf)
        assert abs(float(page.mediabox.width) - width * mm) < 0.01
        text = pdf_text(pdf)
        assert "Rosa Ñuñez Ch'uqi" in text and "15.0 L" in text and "ACEPTADA" in text
    rejected = pdf_text(TicketRenderer(58).render(documents.ticket(worked, 4)))
    assert "RECHAZADA" in rejected and "Prueba de alcohol positiva" in rejected


def test_reprints_are_copies_and_voided_receipts_annulled(worked: Database) -> None:
    assert documents.ticket(worked, 2).mark == ""
    assert documents.ticket(worked, 2).mark == "COPIA"
    assert documents.receipts(worked, "2026-10-q1", "S0001")[0].mark == ""
    again = documents.receipts(worked, "2026-10-q1", "S0001")[0]
    assert again.mark == "COPIA" and "COPIA" in pdf_text(ReceiptRenderer().render(again))
    reopen_period(worked, "2026-10-q1", "Error de digitación")
    draft = statements(worked, "2026-10-q1", "S0001")[0]
    assert draft.draft and "BORRADOR" in pdf_text(StatementRenderer().render(draft))
    with pytest.raises(Refused):
        documents.receipts(worked, "2026-10-q1")
    close_period(worked, "2026-10-q1")
    marks = [r.mark for r in documents.receipts(worked, "2026-10-q1", "S0001")]
    assert marks == ["ANULADO", ""]


def test_hard_cases_lay_out_cleanly(worked: Database) -> None:
    long_name = statements(worked, "2026-10-q1", "S0002")[0]  # 30 deliveries, all deducted
    assert long_name.net == 0 and long_name.money.carried_out > 0
    text = pdf_text(StatementRenderer().render(long_name))
    assert "Äwichu María de los Ángeles" in text and "SON: CERO CON 00/100 SOLES" in text
    receipt = documents.receipts(worked, "2026-10-q1", "S0002")[0]
    assert "S/ 0.00" in pdf_text(ReceiptRenderer("80mm").render(receipt))
    rejected_only = statements(worked, "2026-10-q1", "S0003")[0]
    text = pdf_text(StatementRenderer().render(rejected_only))
    assert "RECHAZADA: Prueba de alcohol positiva" in text
    assert rejected_only.gross == 0


def test_sixty_two_deliveries(worked: Database) -> None:
    from coop_desktop.services.deliveries import add_delivery

    for day in range(1, 32):
        for shift in ("am", "pm"):
            add_delivery(
                worked, "S0001", "12", "L", date(2026, 12, day), shift, today=date(2026, 12, 31)
            )
    from coop_desktop.services.quality import add_test

    add_test(
        worked, "S0001", "2026-12-10", {"st": "12.0", "ufc": "90000"}, today=date(2026, 12, 31)
    )
    s = statements(worked, "2026-12-q1", "S0001")[0]
    assert len(s.lines) == 30
    month = statements(worked, "2026-12", "S0001")[0]
    assert len(month.lines) == 62
    pdf = StatementRenderer().render(month)
    assert len(pages(pdf)) == 2
    assert "Página 2 de" in pdf_text(pdf)


def test_english_when_the_association_speaks_english(worked: Database) -> None:
    with worked.write() as s:
        s.execute(text("UPDATE association SET language = 'en'"))
    receipt = documents.receipts(worked, "2026-10-q1", "S0001")[0]
    text_en = pdf_text(ReceiptRenderer().render(receipt))
    assert "PURCHASE SETTLEMENT" in text_en and "NET TO PAY" in text_en
    assert "SAY: ONE HUNDRED AND SIXTY-FIVE AND 97/100 SOLES" in text_en


def test_collection_sheet(worked: Database) -> None:
    doc = documents.collection(worked, date(2026, 10, 3))
    text = pdf_text(CollectionRenderer().render(doc))
    assert "PARTE DIARIO DE ACOPIO" in text and "03/10/2026" in text
    assert "Rechazada: Prueba de alcohol positiva" in text and "Turno tarde" in text


def test_batches_on_two_cores_with_progress_and_cancel(worked: Database, tmp_path: Path) -> None:
    docs = statements(worked, "2026-10-q1") * 20  # 60 statements: several chunks
    seen: list[int] = []
    pdfs = render_all(
        StatementRenderer(), docs, workers=2, progress=lambda done, total: seen.append(done)
    )
    assert len(pdfs) == 60 and seen[-1] == 60 and seen == sorted(seen)
    one = write_batch(
        StatementRenderer(), docs[:3], tmp_path / "todos.pdf", ["a", "b", "c"], workers=1
    )
    assert len(pages(one[0].read_bytes())) >= 3
    folder = write_batch(
        StatementRenderer(), docs[:3], tmp_path / "carpeta", ["a", "b", "c"], workers=1
    )
    assert [p.name for p in folder] == ["a.pdf", "b.pdf", "c.pdf"]
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Refused):
        write_batch(
            StatementRenderer(),
            docs,
            tmp_path / "cancelado.pdf",
            ["x"] * 60,
            workers=2,
            cancel=cancel,
        )
    assert not (tmp_path / "cancelado.pdf").exists()


def test_litres_and_kilograms_are_never_added(association: Database) -> None:
    """A ticket for 20 L + 20 kg, and the day's collection sheet, give each unit apart."""
    from coop_desktop.documents.collection import CollectionRenderer
    from coop_desktop.services.deliveries import add_delivery
    from coop_desktop.services.dto import MemberDraft
    from coop_desktop.services.members import add_member

    day = date(2026, 10, 5)
    add_member(association, MemberDraft(code="S0009", given_names="Ana", surnames="Pari"))
    add_delivery(association, "S0009", "20", "L", day, "am", today=day)
    second = add_delivery(association, "S0009", "20", "kg", day, "pm", today=day)
    ticket = documents.ticket(association, second.id)
    assert ticket.period_totals == (("L", D("20.000")), ("kg", D("20.000")))
    text = pdf_text(TicketRenderer(80).render(ticket))
    assert "20.0 L + 20.0 kg" in text and "40.0" not in text
    sheet = pdf_text(CollectionRenderer().render(documents.collection(association, day)))
    assert "Aceptado en el día — 2 entregas: 20.0 L + 20.0 kg" in sheet and "40.0" not in sheet

"""A member with debt carried in and out: the statement, the payroll and the receipt print
the same five figures under the same words (domain/settlement.py SUMMARY_WORDS), read back
from the PDFs. (Cierre's table: tests/ui/test_closeout_view.py.)"""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

from conftest_helpers import pdf_text
from tests_support.clock import TODAY

from coop_desktop.documents.payroll import PayrollRenderer
from coop_desktop.documents.receipt import ReceiptRenderer
from coop_desktop.documents.statement import StatementRenderer
from coop_desktop.domain.settlement import Summary
from coop_desktop.services import document_data as documents
from coop_desktop.services.accounts import sell_input
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.quality import add_test
from coop_desktop.services.statements import statements
from coop_desktop.storage.engine import Database

D = Decimal
AMOUNT = r"(?:S/ )?(−?[\d,]+\.\d\d)"


def carried_twice(worked: Database) -> Database:
    """S0002 could not cover a 400 advance in the first fortnight; in the second she delivers
    a little milk and buys a sack on credit: debt in, deductions of her own, debt out."""
    for day in range(16, 21):
        add_delivery(worked, "S0002", "5", "L", date(2026, 10, day), "am", today=TODAY)
    add_test(worked, "S0002", "2026-10-18", {"st": "11.9", "ufc": "400000"}, today=TODAY)
    sell_input(worked, "S0002", "Afrecho de trigo", "1", "2026-10-17", today=TODAY)
    close_period(worked, "2026-10-q2")
    return worked


def number(text: str, label: str) -> D:
    found = re.search(re.escape(label) + r"\s+" + AMOUNT, text)
    assert found, label
    return D(found[1].replace(",", "").replace("−", "-"))


def test_statement_payroll_and_receipt_say_the_same_for_debt_in_and_out(
    worked: Database,
) -> None:
    db = carried_twice(worked)
    [receipt] = documents.receipts(db, "2026-10-q2", "S0002", record=False)
    summary = receipt.money.summary
    first = documents.receipts(db, "2026-10-q1", "S0002", record=False)[0].money.summary
    assert summary.carried_in == first.carried_out > 0  # the debt brought in
    assert summary.deductions > 65 and summary.carried_out > 0 and summary.net == 0
    assert summary.reconciles()

    statement = statements(db, "2026-10-q2", "S0002", record=False)[0]
    payroll = documents.payroll(db, "2026-10-q2")
    [row] = [r for r in payroll.rows if r.code == "S0002"]
    assert statement.money.summary == row.summary == summary  # one model, one set of figures

    # the statement's summary box: the words on one line, the figures on the next
    said = pdf_text(StatementRenderer().render(statement))
    assert (
        "Valor de la leche − Descuentos del periodo + Abonos − Deuda anterior + Deuda que "
        "pasa = NETO A PAGAR"
    ) in said
    figures = re.search(
        r"NETO A PAGAR " + " ".join([AMOUNT] * 6), said.replace("S/ ", "S/ ")
    )  # milk, deductions, credits, brought in, carried on, net
    assert figures is not None
    shown = [D(x.replace(",", "")) for x in figures.groups()]
    assert shown == [
        summary.milk,
        summary.deductions,
        summary.credits,
        summary.carried_in,
        summary.carried_out,
        summary.net,
    ]

    # the payroll: the same words over its columns, the same figures on her line
    sheet = pdf_text(PayrollRenderer().render(payroll))
    for words in (
        "Valor de la leche S/",
        "+ Abonos S/",
        "− Descuentos del periodo S/",
        "− Deuda anterior S/",
        "+ Deuda que pasa S/",
        "= Neto a pagar S/",
    ):
        assert words in sheet.replace("\u00a0", " "), words
    line = re.search(r"S0002 .*?L001-\d{8} [\d,.]+ " + " ".join([AMOUNT] * 6), sheet)
    assert line is not None
    assert [D(x.replace(",", "")) for x in line.groups()] == [
        summary.milk,
        summary.credits,
        summary.deductions,
        summary.carried_in,
        summary.carried_out,
        summary.net,
    ]

    # the receipt, A5 and 80 mm: the same words beside the same figures
    for size in ("A5", "80mm"):
        text = pdf_text(ReceiptRenderer(size).render(receipt))
        assert (
            Summary(
                number(text, "Valor de la leche"),
                summary.credits,  # no credits: the line is left out
                number(text, "− Descuentos del periodo"),
                number(text, "− Deuda anterior"),
                number(text, "+ Deuda que pasa"),
                number(text, "NETO A PAGAR"),
            )
            == summary
        ), size


def test_the_signatures_stay_with_the_name_the_totals_and_the_net(worked: Database) -> None:
    """Many deduction lines push the end of an A5 receipt onto a second page: the summary,
    the net, the words and the signatures go there together, under the member's name."""
    from dataclasses import replace

    from pypdf import PdfReader

    from coop_desktop.documents.content import Debit, Money

    [receipt] = documents.receipts(worked, "2026-10-q1", "S0001", record=False)
    money = receipt.money
    many = tuple(Debit("other", f"Cargo número {i}", D("1.00"), D("1.00")) for i in range(14))
    longer = replace(
        receipt,
        money=Money(money.gross, money.credits, money.debits + many, money.net - 14),
    )
    pages = [
        " ".join(p.extract_text().split())
        for p in PdfReader(io.BytesIO(ReceiptRenderer().render(longer))).pages
    ]
    assert len(pages) == 2
    last = pages[-1]
    for words in (
        "Huella digital",
        "Tesorero(a)",
        receipt.member.name,
        receipt.number,
        "Valor de la leche",
        "NETO A PAGAR",
        "SON:",
    ):
        assert words in last, words
    assert "Huella digital" not in pages[0]

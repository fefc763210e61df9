"""Every document read back with its positions (pdfplumber): quantities as recorded, a
statement whose summary reconciles, two pages for 60 deliveries, everything inside the
printable width of a thermal roll, a real thumbprint box, COPIA on every reprint, ANULADO with
its reason, date and replacement, and no grey fills anywhere."""

import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pdfplumber
import pytest
from conftest_helpers import TODAY, pages, pdf_text
from reportlab.lib.units import mm
from sqlalchemy import text

from coop_desktop.core.numbers import parse_number
from coop_desktop.documents.payroll import PayrollRenderer
from coop_desktop.documents.receipt import ReceiptRenderer
from coop_desktop.documents.statement import StatementRenderer
from coop_desktop.documents.ticket import TicketRenderer
from coop_desktop.services import document_data as documents
from coop_desktop.services.accounts import add_adjustment
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.printouts import render
from coop_desktop.services.settlements import reopen_period, void_receipt
from coop_desktop.services.statements import statements
from coop_desktop.storage.engine import Database

D = Decimal
TOLERANCE = 0.5  # points


def plumb(pdf: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(pdf))


def test_quantities_print_as_recorded(worked: Database) -> None:
    reopen_period(worked, "2026-10-q1", "Faltaba una entrega")
    new = add_delivery(worked, "S0001", "12.35", "L", date(2026, 10, 15), "pm", today=TODAY).id
    close_period(worked, "2026-10-q1")
    ticket = pdf_text(TicketRenderer(58).render(documents.ticket(worked, new)))
    assert "12.35 L" in ticket and "12.4 L" not in ticket
    s = statements(worked, "2026-10-q1", "S0001", record=False)[0]
    text = pdf_text(StatementRenderer().render(s))
    assert "12.35" in text and "12.745" in text  # litres as recorded, kg to the gram (× 1.032)


def _summary_numbers(pdf: bytes) -> list[Decimal]:
    """The six figures of the summary box, left to right, read from their positions."""
    with plumb(pdf) as doc:
        page = doc.pages[0]
        label = next(w for w in page.extract_words() if w["text"] == "NETO")
        words = [
            w
            for w in page.extract_words()
            if 0 < w["top"] - label["top"] < 20 and w["text"] not in ("S/",)
        ]
    words.sort(key=lambda w: w["x0"])
    return [parse_number(w["text"].replace("−", "-"), "amount", 2) for w in words[:6]]


def test_statement_summary_reconciles_on_its_face(worked: Database) -> None:
    for code in ("S0001", "S0002"):
        s = statements(worked, "2026-10-q1", code, record=False)[0]
        gross, deductions, credits, carried_in, carried_out, net = _summary_numbers(
            StatementRenderer().render(s)
        )
        assert gross - deductions + credits - carried_in + carried_out == net == s.net
        assert gross == s.gross and s.money.reconciles()
    s2 = statements(worked, "2026-10-q1", "S0002", record=False)[0]
    assert s2.money.carried_out > 0  # the advance that milk could not cover, listed itself
    text = pdf_text(StatementRenderer().render(s2))
    assert "Adelanto" in text and "Pasa al siguiente" in text


def test_statement_columns_multiply_out(worked: Database) -> None:
    s = statements(worked, "2026-10-q1", "S0001", record=False)[0]
    text = pdf_text(StatementRenderer().render(s))
    assert "S/ por kg" in text and "Densidad: 1.032 kg/L" in text
    for ln in s.lines:
        assert (ln.priced * ln.unit_price).quantize(D("0.01"), ROUND_HALF_UP) == ln.amount
        assert ln.kg == (ln.litres * D("1.032")).quantize(D("0.001"))


def test_sixty_deliveries_fit_two_pages(worked: Database) -> None:
    for day in range(1, 31):
        for shift in ("am", "pm"):
            add_delivery(
                worked, "S0001", "12.25", "L", date(2026, 12, day), shift, today=date(2026, 12, 31)
            )
    month = statements(worked, "2026-12", "S0001", record=False)[0]
    assert len(month.lines) == 60
    with plumb(StatementRenderer().render(month)) as doc:
        assert len(doc.pages) <= 2
        _inside(doc, 12 * mm)


def _inside(doc: pdfplumber.PDF, side: float) -> None:
    """Every character, rule and box lies within `side` of the page's left and right."""
    for page in doc.pages:
        for obj in page.chars + page.lines + page.rects:
            assert obj["x0"] >= side - TOLERANCE, (obj.get("text"), obj["x0"])
            assert obj["x1"] <= page.width - side + TOLERANCE, (obj.get("text"), obj["x1"])


def _black_and_white(doc: pdfplumber.PDF) -> None:
    for page in doc.pages:
        for rect in page.rects:
            if rect["fill"]:
                assert rect["non_stroking_color"] in ((0,), (0, 0, 0), [0], [0, 0, 0], 0), rect
        for obj in page.lines + page.rects:
            colour = obj["stroking_color"]
            assert colour in (None, (0,), (0, 0, 0), [0], [0, 0, 0], 0), colour


@pytest.mark.parametrize("width", [80, 58])
def test_rolls_stay_inside_the_printable_width(worked: Database, width: int) -> None:
    side = (width - (72 if width == 80 else 48)) / 2 * mm
    pdfs = [TicketRenderer(width).render(documents.ticket(worked, n)) for n in (1, 4)]
    receipt = documents.receipts(worked, "2026-10-q1", "S0002", record=False)[0]
    pdfs.append(ReceiptRenderer(f"{width}mm").render(receipt))
    for pdf in pdfs:
        with plumb(pdf) as doc:
            (page,) = doc.pages
            assert abs(page.width - width * mm) < 0.01
            _inside(doc, side)
            _black_and_white(doc)
            assert min(c["size"] for c in page.chars) >= 8 - 0.01


def _thumb_boxes(pdf: bytes) -> list[tuple[float, float]]:
    with plumb(pdf) as doc:
        return [
            (r["width"] / mm, r["height"] / mm)
            for page in doc.pages
            for r in page.rects
            if r["width"] >= 20 * mm - TOLERANCE and r["height"] >= 25 * mm - TOLERANCE
        ]


def test_liquidacion_fields_and_thumbprint_box(worked: Database) -> None:
    r = documents.receipts(worked, "2026-10-q1", "S0001", record=False)[0]
    for size in ("A5", "80mm"):
        pdf = ReceiptRenderer(size).render(r)
        text = pdf_text(pdf)
        for expected in (
            "LIQUIDACIÓN DE COMPRA",
            "COMPRADOR",
            "Asociación de Productores Lecheros Huaychani",
            "RUC 20131312955",
            "Comunidad Huaychani s/n",
            "VENDEDOR",
            "Rosa Ñuñez Ch'uqi",
            "DNI 41234567",
            "Leche fresca cruda",
            "232.2 kg",
            "1.28",
            "297.22",
            "IGV: exonerado",
            "IMPORTE TOTAL",
            "S/ 165.97",
            "SON: CIENTO SESENTA Y CINCO CON 97/100 SOLES",
            "Tesorero(a)",
            "Huella digital",
        ):
            assert expected in text, (size, expected)
        assert _thumb_boxes(pdf), size
    payroll = PayrollRenderer().render(documents.payroll(worked, "2026-10-q1", record=False))
    assert len(_thumb_boxes(payroll)) >= 3


def test_without_a_ruc_the_receipt_says_so_and_warns(worked: Database) -> None:
    with worked.write() as s:
        s.execute(text("UPDATE association SET ruc = NULL"))
    printout = render(worked, "receipt", "2026-10-q1", "S0001")
    text_ = pdf_text(printout.pdf)
    assert "CONSTANCIA DE PAGO" in text_ and "LIQUIDACIÓN DE COMPRA" not in text_
    assert printout.warnings == ("receipt_without_ruc",)
    assert "no tiene RUC" in printout.notes("es")[0]


@pytest.mark.parametrize(
    ("kind", "key", "member"),
    [
        ("ticket", "1", ""),
        ("collection", "2026-10-03", ""),
        ("payroll", "2026-10-q1", ""),
        ("receipt", "2026-10-q1", "S0001"),
        ("statement", "2026-10-q1", "S0001"),
    ],
)
def test_every_kind_of_reprint_is_a_copy(
    worked: Database, kind: str, key: str, member: str
) -> None:
    preview = render(worked, kind, key, member)  # a preview is not a print
    first = render(worked, kind, key, member, record=True)
    again = render(worked, kind, key, member, record=True)
    assert (preview.mark, first.mark, again.mark) == ("", "", "COPIA")
    assert "COPIA" in pdf_text(again.pdf) and "COPIA" not in pdf_text(first.pdf)


def test_voids_tell_their_story(worked: Database) -> None:
    new = void_receipt(worked, "L001-00000001", "Se mojó")
    old, replacement = documents.receipts(worked, "2026-10-q1", "S0001", record=False)
    assert (old.mark, old.void and old.void.replaced_by, replacement.replaces) == (
        "ANULADO",
        new,
        "L001-00000001",
    )
    text_ = pdf_text(ReceiptRenderer().render(old))
    assert "ANULADO" in text_ and "Se mojó" in text_ and new in text_
    assert TODAY.strftime("%d/%m/%Y") in text_  # the day it was voided
    assert "Reemplaza al recibo L001-00000001" in pdf_text(ReceiptRenderer().render(replacement))
    # reopening voids with the reason; the next close's receipt names what it replaces
    reopen_period(worked, "2026-10-q1", "Error de digitación")
    add_adjustment(worked, "S0001", "20", "Bonificación por limpieza", day="2026-10-10")
    close_period(worked, "2026-10-q1")
    found = documents.receipts(worked, "2026-10-q1", "S0001", record=False)
    assert [r.mark for r in found] == ["ANULADO", "ANULADO", ""]
    assert found[1].void is not None and found[1].void.reason == "Error de digitación"
    assert found[1].void.replaced_by == found[2].number and found[2].replaces == new
    s = statements(worked, "2026-10-q1", "S0001", record=False)[0]
    assert s.money.credit_total == D("20.00") and s.net == D("185.97") and s.money.reconciles()


def test_payroll_totals_reconcile(worked: Database) -> None:
    sheet = documents.payroll(worked, "2026-10-q1", record=False)
    for r in sheet.rows:
        assert r.summary.reconciles()
    total = sheet.total
    assert total("milk") + total("credits") - total("deductions") - total("carried_in") + total(
        "carried_out"
    ) == total("net")
    text_ = pdf_text(PayrollRenderer().render(sheet))
    assert "Deuda que pasa" in text_ and f"{sheet.total('carried_out'):,.2f}" in text_
    with plumb(PayrollRenderer().render(sheet)) as doc:
        _inside(doc, 10 * mm)
        _black_and_white(doc)


def test_collection_sheet_counts_rejections_apart(worked: Database) -> None:
    pdf = render(worked, "collection", "2026-10-03").pdf
    with plumb(pdf) as doc:
        _inside(doc, 12 * mm)
        _black_and_white(doc)
    text_ = pdf_text(pdf)
    assert "Aceptado en el día — 3 entregas: 33.5 L" in text_  # 15 + 10 + 8.5
    assert "Rechazado en el día — 1 entrega: 9.0 L" in text_  # the rejected 9 L apart


def test_a_combined_file_embeds_fonts_once_and_numbers_each_part(worked: Database) -> None:
    docs = statements(worked, "2026-10-q1", record=False)
    combined = StatementRenderer().render_many(docs)
    alone = [StatementRenderer().render(d) for d in docs]
    assert combined.count(b"/FontFile2") == alone[0].count(b"/FontFile2") == 2
    assert len(combined) < sum(len(a) for a in alone) * 0.6
    text_ = pdf_text(combined)
    counts = [len(pages(a)) for a in alone]
    assert len(pages(combined)) == sum(counts) and text_.count("Página 1 de") == len(docs)
    for n in counts:  # each part counts its own pages
        assert f"Página {n} de {n}" in text_
    assert f"de {sum(counts)}" not in text_
    receipts = documents.receipts(worked, "2026-10-q1", record=False)
    with plumb(ReceiptRenderer().render_many(receipts)) as doc:
        assert len(doc.pages) == len(receipts)
        _inside(doc, 10 * mm)
        _black_and_white(doc)


def test_the_advance_receipt_is_said_by_the_member(worked: Database) -> None:
    from coop_desktop.documents.advance import from_whom
    from coop_desktop.services.accounts import add_advance

    _entry, number = add_advance(worked, "S0001", "21000", "2026-11-05", today=TODAY)
    printout = render(worked, "advance", number, record=True)
    text_ = pdf_text(printout.pdf)
    assert "Yo, Rosa Ñuñez Ch'uqi, con DNI 41234567, recibí de la Asociación" in text_
    assert "SON: VEINTIÚN MIL CON 00/100 SOLES" in text_ and "noviembre 2026" in text_
    assert _thumb_boxes(printout.pdf)
    with plumb(printout.pdf) as doc:
        _inside(doc, 10 * mm)
        _black_and_white(doc)
    assert from_whom("Comité de Productores") == "del Comité de Productores"

"""The paper a ticket or a document asks for, from what the printer's driver offers."""

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfgen import canvas

from ui.printing.pdf_print import fit_pdf
from ui.printing.printers import Paper, Sheet, document_sheet, ticket_sheet

ROLLS = (Sheet("80x200mm", 80.08, 200.03), Sheet("80x297mm", 80.08, 297.04))
FIXED = Paper((*ROLLS, Sheet("80x3276mm", 80.08, 3275.89)))
CUSTOM = Paper(FIXED.sheets, (19.76, 19.76), (79.73, 3275.89))
OFFICE = Paper((Sheet("A4", 210, 297), Sheet("A5", 148, 210)))
ONLY_A4 = Paper((Sheet("A4", 210, 297),))


def test_a_ticket_takes_the_shortest_roll_length_that_holds_it() -> None:
    assert ticket_sheet(FIXED, 80, 84) == ROLLS[0]
    assert ticket_sheet(FIXED, 80, 250) == ROLLS[1]
    assert ticket_sheet(FIXED, 80, 5000).key == "80x3276mm"  # runs on over pages


def test_a_custom_size_driver_gets_exactly_the_ticket() -> None:
    assert ticket_sheet(CUSTOM, 80, 84) == Sheet("", 80, 84)
    assert ticket_sheet(CUSTOM, 58, 70) == Sheet("", 58, 70)


def test_no_roll_of_that_width_takes_the_smallest_sheet_that_holds_it() -> None:
    assert ticket_sheet(OFFICE, 80, 84) == Sheet("A5", 148, 210)
    assert ticket_sheet(Paper(()), 80, 84) is None


def test_documents_keep_their_size_or_go_centred_on_a_larger_sheet() -> None:
    assert document_sheet(OFFICE, 148, 210) == (Sheet("A5", 148, 210), True)
    assert document_sheet(OFFICE, 297, 210) == (Sheet("A4", 210, 297), True)  # landscape A4
    assert document_sheet(ONLY_A4, 148, 210) == (Sheet("A4", 210, 297), False)
    assert document_sheet(Paper(()), 148, 210) is None


def _pdf(size: tuple[float, float]) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=size)
    c.drawString(40, size[1] - 60, "RECIBO R001-00000001")
    c.showPage()
    c.save()
    return out.getvalue()


def test_an_a5_page_is_centred_at_full_size_on_a4() -> None:
    pdf, media = fit_pdf(_pdf(A5), ONLY_A4)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert media == "A4"
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert "RECIBO R001-00000001" in page.extract_text()
    ys: list[float] = []
    page.extract_text(
        visitor_text=lambda t, cm, tm, *_: ys.append(tm[5] * cm[3] + cm[5]) if t.strip() else None
    )
    # the text keeps its place on the A5 page, which sits centred on the A4 sheet at 100 %
    assert abs(ys[0] - ((842 - A5[1]) / 2 + A5[1] - 60)) < 1


def test_a_page_the_printer_has_goes_unchanged() -> None:
    original = _pdf(landscape(A4))
    assert fit_pdf(original, OFFICE) == (original, "A4")

"""The paper and the layout a document gets from what a printer offers, and where its pages
go on that paper: the same rules for the window and `coop print --printer` (no Qt here)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from coop_desktop.documents.layout import RollArea
from coop_desktop.printing.failures import PrintFailed
from coop_desktop.printing.paper import Margins, Paper, Sheet, page_sheet, roll_sheet
from coop_desktop.printing.placement import place
from coop_desktop.printing.plan import plan, receipt_size_of

THERMAL = Margins(4, 0, 4, 0)  # an 80 mm driver printing 4–76 mm
ROLLS = (
    Sheet("80x200mm", 80.08, 200.03, THERMAL),
    Sheet("80x297mm", 80.08, 297.04, THERMAL),
    Sheet("80x3276mm", 80.08, 3275.89, THERMAL),
)
FIXED = Paper(ROLLS)
CUSTOM = Paper(ROLLS, (19.76, 19.76), (79.73, 3275.89), THERMAL)
NARROW = Paper((Sheet("58x210mm", 58, 210, Margins(5, 0, 5, 0)),))
OFFICE_MARGINS = Margins(4.23, 4.23, 4.23, 4.23)  # 12 pt all round
OFFICE = Paper((Sheet("A4", 210, 297, OFFICE_MARGINS), Sheet("A5", 148, 210, OFFICE_MARGINS)))
ONLY_A4 = Paper((Sheet("A4", 210, 297, OFFICE_MARGINS),))
LETTER = Paper((Sheet("Letter", 215.9, 279.4, OFFICE_MARGINS),))


def test_a_roll_document_takes_the_shortest_roll_length_that_holds_it() -> None:
    assert roll_sheet(FIXED, 80, 84) == ROLLS[0]
    assert roll_sheet(FIXED, 80, 250) == ROLLS[1]
    assert roll_sheet(FIXED, 80, 5000) == ROLLS[2]  # runs on over several
    assert roll_sheet(CUSTOM, 80, 84) == Sheet("", 80, 84, THERMAL)  # exactly its length
    assert roll_sheet(OFFICE, 80, 84) == OFFICE.sheets[1]  # on sheets: the smallest, A5
    assert roll_sheet(Paper(()), 80, 84) is None


def test_pages_keep_their_size_or_take_the_smallest_sheet_that_holds_them() -> None:
    assert page_sheet(OFFICE, 148, 210) == (OFFICE.sheets[1], True)
    assert page_sheet(OFFICE, 297, 210) == (OFFICE.sheets[0], True)  # landscape A4
    assert page_sheet(ONLY_A4, 148, 210) == (ONLY_A4.sheets[0], False)
    assert page_sheet(Paper(()), 148, 210) is None


def test_the_layout_follows_the_printer() -> None:
    ticket = plan("T", FIXED, "ticket")
    assert ticket.roll == RollArea(80.08, 4.04, 72.0, 0)  # 72 mm inside what it prints
    assert plan("T", NARROW, "ticket").roll == RollArea(58, 5.0, 48.0, 0)
    # a driver that prints less than the standard width gets its own width, not a shrink
    tight = Paper((Sheet("80x200mm", 80, 200, Margins(8, 0, 8, 0)),))
    assert plan("T", tight, "ticket").roll == RollArea(80, 8.0, 64.0, 0)
    # a driver that prints the whole roll: the standard 72 mm, centred
    assert plan("T", Paper((Sheet("80x200mm", 80, 200),)), "ticket").roll == RollArea(80, 4, 72)
    # on sheets a ticket keeps the width of Configuración
    assert plan("O", OFFICE, "ticket", 58).roll == RollArea(58, 5, 48)
    assert plan("T", FIXED, "receipt").receipt_size == "80mm"
    assert plan("T", NARROW, "receipt").receipt_size == "58mm"
    assert plan("O", OFFICE, "receipt").receipt_size == "A5"
    assert [receipt_size_of(p) for p in (FIXED, NARROW, OFFICE)] == ["80mm", "58mm", "A5"]


@pytest.mark.parametrize("kind", ["statement", "statements", "payroll", "collection", "advance"])
def test_documents_that_need_sheets_are_refused_on_a_roll_printer(kind: str) -> None:
    with pytest.raises(PrintFailed) as refused:
        plan("Termica-80", FIXED, kind)
    said = refused.value.render("es")
    assert said == (
        "La impresora Termica-80 es de rollo (80 mm) y este documento necesita hojas. Elija "
        "una impresora de hojas A4/A5. No se imprimió nada."
    )
    assert plan("Oficina", OFFICE, kind).roll is None


def _page(size: tuple[float, float], art: tuple[float, float, float, float] | None) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=size)
    if art is not None:
        c.setArtBox(art)
    c.drawString(art[0] if art else 0, size[1] - 30, "RECIBO R001-00000001")
    c.showPage()
    c.save()
    return out.getvalue()


def _boxes(pdf: bytes) -> list[tuple[float, float, float, float, float, float]]:
    """Each page: its size and its ink's box (/ArtBox), in mm, rounded to 0.1."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        m, a = page.mediabox, page.artbox
        values = (m.width, m.height, a.left, a.bottom, a.right, a.top)
        found.append(tuple(round(float(v) / mm, 1) for v in values))
    return found  # type: ignore[return-value]


def test_an_a5_page_sits_centred_at_full_size_on_a4() -> None:
    art = (10 * mm, 7 * mm, 138 * mm, 200 * mm)
    placed = place(_page(A5, art), ONLY_A4, "Oficina-A4", roll=False)
    assert (placed.media, placed.scale, placed.landscape) == ("A4", 1.0, False)
    # 31 mm to each side and 43.5 mm above and below: the page at 100 %
    assert _boxes(placed.pdf) == [(210.0, 297.0, 41.0, 50.5, 169.0, 243.5)]
    assert "RECIBO R001-00000001" in PdfReader(io.BytesIO(placed.pdf)).pages[0].extract_text()


def test_a_page_the_printer_has_and_prints_whole_goes_unchanged() -> None:
    original = _page(landscape(A4), (10 * mm, 7 * mm, 287 * mm, 200 * mm))
    placed = place(original, OFFICE, "Oficina", roll=False)
    assert (placed.pdf, placed.media, placed.landscape) == (original, "A4", True)


def test_ink_in_a_margin_is_moved_just_clear_of_it_never_shrunk() -> None:
    wide = Margins(15, 6, 3, 6)  # a driver that cannot print the first 15 mm
    paper = Paper((Sheet("A5", 148, 210, wide),))
    placed = place(_page(A5, (10 * mm, 7 * mm, 138 * mm, 200 * mm)), paper, "X", roll=False)
    assert placed.scale == 1.0
    assert _boxes(placed.pdf) == [(148.0, 210.0, 15.0, 7.0, 143.0, 200.0)]  # 5 mm right


def test_a4_on_letter_is_reduced_only_as_far_as_it_must_and_no_further_than_90_percent() -> None:
    placed = place(_page(A4, (12 * mm, 7 * mm, 198 * mm, 285 * mm)), LETTER, "Carta", roll=False)
    # 278 mm of ink on 270.9 mm of printable Letter: 97.5 %
    assert placed.media == "Letter" and round(placed.scale, 3) == 0.975
    with pytest.raises(PrintFailed) as refused:
        place(_page(A4, (1 * mm, 1 * mm, 209 * mm, 296 * mm)), Paper((ROLLS[1],)), "T", False)
    assert "ni reducida al 90 %" in refused.value.render("es")


def test_a_roll_page_goes_at_the_top_of_its_roll_and_runs_on_when_longer() -> None:
    roll = (80 * mm, 70 * mm)
    art = (4 * mm, 4 * mm, 76 * mm, 67 * mm)
    placed = place(_page(roll, art), FIXED, "Termica-80", roll=True)
    assert placed.media == "80x200mm" and not placed.landscape
    [(w, h, x0, _y0, x1, y1)] = _boxes(placed.pdf)
    assert (w, h, x0, x1) == (80.1, 200.0, 4.0, 76.0) and h - y1 == 3.0  # ink 3 mm from the top
    exact = place(_page(roll, art), CUSTOM, "Libre", roll=True)
    assert exact.media == "Custom.80x70mm" and exact.pdf
    short_rolls = Paper(ROLLS[:2])
    long_page = place(
        _page((80 * mm, 450 * mm), (4 * mm, 4 * mm, 76 * mm, 447 * mm)), short_rolls, "T", True
    )
    assert long_page.media == "80x297mm" and long_page.pages == 2  # never shrunk to fit
    on_a5 = place(_page(roll, art), OFFICE, "Oficina", roll=True)
    [(w, h, x0, _y0, x1, y1)] = _boxes(on_a5.pdf)
    assert (on_a5.media, w, h, x0, x1) == ("A5", 148.0, 210.0, 38.0, 110.0)  # at the top, upright
    assert round(h - y1, 1) == 4.2  # below the 12 pt margin, moved down 1.2 mm

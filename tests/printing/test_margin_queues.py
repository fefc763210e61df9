"""Printing on printers with hardware margins, through the real CUPS filters (pdftopdf, then
pdftoraster for the thermal drivers), by the path `coop print --printer` takes (no Qt):

- Termica-80-Margen: an 80 mm driver that prints only 4–76 mm; Termica-58-Margen: a 58 mm
  driver printing 5–53 mm. Both get 1-bit CUPS raster covering only what they print, as a
  thermal head does: a character outside that strip is lost. The ticket and the roll receipt
  must come out whole, at their size, upright, on the roll's own paper.
- Oficina-Margen: an office driver with 12 pt margins all round, getting pdftopdf's PDF: the
  A5 receipt and the statement must keep every character inside the margins, at its size.
Each check is made on what the printer received (scripts/cups-throwaway.sh's queues)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta

import pytest
from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from tests_support.clock import TODAY
from tests_support.printed import Area, inside, raster_matches, read_text, render
from tests_support.raster import read
from tests_support.users import open_signed_in

from coop_desktop.documents.layout import RollArea
from coop_desktop.documents.ticket import TicketRenderer
from coop_desktop.printing import cups, cups_paper
from coop_desktop.printing.failures import PrintFailed
from coop_desktop.printing.jobs import print_on
from coop_desktop.printing.placement import place
from coop_desktop.printing.plan import Plan
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.demo import load_demo
from coop_desktop.services.document_data import ticket
from coop_desktop.services.printouts import render as build_printout
from coop_desktop.storage.engine import Database

START = (TODAY.replace(day=1) - timedelta(days=40)).replace(day=1)
PERIOD = f"{START:%Y-%m}"
THERMAL = {"Termica-80-Margen": Area(4, 76), "Termica-58-Margen": Area(5, 53)}
OFFICE = "Oficina-Margen"
TWELVE_PT = 12 / 72 * 25.4


@pytest.fixture(scope="module")
def closed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp("margins")
    db = open_signed_in(str(folder / "coop.db"), backup_dir=folder / "backups")
    load_demo(db, members=2, days=31, start=START)
    close_period(db, PERIOD)
    yield db
    db.dispose()


class Printed:
    """A document printed by `print_on`, with what was built for the printer's plan."""

    def __init__(self, db: Database, kind: str, key: str, member: str = "") -> None:
        self.db, self.kind, self.key, self.member = db, kind, key, member
        self.pdf = b""
        self.plan: Plan | None = None

    def build(self, plan: Plan) -> tuple[bytes, str]:
        printout = build_printout(self.db, self.kind, self.key, self.member, roll=plan.roll)
        self.pdf, self.plan = printout.pdf, plan
        return printout.pdf, printout.title

    def on(self, cups_server, queue: str):  # type: ignore[no-untyped-def]
        before = cups_server.done(queue)
        pages = print_on(queue, self.kind, self.build)
        job = cups_server.job_after(queue, before)
        assert self.plan is not None
        placed = place(self.pdf, self.plan.paper, queue, roll=self.plan.roll is not None)
        assert pages == placed.pages
        return job, placed


@pytest.mark.parametrize("queue", list(THERMAL))
@pytest.mark.parametrize(
    ("kind", "key", "member", "words"),
    [
        ("ticket", "1", "", ("TICKET DE ENTREGA", "Firma del socio o huella")),
        ("receipt", PERIOD, "S0001", ("NETO A PAGAR", "Huella digital", "Tesorero(a)")),
    ],
)
def test_a_thermal_driver_printing_less_than_the_roll_gets_the_whole_document(
    cups_server, closed: Database, queue: str, kind: str, key: str, member: str, words: tuple
) -> None:  # type: ignore[no-untyped-def]
    area = THERMAL[queue]
    printed = Printed(closed, kind, key, member)
    job, placed = printed.on(cups_server, queue)
    assert printed.plan is not None and printed.plan.roll is not None
    roll = printed.plan.roll
    assert (roll.left, roll.printable) == (area.left, area.right - area.left)  # laid out in it
    [page] = read(job.data)
    width = 80 if queue == "Termica-80-Margen" else 58
    assert page.size_name.startswith(f"{width}x") and page.height > page.width  # never turned
    assert job.options["PageSize"] == placed.sheet.key.split("_")[1]  # type: ignore[union-attr]
    [expected] = render(placed.pdf, page.dpi)
    raster_matches(page, expected, area)  # every dot of the document, inside 4–76 / 5–53 mm
    text = read_text(placed.pdf)
    inside(text, area)
    assert min(text.sizes()) >= 8  # nothing under 8 pt on a thermal head
    assert [w for w in words if w not in text.text] == []


@pytest.mark.parametrize(
    ("kind", "member", "media", "size"),
    [("receipt", "S0002", "A5", (148, 210)), ("statement", "S0001", "A4", (210, 297))],
)
def test_an_office_driver_with_12_pt_margins_keeps_every_character(
    cups_server, closed: Database, kind: str, member: str, media: str, size: tuple
) -> None:  # type: ignore[no-untyped-def]
    printed = Printed(closed, kind, PERIOD, member)
    job, _placed = printed.on(cups_server, OFFICE)
    assert job.options["PageSize"] == media
    received = read_text(job.data)  # what pdftopdf passed on to the printer
    sent = read_text(printed.pdf)
    assert [(round(w * 25.4 / 72), round(h * 25.4 / 72)) for w, h, _ in received.pages] == [
        size
    ] * len(sent.pages)
    width, height = size
    inside(received, Area(TWELVE_PT, width - TWELVE_PT, TWELVE_PT, TWELVE_PT))
    assert received.sizes() == sent.sizes()  # every character at its own size
    assert received.count() == sent.count()  # and every one of them there
    for image in render(job.data, 100):
        x0, y0, x1, y1 = (v / 100 * 25.4 for v in image.point(lambda v: v < 160 and 255).getbbox())
        assert x0 >= TWELVE_PT and y0 >= TWELVE_PT
        assert x1 <= width - TWELVE_PT and y1 <= height - TWELVE_PT


@pytest.mark.parametrize("kind", ["statement", "payroll"])
def test_documents_that_need_sheets_are_refused_on_a_roll_printer_in_words(
    cups_server, closed: Database, kind: str
) -> None:  # type: ignore[no-untyped-def]
    before = cups_server.done("Termica-80-Margen")
    printed = Printed(closed, kind, PERIOD, "S0001")
    with pytest.raises(PrintFailed) as refused:
        print_on("Termica-80-Margen", kind, printed.build)
    assert "Elija una impresora de hojas A4/A5" in refused.value.render("es")
    assert printed.plan is None  # refused before anything was built
    assert cups_server.done("Termica-80-Margen") == before  # and nothing sent


def test_a_ticket_laid_out_edge_to_edge_loses_its_edges_there(
    cups_server, closed: Database
) -> None:  # type: ignore[no-untyped-def]
    """What the check above would see if the layout ignored the printer: the old ticket,
    2–78 mm wide, sent to the 4–76 mm driver as it is."""
    queue = "Termica-80-Margen"
    doc = ticket(closed, 1, record=False)
    wide = TicketRenderer(RollArea(80, 2, 76)).render(doc)
    paper = cups_paper.paper(queue)
    placed = place(TicketRenderer(80).render(doc), paper, queue, roll=True)  # the 80x200 sheet
    page = PdfReader(io.BytesIO(wide)).pages[0]
    sheet = PageObject.create_blank_page(width=80 * 72 / 25.4, height=200 * 72 / 25.4)
    sheet.merge_transformed_page(
        page, Transformation().translate(0, sheet.mediabox.height - page.mediabox.height)
    )
    writer = PdfWriter()
    writer.add_page(sheet)
    out = io.BytesIO()
    writer.write(out)
    before = cups_server.done(queue)
    cups.submit(queue, out.getvalue(), "ancho", {"media": placed.media})
    job = cups_server.job_after(queue, before)
    [received] = read(job.data)
    [expected] = render(out.getvalue(), received.dpi)
    with pytest.raises(AssertionError, match="the printer prints 4–76 mm"):
        raster_matches(received, expected, THERMAL[queue])

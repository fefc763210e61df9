"""Printing from the window on real CUPS queues (a private cupsd started for the tests, see
conftest), through the real filters: what each printer receives is read back from the folder
its backend writes to.

- the ticket is the one ReportLab ticket, at the top of the roll's own paper (80 x 200 mm on
  the fixed-roll driver, exactly its length on the custom-size one), never turned;
- a statement goes as a PDF with its text, well under 1 MB; an A5 receipt stays A5 (or sits
  centred at full size on A4 when the printer has no A5); the landscape payroll stays
  landscape;
- the QPrinter path (what Windows does, COOP_PRINT_PATH=qt) works on drivers with hardware
  margins (an 80 mm one printing 4–76 mm, a 58 mm one printing 5–53 mm, an office one with 12 pt
  margins): the paper is accepted, every character comes out inside what the printer prints,
  at its own size, upright, and as text.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests_support.clock import TODAY
from tests_support.printed import (
    Area,
    inside,
    poppler_text,
    raster_matches,
    read_text,
    render,
)
from tests_support.raster import read
from tests_support.users import open_signed_in

from coop_desktop.documents.content import Header, MemberBlock, TicketDoc
from coop_desktop.printing.placement import place
from coop_desktop.printing.plan import Plan
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.demo import load_demo
from coop_desktop.services.printouts import render as build_printout
from coop_desktop.storage.engine import Database
from ui.printing.dispatch import print_now
from ui.printing.ticket_printer import print_ticket

MM = 72 / 25.4
START = (TODAY.replace(day=1) - timedelta(days=40)).replace(day=1)
PERIOD = f"{START:%Y-%m}"
TWELVE_PT = 12 / MM
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
)


@pytest.fixture(scope="module")
def closed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp("closed")
    db = open_signed_in(str(folder / "coop.db"), backup_dir=folder / "backups")
    load_demo(db, members=3, days=31, start=START)
    close_period(db, PERIOD)
    yield db
    db.dispose()


def pages_mm(data: bytes) -> list[tuple[int, int]]:
    return [
        (round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM))
        for p in PdfReader(io.BytesIO(data)).pages
    ]


def top_text_mm(data: bytes) -> float:
    """How far below the top edge the first line of text sits (its top), in mm."""
    [(_w, _h, chars), *_] = read_text(data).pages
    return min(c["top"] for c in chars) / MM


def text(data: bytes) -> str:
    return read_text(data).text


class Built:
    """What was built for the printer's plan, to compare the paper with."""

    def __init__(self, db: Database, kind: str, key: str = PERIOD, member: str = "") -> None:
        self.db, self.kind, self.key, self.member = db, kind, key, member
        self.pdf, self.plan, self.title = b"", None, ""

    def __call__(self, plan: Plan) -> tuple[bytes, str]:
        printout = build_printout(self.db, self.kind, self.key, self.member, roll=plan.roll)
        self.pdf, self.plan, self.title = printout.pdf, plan, printout.title
        return printout.pdf, printout.title

    def placed(self) -> bytes:
        assert self.plan is not None
        queue = self.plan.printer
        return place(self.pdf, self.plan.paper, queue, roll=self.plan.roll is not None).pdf


def send(cups_server, queue: str, built: Built):  # type: ignore[no-untyped-def]
    before = cups_server.done(queue)
    pages = print_now(queue, built.kind, built)
    job = cups_server.job_after(queue, before)
    return job, pages


@pytest.mark.parametrize("path", ["cups", "qt"])
def test_the_ticket_goes_at_the_top_of_the_shortest_roll_that_holds_it(
    qapp, cups_server, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COOP_PRINT_PATH", path)
    before = cups_server.done("Termica-80")
    # 58 mm in Configuración, but the driver says its roll is 80 mm: the roll wins
    assert print_ticket(TICKET, "Termica-80", 58) == "Termica-80"
    job = cups_server.job_after("Termica-80", before)
    assert job.options["PageSize"] == "80x200mm"
    assert pages_mm(job.data) == [(80, 200)]
    assert top_text_mm(job.data) < 5  # the ticket starts at the top of the roll
    assert "TICKET DE ENTREGA T001-00000042" in text(job.data)
    assert "Ñusta Mamani Quispe" in text(job.data)


def test_a_custom_size_driver_uses_only_the_paper_it_needs(qapp, cups_server) -> None:  # type: ignore[no-untyped-def]
    before = cups_server.done("Termica-80-Libre")
    print_ticket(TICKET, "Termica-80-Libre", 80)
    job = cups_server.job_after("Termica-80-Libre", before)
    [(width, length)] = pages_mm(job.data)
    assert width == 80 and 40 < length < 100
    assert job.options["PageSize"].startswith("Custom.")
    assert top_text_mm(job.data) < 5


def test_a_statement_goes_as_text_under_one_megabyte(qapp, cups_server, closed: Database) -> None:  # type: ignore[no-untyped-def]
    built = Built(closed, "statement", member="S0001")
    job, pages = send(cups_server, "Oficina-PDF", built)
    assert job.options["PageSize"] == "A4" and job.title == built.title
    assert len(job.data) < 1_000_000 and len(pages_mm(job.data)) == pages
    assert "ESTADO DE CUENTA" in text(job.data)


@pytest.mark.parametrize(("queue", "media"), [("Oficina-PDF", "A5"), ("Oficina-A4", "A4")])
def test_an_a5_receipt_stays_a5_or_sits_centred_on_a4(
    qapp, cups_server, closed: Database, queue: str, media: str
) -> None:  # type: ignore[no-untyped-def]
    built = Built(closed, "receipt", member="S0002")
    job, _pages = send(cups_server, queue, built)
    assert pages_mm(built.pdf) == [(148, 210)]
    assert job.options["PageSize"] == media
    assert pages_mm(job.data) == [(148, 210) if media == "A5" else (210, 297)]
    # at 100 %: the text sits as far from the top as on the A5 page, plus the centring
    shift = 0 if media == "A5" else (297 - 210) / 2
    assert abs(top_text_mm(job.data) - top_text_mm(built.pdf) - shift) < 0.5
    assert read_text(job.data).sizes() == read_text(built.pdf).sizes()


@pytest.mark.parametrize("path", ["cups", "qt"])
def test_the_landscape_payroll_stays_landscape(
    qapp, cups_server, closed: Database, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COOP_PRINT_PATH", path)
    built = Built(closed, "payroll")
    job, pages = send(cups_server, "Oficina-PDF", built)
    assert job.options["PageSize"] == "A4"
    received, sent = read_text(job.data), read_text(built.pdf)
    # pdftopdf turns the landscape page as a whole onto the A4 sheet fed upright
    assert len(received.pages) == pages
    assert [tuple(sorted(size)) for size in pages_mm(job.data)] == [(210, 297)] * pages
    turns = {tuple((v > 0) - (v < 0) for v in c["matrix"][:4]) for c in received.letters()}
    assert len(turns) == 1 and turns.pop() in ((0, 1, -1, 0), (0, -1, 1, 0))
    assert received.sizes() == sent.sizes() and received.count() == sent.count()
    assert "PLANILLA DE PAGO" in poppler_text(job.data)


THERMAL = {"Termica-80-Margen": Area(4, 76), "Termica-58-Margen": Area(5, 53)}


@pytest.mark.parametrize(
    ("queue", "kind", "member"),
    [("Termica-80-Margen", "ticket", ""), ("Termica-58-Margen", "receipt", "S0001")],
)
def test_the_qprinter_path_prints_inside_a_thermal_driver_s_margins(
    qapp, cups_server, closed: Database, monkeypatch: pytest.MonkeyPatch, queue, kind, member
) -> None:  # type: ignore[no-untyped-def]
    """Windows' path: the driver's own minimum margins are accepted (Qt refused a layout
    without them), the page is drawn from the sheet's corner, nothing leaves 4–76 / 5–53 mm."""
    monkeypatch.setenv("COOP_PRINT_PATH", "qt")
    built = Built(closed, kind, "1" if kind == "ticket" else PERIOD, member)
    job, _pages = send(cups_server, queue, built)
    [page] = read(job.data)
    assert page.height > page.width and page.size_name == job.options["PageSize"]
    [expected] = render(built.placed(), page.dpi)
    raster_matches(page, expected, THERMAL[queue])


@pytest.mark.parametrize(
    ("kind", "member", "size"),
    [("receipt", "S0003", (148, 210)), ("statement", "S0001", (210, 297))],
)
def test_the_qprinter_path_keeps_text_as_text_inside_12_pt_margins(
    qapp, cups_server, closed: Database, monkeypatch: pytest.MonkeyPatch, kind, member, size
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COOP_PRINT_PATH", "qt")
    built = Built(closed, kind, member=member)
    job, pages = send(cups_server, "Oficina-Margen", built)
    received, sent = read_text(job.data), read_text(built.pdf)
    assert len(received.pages) == pages == len(sent.pages)
    assert pages_mm(job.data) == [size] * pages
    width, _height = size
    inside(received, Area(TWELVE_PT, width - TWELVE_PT, TWELVE_PT, TWELVE_PT))
    assert received.sizes() == sent.sizes()  # text, at its own size: not a picture
    assert received.count() == sent.count()
    assert not any(PdfReader(io.BytesIO(job.data)).pages[0].images)
    assert len(job.data) < 400_000 * pages


def test_a_pdf_file_printer_gets_the_ticket_at_its_own_size(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "ticket.pdf"
    print_ticket(TICKET, "", 58, str(target))
    [(width, length)] = pages_mm(target.read_bytes())
    assert width == 58 and 40 < length < 120

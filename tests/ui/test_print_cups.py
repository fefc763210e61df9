"""Printing on real CUPS queues (a private cupsd started for the tests, see conftest): what
each printer receives is read back from the folder its backend writes to.

- a ticket on the fixed-roll 80 mm driver is an 80 x 200 mm job with the text at the top;
  on the custom-size driver it is exactly as long as the ticket;
- a statement goes as a PDF with its text, well under 1 MB; an A5 receipt stays A5 (or sits
  centred at full size on A4 when the printer has no A5); the landscape payroll stays
  landscape;
- the QPrinter path (what Windows does) keeps the sizes and draws pages at <= 300 dpi.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests_support.clock import TODAY
from tests_support.users import open_signed_in

from coop_desktop.documents.content import Header, MemberBlock, TicketDoc
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.demo import load_demo
from coop_desktop.services.printouts import render
from coop_desktop.storage.engine import Database
from ui.printing.pdf_print import print_to, send_pdf
from ui.printing.printers import paper_of
from ui.printing.ticket_printer import print_ticket

MM = 72 / 25.4
START = (TODAY.replace(day=1) - timedelta(days=40)).replace(day=1)
PERIOD = f"{START:%Y-%m}"
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
def closed(tmp_path_factory: pytest.TempPathFactory) -> Database:
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
    """How far below the top edge the first line of text sits (its baseline), in mm."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    ys: list[float] = []
    page.extract_text(
        visitor_text=lambda t, cm, tm, *_: ys.append(tm[5] * cm[3] + cm[5]) if t.strip() else None
    )
    return (float(page.mediabox.height) - max(ys)) / MM


def text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_ticket_on_the_fixed_roll_driver_is_80_by_200_with_the_text_on_top(
    qapp, cups_server
) -> None:  # type: ignore[no-untyped-def]
    before = cups_server.done("Termica-80")
    assert print_ticket(TICKET, "Termica-80", 80) == "Termica-80"
    job = cups_server.job_after("Termica-80", before)
    assert job.options["media"] == "80x200mm"
    assert pages_mm(job.data) == [(80, 200)]
    assert top_text_mm(job.data) < 8  # the ticket starts at the top of the roll
    assert "TICKET DE ENTREGA T001-00000042" in text(job.data)
    assert "Ñusta Mamani Quispe" in text(job.data)


def test_ticket_on_a_custom_size_driver_uses_only_the_paper_it_needs(qapp, cups_server) -> None:  # type: ignore[no-untyped-def]
    before = cups_server.done("Termica-80-Libre")
    print_ticket(TICKET, "Termica-80-Libre", 80)
    job = cups_server.job_after("Termica-80-Libre", before)
    [(width, length)] = pages_mm(job.data)
    assert width == 80 and 40 < length < 100
    assert job.options["media"] == f"Custom.80x{length}mm"
    assert top_text_mm(job.data) < 8


def test_the_qprinter_path_asks_for_the_roll_size_too(
    qapp, cups_server, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COOP_PRINT_PATH", "qt")  # what Windows does
    before = cups_server.done("Termica-80")
    print_ticket(TICKET, "Termica-80", 58)
    job = cups_server.job_after("Termica-80", before)
    assert job.options["media"] == "80x200mm"
    assert pages_mm(job.data) == [(80, 200)]
    assert top_text_mm(job.data) < 8


def test_a_statement_goes_as_text_under_one_megabyte(qapp, cups_server, closed: Database) -> None:  # type: ignore[no-untyped-def]
    statement = render(closed, "statement", PERIOD, "S0001")
    before = cups_server.done("Oficina-PDF")
    pages = send_pdf("Oficina-PDF", statement.pdf, statement.title, paper_of("Oficina-PDF"))
    job = cups_server.job_after("Oficina-PDF", before)
    assert job.options["media"] == "A4" and job.title == statement.title
    assert len(job.data) < 1_000_000 and len(pages_mm(job.data)) == pages
    assert "ESTADO DE CUENTA" in text(job.data).upper()


@pytest.mark.parametrize(("queue", "media"), [("Oficina-PDF", "A5"), ("Oficina-A4", "A4")])
def test_an_a5_receipt_stays_a5_or_sits_centred_on_a4(
    qapp, cups_server, closed: Database, queue: str, media: str
) -> None:  # type: ignore[no-untyped-def]
    receipt = render(closed, "receipt", PERIOD, "S0002")
    assert pages_mm(receipt.pdf) == [(148, 210)]
    before = cups_server.done(queue)
    send_pdf(queue, receipt.pdf, receipt.title, paper_of(queue))
    job = cups_server.job_after(queue, before)
    assert job.options["media"] == media
    assert pages_mm(job.data) == [(148, 210) if media == "A5" else (210, 297)]
    # at 100 %: the text sits as far from the top as on the A5 page, plus the centring
    shift = 0 if media == "A5" else (297 - 210) / 2
    assert abs(top_text_mm(job.data) - top_text_mm(receipt.pdf) - shift) < 0.5
    assert receipt.number in text(job.data)


def test_the_landscape_payroll_stays_landscape(qapp, cups_server, closed: Database) -> None:  # type: ignore[no-untyped-def]
    payroll = render(closed, "payroll", PERIOD)
    before = cups_server.done("Oficina-PDF")
    send_pdf("Oficina-PDF", payroll.pdf, payroll.title, paper_of("Oficina-PDF"))
    job = cups_server.job_after("Oficina-PDF", before)
    assert job.options["media"] == "A4"
    assert set(pages_mm(job.data)) == {(297, 210)}
    assert "PLANILLA" in text(job.data).upper()


def test_the_qprinter_path_keeps_sizes_and_caps_the_pictures(
    qapp, cups_server, closed: Database, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """What Windows does, through Qt's own CUPS engine here: the A5 receipt is asked for
    as A5 and the payroll as landscape A4; each page is a grey picture of at most 300 dpi."""
    from PySide6.QtPrintSupport import QPrinter

    monkeypatch.setenv("COOP_PRINT_PATH", "qt")
    for kind, member, media, size in (
        ("receipt", "S0003", "A5", (148, 210)),
        ("payroll", "", "A4", (297, 210)),
    ):
        printout = render(closed, kind, PERIOD, member)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName("Oficina-PDF")
        before = cups_server.done("Oficina-PDF")
        sent = print_to(printer, printout.pdf, paper_of("Oficina-PDF"))
        job = cups_server.job_after("Oficina-PDF", before)
        assert job.options["media"] == media
        assert set(pages_mm(job.data)) == {size} and len(pages_mm(job.data)) == sent
        reader = PdfReader(io.BytesIO(job.data))
        for image in reader.pages[0].images:
            assert image.image.width <= 300 / 25.4 * max(size) + 2
        assert len(job.data) < 3_000_000 * sent


def test_a_pdf_file_printer_gets_the_ticket_at_its_own_size(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "ticket.pdf"
    print_ticket(TICKET, "", 58, str(target))
    [(width, length)] = pages_mm(target.read_bytes())
    assert width == 58 and 40 < length < 120

"""Print a delivery ticket and a statement through the program's Windows path (QPrinter, the
driver's own margins, pages drawn as text and lines) on a printer that writes a PDF, then read
their text back: `python scripts/windows_print_check.py --printer "Microsoft Print to PDF"
--out FOLDER`. The windows workflow runs it (.github/workflows/windows.yml).

The printer is asked for its paper as every print asks (ui/printing/printers.qt_paper), the
layout is chosen for it and the pages placed inside what it prints (ui/printing/dispatch.py),
then drawn with ui/printing/pdf_print.print_to into a file instead of the spooler's dialog
("Microsoft Print to PDF" asks where to save unless the job names a file). The ticket must
come out upright at the top of its sheet with every word; the statement with its member,
amounts and net. Exit code 1 and the reason when anything is missing.

Without --printer the same steps run on Qt's own PDF writer (any platform): how the test suite
runs this script (tests/ui/test_windows_print_check.py)."""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "Prueba-de-impresion-2026"


def closed_month(folder: Path) -> tuple[object, str]:
    """A database with a month of demo deliveries, closed; returns it and the period."""
    from coop_desktop.core import clock
    from coop_desktop.services.association import create_association
    from coop_desktop.services.auth import create_first_admin, sign_in
    from coop_desktop.services.closeout.closing import close_period
    from coop_desktop.services.demo import load_demo
    from coop_desktop.storage.connect import open_database

    clock.fix(datetime(2026, 11, 27, 10))
    db = open_database(str(folder / "coop.db"), create=True, backup_dir=folder / "backups")
    create_first_admin(db, "admin", PASSWORD)
    sign_in(db, "admin", PASSWORD, for_command=True)
    create_association(db, "Asociación de Productores Lecheros Huaychani", "20131312955")
    load_demo(db, members=2, days=10, start=date(2026, 10, 1))
    close_period(db, "2026-10")
    return db, "2026-10"


def print_one(db: object, printer_name: str, kind: str, key: str, member: str, out: Path) -> bytes:
    """One document through the Windows path; returns the PDF the printer wrote."""
    from PySide6.QtPrintSupport import QPrinter

    from coop_desktop.printing.paper import Paper
    from coop_desktop.printing.plan import plan
    from coop_desktop.services.printouts import render
    from ui.printing.dispatch import build_and_place
    from ui.printing.pdf_print import print_to
    from ui.printing.printers import qt_paper

    paper = qt_paper(printer_name) if printer_name else Paper(())
    chosen = plan(printer_name or "PDF", paper, kind)
    printout = render(db, kind, key, member, roll=chosen.roll)  # type: ignore[arg-type]
    ready = build_and_place(chosen, printout.pdf, printout.title)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name:
        printer.setPrinterName(printer_name)
        assert printer.printerName() == printer_name, f"no printer {printer_name}"
        target = out / f"{kind}.printed"  # not .pdf: Qt would write the PDF itself
        printer.setOutputFileName(str(target))  # the driver writes there, no dialog
    else:
        target = out / f"{kind}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
    printer.setDocName(printout.title)
    pages = print_to(printer, ready.placed)
    assert pages == ready.placed.pages
    deadline = time.monotonic() + 120  # the spooler writes the file after the job is queued
    while time.monotonic() < deadline:
        try:
            if target.read_bytes().rstrip().endswith(b"%%EOF"):
                break
        except OSError:  # not there yet, or still held by the spooler
            pass
        time.sleep(0.5)
    return target.read_bytes()


def text_of(pdf: bytes) -> tuple[str, list[tuple[float, float]], int, int]:
    """The text, the page sizes (mm), how many pictures the pages carry and how many runs of
    text are turned (not upright on the page)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    turned = 0

    def visit(text: str, cm: list[float], tm: list[float], *_rest: object) -> None:
        nonlocal turned
        a = tm[0] * cm[0] + tm[1] * cm[2]
        b = tm[0] * cm[1] + tm[1] * cm[3]
        if text.strip() and (abs(b) > abs(a) or a < 0):
            turned += 1

    words = " ".join(
        " ".join((p.extract_text(visitor_text=visit) or "").split()) for p in reader.pages
    )
    sizes = [
        (float(p.mediabox.width) / 72 * 25.4, float(p.mediabox.height) / 72 * 25.4)
        for p in reader.pages
    ]
    pictures = sum(len(p.images) for p in reader.pages)
    return words, sizes, pictures, turned


def check(db: object, period: str, printer: str, out: Path) -> list[str]:
    """What is missing from the printed ticket and statement (empty: all there)."""
    from coop_desktop.services.settlements import settlement_for

    problems = []
    settled = settlement_for(db, "S0001", period)  # type: ignore[arg-type]
    expected = {
        "ticket": ("1", "", ["TICKET DE ENTREGA", "Firma del socio o huella", "S0001"]),
        "statement": (
            period,
            "S0001",
            ["ESTADO DE CUENTA", settled.member_name, f"S/ {settled.net:,.2f}", "Deuda que pasa"],
        ),
    }
    for kind, (key, member, words) in expected.items():
        pdf = print_one(db, printer, kind, key, member, out)
        said, sizes, pictures, turned = text_of(pdf)
        missing = [w for w in words if w not in said]
        if missing:
            problems.append(f"{kind}: missing {missing} in {said[:300]!r}")
        if pictures:
            problems.append(f"{kind}: {pictures} pictures: the pages went as images")
        if turned:
            problems.append(f"{kind}: {turned} runs of text are turned")
        print(f"{kind}: {len(sizes)} page(s) {sizes}, {len(said)} characters of text")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--printer", default="", help="a printer that writes PDF files")
    parser.add_argument("--out", default="", help="folder for the printed files")
    args = parser.parse_args(argv)
    from ui.printing.pdf_fonts import prefer_native_text

    prefer_native_text()  # before the QApplication: as the program starts
    os.environ.setdefault("COOP_PRINT_PATH", "qt")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    out = Path(args.out or tempfile.mkdtemp(prefix="coop-print-"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="coop-print-db-") as folder:
        db, period = closed_month(Path(folder))
        try:
            problems = check(db, period, args.printer, out)
        finally:
            db.dispose()  # type: ignore[attr-defined]
    for problem in problems:
        print("FAIL", problem)
    print("print check:", "FAIL" if problems else "ok", f"(files in {out})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""The pictures of docs/printing.md, made the way a treasurer would see them: Configuración →
Impresoras and the printer chooser at 1366×768 with the test printers installed, and what a
thermal head prints, read back from the CUPS raster its driver received (an 80 mm driver that
prints 4–76 mm, a 58 mm one that prints 5–53 mm) through the real filters:

    python scripts/printing_pictures.py docs/img     # needs cupsd, cups-filters, pdftoppm

Files: printing-settings.png, printing-chooser.png, printing-ticket80.png,
printing-ticket58.png, printing-test80.png, printing-cut.png (a ticket laid out for the whole
roll, as printed by a driver that prints 4–76 mm: what a cut-off ticket looks like)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
PASSWORD = "Fotos-de-impresion-2026"


def wait_job(out: Path, before: set[Path]) -> bytes:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        new = set(out.glob("*.done")) - before
        if new:
            return new.pop().with_suffix(".data").read_bytes()
        time.sleep(0.05)
    raise SystemExit("no job reached the test printer")


def save_raster(data: bytes, target: Path, area_mm: tuple[float, float]) -> None:
    """The raster on the whole roll's width, the strip the driver does not print in grey."""
    from PIL import Image, ImageDraw
    from tests_support.raster import read

    [page] = read(data)
    printed = page.image().convert("RGB")
    dots = round(page.page_points[0] / 72 * page.dpi)
    ink = page.ink()
    height = min(page.height, (ink[3] if ink else page.height) + 60)
    roll = Image.new("RGB", (dots, height), "white")
    left = round(area_mm[0] / 25.4 * page.dpi)
    roll.paste(printed.crop((0, 0, page.width, height)), (left, 0))
    draw = ImageDraw.Draw(roll)
    for x0, x1 in ((0, left), (left + page.width, dots)):
        draw.rectangle((x0, 0, x1 - 1, height), fill=(215, 215, 215))
    framed = Image.new("RGB", (dots + 2, height + 2), (120, 120, 120))
    framed.paste(roll, (1, 1))
    framed.save(target)
    print(target)


def main(target: Path) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog

    target.mkdir(parents=True, exist_ok=True)
    cups_dir = Path(tempfile.mkdtemp(prefix="coop-cups-"))
    cups_dir.chmod(0o755)  # as root, cupsd runs the filters as lp
    script = ROOT / "scripts" / "cups-throwaway.sh"
    subprocess.run(["bash", str(script), "start", str(cups_dir)], check=True, capture_output=True)
    os.environ["CUPS_SERVER"] = str(cups_dir / "cups.sock")
    out = cups_dir / "out"
    work = Path(tempfile.mkdtemp(prefix="coop-pictures-"))
    try:
        from PySide6.QtCore import QSettings

        from coop_desktop.core import clock
        from coop_desktop.documents.layout import RollArea
        from coop_desktop.documents.ticket import TicketRenderer
        from coop_desktop.printing import cups, cups_paper
        from coop_desktop.printing.placement import place
        from coop_desktop.services.association import create_association
        from coop_desktop.services.auth import create_first_admin, sign_in
        from coop_desktop.services.demo import load_demo
        from coop_desktop.services.document_data import ticket
        from coop_desktop.storage.connect import open_database
        from ui.main_window import ui_settings
        from ui.printing.ticket_printer import print_sample_ticket, print_ticket

        clock.fix(datetime(2026, 11, 27, 10))
        # this PC's own settings stay untouched: the pictures' settings live in `work`
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
        app = QApplication.instance() or QApplication(sys.argv[:1])
        db = open_database(str(work / "coop.db"), create=True, backup_dir=work / "backups")
        create_first_admin(db, "admin", PASSWORD)
        sign_in(db, "admin", PASSWORD, for_command=True)
        create_association(db, "Asociación de Productores Lecheros Huaychani", "20131312955")
        load_demo(db, members=3, days=5, start=date(2026, 11, 2))
        doc = ticket(db, 1, record=False)
        shots = (
            ("Termica-80-Margen", "printing-ticket80.png", (4, 76), doc, False),
            ("Termica-58-Margen", "printing-ticket58.png", (5, 53), doc, False),
            ("Termica-80-Margen", "printing-test80.png", (4, 76), None, False),
            ("Termica-80-Margen", "printing-cut.png", (4, 76), doc, True),
        )
        for queue, name, area, what, cut in shots:
            before = set(out.glob("*.done"))
            if cut:  # laid out 2–78 mm, as if the printer printed the whole roll
                wide = TicketRenderer(RollArea(80, 2, 76)).render(what)  # type: ignore[arg-type]
                from pypdf import PageObject, PdfReader, PdfWriter, Transformation

                page = PdfReader(io.BytesIO(wide)).pages[0]
                paper = cups_paper.paper(queue)
                sheet = place(TicketRenderer(80).render(what), paper, queue, roll=True)  # type: ignore[arg-type]
                blank = PageObject.create_blank_page(width=80 * 72 / 25.4, height=200 * 72 / 25.4)
                blank.merge_transformed_page(
                    page,
                    Transformation().translate(0, blank.mediabox.height - page.mediabox.height),
                )
                writer = PdfWriter()
                writer.add_page(blank)
                data = io.BytesIO()
                writer.write(data)
                cups.submit(queue, data.getvalue(), "cortado", {"media": sheet.media})
            elif what is None:
                print_sample_ticket(queue, 80)
            else:
                print_ticket(what, queue, 80)
            save_raster(wait_job(out, before), target / name, area)

        from ui.admin.settings_view import SettingsView

        settings = ui_settings()
        settings.setValue("printing/ticket_printer", "Termica-80-Margen")
        settings.setValue("printing/document_printer", "Oficina-Margen")
        view = SettingsView(db)
        view.resize(1366, 768)
        view.show()
        view.printers.status.setText("Ticket de prueba enviado a Termica-80-Margen.")
        for _ in range(20):
            app.processEvents()
            time.sleep(0.02)
        view.grab().save(str(target / "printing-settings.png"))
        print(target / "printing-settings.png")

        from ui.printing.print_jobs import choose_printer

        def grab_chooser() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, QInputDialog)
            combo = dialog.findChild(QComboBox)
            dialog.resize(520, dialog.height())
            combo.showPopup()
            for _ in range(10):
                app.processEvents()
                time.sleep(0.02)
            picture = dialog.grab()
            popup = combo.view().window().grab()
            from PySide6.QtGui import QPainter, QPixmap

            both = QPixmap(max(picture.width(), popup.width()), picture.height() + popup.height())
            both.fill()
            painter = QPainter(both)
            painter.drawPixmap(0, 0, picture)
            painter.drawPixmap(0, picture.height(), popup)
            painter.end()
            both.save(str(target / "printing-chooser.png"))
            print(target / "printing-chooser.png")
            combo.hidePopup()
            dialog.reject()

        QTimer.singleShot(300, grab_chooser)
        choose_printer(view, "Oficina-Margen", "receipt")
        view.close()
        db.dispose()
    finally:
        subprocess.run(["bash", str(script), "stop", str(cups_dir)], capture_output=True)
        shutil.rmtree(cups_dir, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img")))

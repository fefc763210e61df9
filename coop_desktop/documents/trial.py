"""The test page of a document printer: one A4 page with a frame drawn 10 mm inside the
edges, a 100 mm ruler and a few lines of Spanish text, so the treasurer sees at a glance that
the page came out at full size, the right way up and with every letter."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from coop_desktop.documents import fonts


def trial_page_pdf(lines: list[str]) -> bytes:
    fonts.register()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=True)
    c.setTitle(lines[0] if lines else "Prueba")
    width, height = A4
    c.setArtBox((10 * mm - 1, 10 * mm - 1, width - 10 * mm + 1, height - 10 * mm + 1))
    c.setLineWidth(0.5)
    c.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    c.setFont(fonts.BOLD, 16)
    y = height - 30 * mm
    for i, line in enumerate(lines):
        c.drawString(20 * mm, y, line)
        c.setFont(fonts.REGULAR, 11)
        y -= (10 if i == 0 else 7) * mm
    c.setFont(fonts.REGULAR, 8)
    c.line(20 * mm, y, 120 * mm, y)
    for tick in range(11):
        x = (20 + tick * 10) * mm
        c.line(x, y, x, y + (3 if tick % 5 else 5) * mm)
    c.drawString(20 * mm, y - 5 * mm, "0")
    c.drawString(118 * mm, y - 5 * mm, "100 mm")
    c.showPage()
    c.save()
    return out.getvalue()

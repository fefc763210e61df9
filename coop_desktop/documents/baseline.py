"""The speed yardstick for statements: the same text drawn with plain canvas calls (no tables,
no flowables, no page count), as fast as ReportLab can put words on a page."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from coop_desktop.documents import fonts
from coop_desktop.documents.content import StatementDoc
from coop_desktop.language import formatting as fmt


def plain_statement(s: StatementDoc) -> bytes:
    fonts.register()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    y = A4[1] - 15 * mm

    def line(*cells: str) -> None:
        nonlocal y
        if y < 20 * mm:
            c.showPage()
            y = A4[1] - 15 * mm
        c.setFont(fonts.CONDENSED, 8)
        x = 12 * mm
        for cell in cells:
            c.drawString(x, y, cell)
            x += 30 * mm
        y -= 10.5

    line(s.header.name, s.member.name, s.period)
    for ln in s.lines:
        line(
            fmt.day(ln.day),
            ln.shift,
            fmt.quantity(ln.litres),
            fmt.quantity(ln.kg),
            ln.quality,
            fmt.unit_price(ln.unit_price),
            fmt.amount(ln.amount),
        )
    for q in s.quality:
        line(q.label, q.value, q.reference, q.previous)
    for f in s.factors:
        line(f.label, fmt.amount(f.amount))
    for b in s.better:
        line(b)
    for d in s.money.debits:
        line(d.label, fmt.amount(d.due), fmt.amount(d.applied), fmt.amount(d.pending))
    line("NETO", fmt.amount(s.net))
    c.showPage()
    c.save()
    return out.getvalue()


class PlainStatementRenderer:
    def render(self, s: StatementDoc) -> bytes:
        return plain_statement(s)

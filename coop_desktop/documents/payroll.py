"""The association's payroll (planilla de pago): one row per member, repeated headers,
totals, a signature column and "Página x de y"."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from coop_desktop.documents import fonts
from coop_desktop.documents.dto import PayrollDoc
from coop_desktop.documents.layout import build, grid, header_block, p, tr
from coop_desktop.documents.text import day, grouped
from coop_desktop.numbers import ZERO, ZERO_MONEY


class PayrollRenderer:
    def __init__(self, invariant: bool = False) -> None:
        self.invariant = invariant

    def render(self, doc: PayrollDoc) -> bytes:
        lang = doc.header.lang
        page = landscape(A4)
        width = page[0] - 24 * mm
        title = tr(lang, "PLANILLA DE PAGO", "PAYROLL")
        subtitle = f"{doc.period} ({day(doc.start)} – {day(doc.end)})"
        rows: list[list[object]] = [
            [
                "N°",
                tr(lang, "Código", "Code"),
                tr(lang, "Socio", "Member"),
                "DNI",
                tr(lang, "Liquidación", "Settlement"),
                "kg",
                tr(lang, "Bruto S/", "Gross S/"),
                tr(lang, "Descuentos S/", "Deductions S/"),
                tr(lang, "Neto S/", "Net S/"),
                tr(lang, "Firma o huella", "Signature or thumbprint"),
            ]
        ]
        for i, r in enumerate(doc.rows, start=1):
            rows.append(
                [
                    str(i),
                    r.code,
                    p(r.name, "cell"),
                    r.dni or "",
                    r.number,
                    grouped(r.kg, 3),
                    grouped(r.gross),
                    grouped(r.deductions),
                    grouped(r.net),
                    "",
                ]
            )
        kg = sum((r.kg for r in doc.rows), ZERO)
        gross = sum((r.gross for r in doc.rows), ZERO_MONEY)
        deductions = sum((r.deductions for r in doc.rows), ZERO_MONEY)
        net = sum((r.net for r in doc.rows), ZERO_MONEY)
        rows.append(
            [
                "",
                "",
                tr(lang, f"TOTAL ({len(doc.rows)} socios)", f"TOTAL ({len(doc.rows)} members)"),
                "",
                "",
                grouped(kg, 3),
                grouped(gross),
                grouped(deductions),
                grouped(net),
                "",
            ]
        )
        widths = [10 * mm, 16 * mm, 70 * mm, 20 * mm, 28 * mm, 22 * mm, 22 * mm, 24 * mm, 22 * mm]
        widths.append(width - sum(widths))
        table = grid(rows, widths, right_from=5, zebra=False)
        table.setStyle(
            [
                ("ALIGN", (9, 0), (9, -1), "LEFT"),
                ("FONT", (0, -1), (-1, -1), fonts.CONDENSED_BOLD, 8),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, "black"),
                ("LINEBELOW", (0, 1), (-1, -2), 0.25, "#c8d0d8"),
                ("BOTTOMPADDING", (0, 1), (-1, -2), 6),
            ]
        )
        story: list[Flowable] = [
            header_block(doc.header, title, subtitle, width),
            Spacer(1, 3 * mm),
            table,
        ]
        return build(
            story,
            page,
            mark=doc.mark,
            lang=lang,
            footer=f"{title} {doc.period}",
            title=f"{title} {doc.period}",
            invariant=self.invariant,
        )

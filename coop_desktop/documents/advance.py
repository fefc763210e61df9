"""The advance receipt (recibo de adelanto), A5: the member signs that they received the cash
and that the next close deducts it."""

from __future__ import annotations

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from coop_desktop.documents import fonts
from coop_desktop.documents.dto import AdvanceDoc
from coop_desktop.documents.layout import GRID, build, header_block, p, tr
from coop_desktop.documents.receipt import ReceiptRenderer
from coop_desktop.documents.text import amount_in_words, day, soles


class AdvanceRenderer:
    def __init__(self, invariant: bool = False) -> None:
        self.invariant = invariant

    def render(self, a: AdvanceDoc) -> bytes:
        width = A5[0] - 20 * mm
        return build(
            self.story(a, width),
            A5,
            mark=a.mark,
            lang=a.header.lang,
            margin=10 * mm,
            footer=f"{a.number} · {a.member.code}",
            title=f"Adelanto {a.number}",
            invariant=self.invariant,
        )

    @staticmethod
    def story(a: AdvanceDoc, width: float) -> list[Flowable]:
        lang = a.header.lang
        m = a.member
        place = ", ".join(x for x in (m.community, m.district, m.province, m.department) if x)
        amount = Table(
            [[p(tr(lang, "ADELANTO", "ADVANCE"), "big"), p(soles(a.amount), "big")]],
            colWidths=[width * 0.6, width * 0.4],
        )
        amount.setStyle(
            TableStyle(
                [
                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                    ("BOX", (0, 0), (-1, -1), 0.8, GRID),
                    ("FONT", (0, 0), (-1, -1), fonts.BOLD),
                ]
            )
        )
        said = tr(
            lang,
            f"Recibí de {a.header.name} la suma indicada en efectivo, como adelanto a cuenta "
            f"de la leche del periodo {a.period}; se descontará en su liquidación.",
            f"I received the amount above in cash from {a.header.name}, as an advance on the "
            f"milk of period {a.period}; it will be deducted in its settlement.",
        )
        return [
            header_block(
                a.header, tr(lang, "RECIBO DE ADELANTO", "ADVANCE RECEIPT"), a.number, width
            ),
            Spacer(1, 3 * mm),
            p(f"{tr(lang, 'Socio(a)', 'Member')}: {m.name} ({m.code})", "bold"),
            p(f"DNI: {m.dni or '—'}   {place}", "base"),
            p(f"{tr(lang, 'Fecha', 'Date')}: {day(a.day)}", "base"),
            Spacer(1, 3 * mm),
            amount,
            Spacer(1, 1 * mm),
            p(amount_in_words(a.amount, lang), "bold"),
            Spacer(1, 3 * mm),
            p(said, "base"),
            Spacer(1, 14 * mm),
            ReceiptRenderer.signatures(lang, width),
        ]

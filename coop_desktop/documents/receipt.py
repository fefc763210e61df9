"""The payment receipt (liquidación de compra / constancia de pago), A5 or 80 mm roll.

It carries what a SUNAT "liquidación de compra" needs: buyer name, address and RUC; series and
number; seller full name, DNI, address and place; date; goods, quantity and unit, unit price,
value, taxes and total; plus the deductions, the net in words and the signatures."""

from __future__ import annotations

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from coop_desktop.documents import fonts
from coop_desktop.documents.dto import ReceiptDoc
from coop_desktop.documents.layout import (
    GRID,
    build,
    build_roll,
    grid,
    header_block,
    p,
    tr,
)
from coop_desktop.documents.text import amount_in_words, day, grouped, soles
from coop_desktop.numbers import trim

METHODS = {
    "cash": ("Efectivo", "Cash"),
    "bank": ("Transferencia bancaria", "Bank transfer"),
    "wallet": ("Billetera móvil", "Mobile wallet"),
}


class ReceiptRenderer:
    def __init__(self, size: str = "A5", invariant: bool = False) -> None:
        if size not in ("A5", "80mm"):
            raise ValueError("receipt size must be A5 or 80mm")
        self.size = size
        self.invariant = invariant

    def render(self, r: ReceiptDoc) -> bytes:
        width = (A5[0] - 20 * mm) if self.size == "A5" else 74 * mm
        story = self.story(r, width)
        if self.size == "A5":
            return build(
                story,
                A5,
                mark=r.mark,
                lang=r.header.lang,
                margin=10 * mm,
                footer=f"{r.number} · {r.member.code}",
                title=f"Liquidación {r.number}",
                invariant=self.invariant,
            )
        return build_roll(
            story, 80 * mm, mark=r.mark, title=f"Liquidación {r.number}", invariant=self.invariant
        )

    def story(self, r: ReceiptDoc, width: float) -> list[Flowable]:
        lang = r.header.lang
        title = tr(lang, "LIQUIDACIÓN DE COMPRA", "PURCHASE SETTLEMENT")
        m = r.member
        place = ", ".join(x for x in (m.community, m.district, m.province, m.department) if x)
        narrow = width < 100 * mm
        head: list[Flowable] = (
            [
                p(r.header.name, "bold"),
                p(f"RUC {r.header.ruc}" if r.header.ruc else "", "small"),
                p(f"{title} {r.number}", "bold"),
            ]
            if narrow
            else [header_block(r.header, title, r.number, width)]
        )
        story: list[Flowable] = [
            *head,
            Spacer(1, 2 * mm),
            p(tr(lang, "Constancia de pago al socio", "Payment record"), "small"),
            p(f"{tr(lang, 'Vendedor', 'Seller')}: {m.name} ({m.code})", "bold"),
            p(f"DNI: {m.dni or '—'}   {place}", "base"),
            p(
                f"{tr(lang, 'Periodo', 'Period')}: {r.period} ({day(r.start)} – {day(r.end)})"
                f"   {tr(lang, 'Fecha', 'Date')}: {day(r.issued)}",
                "base",
            ),
            Spacer(1, 2 * mm),
        ]
        goods = [
            [
                tr(lang, "Producto", "Goods"),
                tr(lang, "Cantidad", "Quantity"),
                tr(lang, "P. unit.", "Unit price"),
                tr(lang, "Valor", "Value"),
            ],
            [
                tr(lang, "Leche fresca", "Raw milk"),
                f"{grouped(r.kg, 3)} kg\n({grouped(r.litres, 3)} L)",
                trim(r.average_price),
                grouped(r.gross),
            ],
            [tr(lang, "Impuestos", "Taxes"), "", "", grouped(r.gross * 0)],
            [tr(lang, "Total", "Total"), "", "", grouped(r.gross)],
        ]
        story.append(
            grid(
                goods,
                [width * 0.34, width * 0.26, width * 0.18, width * 0.22],
                right_from=1,
                zebra=False,
            )
        )
        money_rows: list[list[str]] = []
        for c in r.credits:
            money_rows.append([f"+ {c.label}", grouped(c.amount)])
        for d in r.deductions:
            money_rows.append([f"− {d.label}", grouped(d.amount)])
        if money_rows:
            story += [
                Spacer(1, 2 * mm),
                p(tr(lang, "Descuentos y abonos", "Deductions and credits"), "h2"),
                grid(money_rows, [width * 0.72, width * 0.28], header_rows=0, right_from=1),
            ]
        if r.carried_out:
            story.append(
                p(
                    tr(
                        lang,
                        f"Deuda que pasa al periodo siguiente: {soles(r.carried_out)}",
                        f"Debt carried to the next period: {soles(r.carried_out)}",
                    ),
                    "small",
                )
            )
        net = Table(
            [[p(tr(lang, "NETO A PAGAR", "NET TO PAY"), "big"), p(soles(r.net), "big")]],
            colWidths=[width * 0.6, width * 0.4],
        )
        net.setStyle(
            TableStyle(
                [
                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                    ("BOX", (0, 0), (-1, -1), 0.8, GRID),
                    ("FONT", (0, 0), (-1, -1), fonts.BOLD),
                ]
            )
        )
        method = METHODS.get(r.payment_method or "")
        story += [
            Spacer(1, 2 * mm),
            net,
            Spacer(1, 1 * mm),
            p(amount_in_words(r.net, lang), "bold"),
        ]
        if method:
            story.append(
                p(
                    f"{tr(lang, 'Forma de pago', 'Payment method')}: "
                    f"{method[1] if lang == 'en' else method[0]}",
                    "base",
                )
            )
        story += [Spacer(1, 12 * mm), self.signatures(lang, width, narrow)]
        return story

    @staticmethod
    def signatures(lang: str, width: float, narrow: bool = False) -> Table:
        if narrow:  # one under the other on a roll
            return Table(
                [
                    [p("_" * 30, "center")],
                    [p(tr(lang, "Tesorero(a)", "Treasurer"), "center")],
                    [Spacer(1, 12 * mm)],
                    [p("_" * 30, "center")],
                    [
                        p(
                            tr(
                                lang,
                                "Socio(a): firma o huella digital",
                                "Member: signature or thumbprint",
                            ),
                            "center",
                        )
                    ],
                ],
                colWidths=[width],
            )
        box = Table([[""]], colWidths=[18 * mm], rowHeights=[22 * mm])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, GRID)]))
        line = "_" * 22
        cells = [
            [p(line, "center"), p(line, "center"), box],
            [
                p(tr(lang, "Tesorero(a)", "Treasurer"), "center"),
                p(
                    tr(lang, "Socio(a): firma o huella digital", "Member: signature or thumbprint"),
                    "center",
                ),
                p(tr(lang, "Huella", "Thumb"), "small"),
            ],
        ]
        table = Table(cells, colWidths=[(width - 20 * mm) / 2, (width - 20 * mm) / 2, 20 * mm])
        table.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("SPAN", (2, 0), (2, 0))])
        )
        return table

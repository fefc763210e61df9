"""The payment receipt (liquidación de compra / constancia de pago), A5 or 80 mm roll.

It carries what a SUNAT "liquidación de compra" asks of a purchase from a producer without RUC
(docs/documents.md lists the fields and what is assumed): the buyer's name, RUC and address;
series and number; the seller's name, DNI and address; date and place; the goods ("Leche
fresca cruda") with quantity, unit, unit price and value; the taxes (raw milk is exempt from
IGV); the total; then the deductions, the net in words, the signatures and a thumbprint box.
Without a RUC the association cannot issue a liquidación: the receipt is titled CONSTANCIA DE
PAGO instead, and the services warn."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from coop_desktop.core.i18n import _, in_language_of
from coop_desktop.core.numbers import ZERO_MONEY
from coop_desktop.documents import fonts
from coop_desktop.documents.content import ReceiptDoc
from coop_desktop.documents.layout import (
    RULE,
    THIN,
    RollArea,
    grid,
    header_block,
    p,
    place_of,
    roll_area,
    roll_styles,
    styles,
)
from coop_desktop.documents.pages import Part, build_parts, build_roll
from coop_desktop.documents.receipt_money import items, settled
from coop_desktop.language import formatting as fmt

MARGIN = 10 * mm
A5_WIDTH = A5[0] - 2 * MARGIN


@in_language_of("r.header.lang")
def title_of(r: ReceiptDoc) -> str:
    if r.header.ruc:
        return _("LIQUIDACIÓN DE COMPRA")
    return _("CONSTANCIA DE PAGO")


class ReceiptRenderer:
    """`size` "A5", "80mm" or "58mm"; `area` the roll area a printer reports (a roll size's
    standard area when not given)."""

    def __init__(
        self, size: str = "A5", invariant: bool = False, area: RollArea | None = None
    ) -> None:
        if size not in ("A5", "80mm", "58mm"):
            raise ValueError("receipt size must be A5, 80mm or 58mm")
        self.size = size
        self.invariant = invariant
        self.roll: RollArea | None = None
        if size != "A5":
            self.roll = area if area is not None else roll_area(int(size[:2]))

    def render(self, r: ReceiptDoc) -> bytes:
        if self.roll is None:
            return self.render_many([r])
        story = self.story(r, self.roll.frame, roll_styles(self.roll))
        return build_roll(
            story,
            self.roll,
            mark=r.mark,
            title=f"{title_of(r)} {r.number}",
            invariant=self.invariant,
        )

    def render_many(
        self, docs: Sequence[ReceiptDoc], on_part: Callable[[int], None] | None = None
    ) -> bytes:
        """A5 receipts in one file (fonts embedded once); rolls, each as tall as its content,
        are rendered one by one and joined."""
        if self.roll is not None:
            from coop_desktop.documents.batch import merge

            pdfs = []
            for i, r in enumerate(docs):
                if on_part is not None:
                    on_part(i)
                pdfs.append(self.render(r))
            return merge(pdfs)
        parts = [
            Part(
                self.story(r, A5_WIDTH, styles()),
                r.mark,
                f"{r.number} · {r.member.code}",
                r.header.lang,
            )
            for r in docs
        ]
        return build_parts(
            parts,
            A5,
            margin=MARGIN,
            title=f"Recibos {docs[0].period}",
            invariant=self.invariant,
            on_part=on_part,
        )

    @in_language_of("r.header.lang")
    def story(
        self, r: ReceiptDoc, width: float, sheet: dict[str, ParagraphStyle]
    ) -> list[Flowable]:
        lang = r.header.lang
        narrow = width < 100 * mm
        h, m = r.header, r.member

        def para(text: str, style: str = "base") -> Flowable:
            return p(text, style, sheet)

        title = title_of(r)
        buyer = [
            para(_("COMPRADOR"), "bold"),
            para(h.name),
            para(f"RUC {h.ruc}" if h.ruc else _("RUC: no registrado")),
            para(
                _("Domicilio: ")
                + (place_of(h.address, h.district, h.province, h.department) or "—")
            ),
        ]
        seller = [
            para(_("VENDEDOR(A)"), "bold"),
            para(f"{m.name} ({m.code})"),
            para(f"DNI {m.dni or '—'}"),
            para(
                _("Domicilio: ")
                + (place_of(m.address, m.community, m.district, m.province, m.department) or "—")
            ),
        ]
        story: list[Flowable] = []
        if narrow:
            story += [
                para(title, "bold"),
                para(r.number, "bold"),
                Spacer(1, 1.5 * mm),
                *buyer,
                Spacer(1, 1.5 * mm),
                *seller,
            ]
        else:
            story += [header_block(h, title, r.number, width), Spacer(1, 2 * mm)]
            parties = Table([[buyer, seller]], colWidths=[width / 2, width / 2])
            parties.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (0, 0), 0),
                        ("BOX", (0, 0), (-1, -1), THIN, RULE),
                        ("LINEBEFORE", (1, 0), (1, 0), THIN, RULE),
                        ("LEFTPADDING", (1, 0), (1, 0), 4),
                    ]
                )
            )
            story.append(parties)
        story += [
            Spacer(1, 1.5 * mm),
            para(
                f"{_('Fecha de emisión')}: {fmt.day(r.issued, lang)}   "
                f"{_('Lugar')}: "
                f"{place_of(h.district, h.province, h.department) or '—'}"
            ),
            para(
                f"{_('Periodo')}: {fmt.period_with_dates(r.period, lang)}",
                "small",
            ),
        ]
        if r.replaces:
            story.append(
                para(
                    _("Reemplaza al recibo {replaces}, anulado.").format(replaces=r.replaces),
                    "bold",
                )
            )
        if r.void is not None:
            when = fmt.day(r.void.day, lang) if r.void.day else "—"
            by = r.void.replaced_by or _("ninguno todavía")
            story.append(
                para(
                    _("ANULADO el {when}. Motivo: {reason}. Reemplazado por: {by}.").format(
                        when=when, reason=r.void.reason, by=by
                    ),
                    "bold",
                )
            )
        story += [Spacer(1, 2 * mm), self.goods(r, width, narrow, sheet)]
        story += items(r, width, sheet)
        block = settled(r, width, sheet)
        story += block if narrow else [KeepTogether(block)]
        return story

    @staticmethod
    @in_language_of("r.header.lang")
    def goods(r: ReceiptDoc, width: float, narrow: bool, sheet: dict[str, ParagraphStyle]) -> Table:
        """Goods, quantity, unit, unit price and value; the IGV line (exempt); the total."""
        lang = r.header.lang
        size = sheet["base"].fontSize if narrow else 8
        exempt = _("IGV: exonerado (0.00)")
        if narrow:
            rows: list[list[object]] = [[_("Cantidad"), _("P. unit. S/"), "S/"]]
            for g, number in zip(r.goods, _numbers(r, lang), strict=True):
                rows.append([g.description, "", ""])
                rows.append(
                    [
                        f"{number} {fmt.unit_label(g.unit, lang)}",
                        fmt.unit_price(g.unit_price, lang),
                        fmt.amount(g.value, lang),
                    ]
                )
            rows.append([_("Valor de compra"), "", fmt.amount(r.gross, lang)])
            rows.append([exempt, "", fmt.amount(ZERO_MONEY, lang)])
            rows.append([_("IMPORTE TOTAL"), "", fmt.amount(r.gross, lang)])
            widths = [width * 0.46, width * 0.24, width * 0.30]
            spans = [("SPAN", (0, i), (-1, i)) for i, row in enumerate(rows) if row[1:] == ["", ""]]
            spans += [("SPAN", (0, i), (1, i)) for i in range(len(rows) - 3, len(rows))]
        else:
            rows = [
                [
                    _("Descripción"),
                    _("Cantidad"),
                    _("Unidad"),
                    _("P. unitario S/"),
                    _("Valor S/"),
                ]
            ]
            for g, number in zip(r.goods, _numbers(r, lang), strict=True):
                rows.append(
                    [
                        p(g.description, "cell"),
                        number,
                        fmt.unit_label(g.unit, lang),
                        fmt.unit_price(g.unit_price, lang),
                        fmt.amount(g.value, lang),
                    ]
                )
            n = len(rows)
            rows.append(
                [
                    _("Valor de compra"),
                    "",
                    "",
                    "",
                    fmt.amount(r.gross, lang),
                ]
            )
            rows.append(
                [
                    _("IGV: exonerado (leche cruda, Apéndice I de la Ley del IGV)"),
                    "",
                    "",
                    "",
                    fmt.amount(ZERO_MONEY, lang),
                ]
            )
            rows.append([_("IMPORTE TOTAL"), "", "", "", fmt.amount(r.gross, lang)])
            widths = [width - 88 * mm, 24 * mm, 14 * mm, 24 * mm, 26 * mm]
            spans = [("SPAN", (0, i), (3, i)) for i in range(n, len(rows))]
        table = grid(rows, widths, right_from=1, size=size)
        table.setStyle(
            [
                *spans,
                ("LINEABOVE", (0, -3), (-1, -3), 0.6, RULE),
                ("FONT", (0, -1), (-1, -1), fonts.CONDENSED_BOLD, size),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, RULE),
                ("ALIGN", (0, 0), (0, -1), "LEFT"),
            ]
        )
        return table


def _numbers(r: ReceiptDoc, lang: str) -> list[str]:
    """The goods' quantities with the same places, lined up on the decimal point."""
    unit = next((g.unit for g in r.goods if g.unit.startswith("100")), "kg")
    return fmt.quantity_column([g.quantity for g in r.goods], unit, lang)

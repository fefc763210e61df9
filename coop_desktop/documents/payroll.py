"""The association's payroll (planilla de pago): one row per member that adds up on its face,
in the same figures and words as the statement, the receipt and Cierre (milk value + credits −
deductions of the period − debt brought in + debt carried on = net to pay), totals, repeated
headers, "Página x de y", and a signature and a thumbprint box on every row."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from coop_desktop.core.i18n import _, in_language_of
from coop_desktop.core.numbers import ZERO
from coop_desktop.documents import fonts
from coop_desktop.documents.content import PayrollDoc
from coop_desktop.documents.layout import RULE, THIN, grid, header_block, p
from coop_desktop.documents.pages import build
from coop_desktop.documents.signatures import THUMB_MIN, ThumbBox
from coop_desktop.domain.settlement import summary_word
from coop_desktop.language import formatting as fmt

MARGIN = 10 * mm
ROW = 26 * mm  # room for a 20 × 25 mm thumbprint box on every row


class PayrollRenderer:
    def __init__(self, invariant: bool = False) -> None:
        self.invariant = invariant

    @in_language_of("doc.header.lang")
    def render(self, doc: PayrollDoc) -> bytes:
        lang = doc.header.lang
        page = landscape(A4)
        width = page[0] - 2 * MARGIN
        title = _("PLANILLA DE PAGO")
        subtitle = fmt.period_with_dates(doc.period, lang)
        if doc.mark:
            subtitle += f" — {doc.mark}"
        money = ("milk", "credits", "deductions", "carried_in", "carried_out", "net")
        signs = ("", "+\u00a0", "−\u00a0", "−\u00a0", "+\u00a0", "=\u00a0")
        heads = [
            "N°",
            _("Código"),
            _("Socio(a) / DNI"),
            _("Liquidación"),
            "kg",
            *(
                f"{sign}{summary_word(key, lang)} S/"
                for sign, key in zip(signs, money, strict=True)
            ),
            _("Firma"),
            _("Huella"),
        ]
        rows: list[list[object]] = [
            [p(h, "cellboldright" if 4 <= i <= 10 else "cellbold") for i, h in enumerate(heads)]
        ]
        kg = sum((r.kg for r in doc.rows), ZERO)
        column = fmt.quantity_column([r.kg for r in doc.rows] + [kg], "kg", lang)
        for i, r in enumerate(doc.rows, start=1):
            rows.append(
                [
                    str(i),
                    r.code,
                    [p(r.name, "cell"), p(f"DNI {r.dni or '—'}", "cell")],
                    r.number,
                    column[i - 1],
                    *(fmt.amount(getattr(r.summary, name), lang) for name in money),
                    "",
                    ThumbBox("", box=THUMB_MIN),
                ]
            )
        rows.append(
            [
                "",
                "",
                _("TOTAL ({value} socios)").format(value=len(doc.rows)),
                "",
                column[-1],
                *(fmt.amount(doc.total(name), lang) for name in money),
                "",
                "",
            ]
        )
        thumb = 24 * mm
        widths = [7 * mm, 13 * mm, 36 * mm, 21 * mm, 17 * mm]
        widths += [19 * mm, 16 * mm, 23 * mm, 19 * mm, 19 * mm, 19 * mm]
        widths += [width - sum(widths) - thumb, thumb]
        last = len(rows) - 1
        heights = [None] + [ROW] * (last - 1) + [None]
        table = grid(rows, widths, right_from=4, heights=heights)
        table.setStyle(
            [
                ("ALIGN", (11, 0), (12, -1), "CENTER"),
                ("FONT", (0, -1), (-1, -1), fonts.CONDENSED_BOLD, 8),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE),
                ("LINEBELOW", (0, 1), (-1, last - 1), THIN, RULE),
                ("VALIGN", (0, 1), (10, last - 1), "TOP"),
                ("TOPPADDING", (0, 1), (10, last - 1), 4),
                ("VALIGN", (12, 1), (12, last - 1), "MIDDLE"),
                ("TOPPADDING", (12, 1), (12, last - 1), 0),
                ("BOTTOMPADDING", (12, 1), (12, last - 1), 0),
                ("LINEBEFORE", (11, 0), (11, last - 1), THIN, RULE),
                ("LEFTPADDING", (11, 0), (11, 0), 6),  # "Firma" clear of the figures
            ]
        )
        story: list[Flowable] = [
            header_block(doc.header, title, subtitle, width),
            Spacer(1, 2 * mm),
            p(
                _(
                    "Valor de la leche + abonos − descuentos del periodo − deuda anterior "
                    "+ deuda que pasa = neto a pagar. «Deuda que pasa» es lo que la leche "
                    "no alcanzó a cubrir: se descuenta el periodo siguiente."
                ),
                "small",
            ),
            Spacer(1, 2 * mm),
            table,
        ]
        return build(
            story,
            page,
            mark=doc.mark,
            lang=lang,
            margin=MARGIN,
            footer=f"{title} {fmt.period(doc.period, lang)}",
            title=f"{title} {doc.period}",
            invariant=self.invariant,
        )

"""The monthly statement (estado de cuenta): a summary that reconciles on its face (milk value −
deductions + credits − debt brought in + debt carried on = net), every delivery in litres and
kg with its price per kg and amount, the density once, the quality, what each price factor
added, every deduction and debt with its origin, the net in words and a chart of daily
litres. Two A4 pages hold a member's 60 deliveries."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from coop_desktop.core.i18n import _, in_language_of
from coop_desktop.core.numbers import ZERO_MONEY
from coop_desktop.documents import fonts
from coop_desktop.documents.charts import DailyBars
from coop_desktop.documents.content import StatementDoc
from coop_desktop.documents.layout import (
    RULE,
    THIN,
    Label,
    escape,
    grid,
    header_block,
    p,
    place_of,
)
from coop_desktop.documents.pages import Part, build_parts
from coop_desktop.documents.rows import Rows
from coop_desktop.documents.trend import trend_section
from coop_desktop.domain.settlement import summary_word
from coop_desktop.language import formatting as fmt

MARGIN = 12 * mm
WIDTH = A4[0] - 2 * MARGIN


class StatementRenderer:
    def __init__(self, invariant: bool = False) -> None:
        self.invariant = invariant

    def render(self, s: StatementDoc) -> bytes:
        return self.render_many([s])

    def render_many(
        self, docs: Sequence[StatementDoc], on_part: Callable[[int], None] | None = None
    ) -> bytes:
        """Several statements in one file, each with its own pages, count and mark."""
        return build_parts(
            [self.part(s) for s in docs],
            A4,
            margin=MARGIN,
            title=(
                f"Estado de cuenta {docs[0].member.code} {docs[0].period}"
                if len(docs) == 1
                else f"Estados de cuenta {docs[0].period}"
            ),
            invariant=self.invariant,
            on_part=on_part,
        )

    def part(self, s: StatementDoc) -> Part:
        lang = s.header.lang
        return Part(
            self.story(s), s.shown_mark, f"{s.member.code} · {fmt.period(s.period, lang)}", lang
        )

    @in_language_of("s.header.lang")
    def story(self, s: StatementDoc) -> list[Flowable]:
        lang = s.header.lang
        title = _("ESTADO DE CUENTA")
        subtitle = fmt.period_with_dates(s.period, lang)
        if s.shown_mark:
            subtitle += f" — {s.shown_mark}"
        m = s.member
        place = place_of(m.community, m.district, m.province)
        story: list[Flowable] = [
            header_block(s.header, title, subtitle, WIDTH),
            Spacer(1, 2 * mm),
            p(f"{m.name}  ({m.code})", "big"),
            p(
                " · ".join(
                    x
                    for x in (
                        f"DNI {m.dni or '—'}",
                        place,
                        f"{_('Liquidación')} {s.number}" if s.number else "",
                    )
                    if x
                ),
                "base",
            ),
            Spacer(1, 2 * mm),
            self.summary(s),
            Spacer(1, 2 * mm),
            Label(_("Entregas del periodo")),
        ]
        if s.densities:
            dens = " / ".join(fmt.density(d, lang) for d in s.densities)
            story.append(
                p(
                    _(
                        "Densidad: {dens}. kg = litros × densidad, redondeado al gramo; "
                        "importe = cantidad × precio, redondeado al céntimo."
                    ).format(dens=dens),
                    "small",
                )
            )
        story.append(self.deliveries(s))
        if s.quality:
            story += [
                Label(_("Calidad de su leche")),
                self.quality(s),
            ]
        if s.factors:
            story.append(
                KeepTogether(
                    [
                        Label(_("Cómo se formó su precio")),
                        self.factors(s),
                    ]
                )
            )
        for text in s.better:
            story.append(p("➜ " + text, "base"))
        # One keep-together level only: nested ones pushed a block onto a third page.
        story.append(
            KeepTogether(
                [
                    Label(_("Descuentos, abonos y deudas")),
                    self.money(s),
                    Spacer(1, 1 * mm),
                    p(fmt.amount_in_words(max(s.net, ZERO_MONEY), lang), "bold"),
                ]
            )
        )
        if s.daily_litres:
            story.append(KeepTogether([Label(_("Litros por día")), self.chart(s)]))
        story += trend_section(s.trend, lang, WIDTH)
        return story

    @in_language_of("s.header.lang")
    def summary(self, s: StatementDoc) -> Table:
        """The settlement as one equation across the page."""
        lang = s.header.lang
        summary = s.money.summary
        keys = ("milk", "deductions", "credits", "carried_in", "carried_out", "net")
        signs = ("", "− ", "+ ", "− ", "+ ", "= ")
        words = [f"{sign}{summary_word(key, lang)}" for sign, key in zip(signs, keys, strict=True)]
        words[-1] = words[-1].upper()
        head = ParagraphStyle("summaryhead", fontName=fonts.REGULAR, fontSize=7.5, leading=9)
        head.alignment = TA_RIGHT
        cells = [
            [Paragraph(escape(w), head) for w in words],
            [
                fmt.money(summary.milk, lang),
                fmt.amount(summary.deductions, lang),
                fmt.amount(summary.credits, lang),
                fmt.amount(summary.carried_in, lang),
                fmt.amount(summary.carried_out, lang),
                fmt.money(summary.net, lang),
            ],
            [
                _("Leche entregada: ")
                + f"{fmt.quantity(s.litres, 'L', lang)} · {fmt.quantity(s.kg, 'kg', lang)}",
                "",
                "",
                "",
                "",
                "",
            ],
        ]
        each = (WIDTH - 40 * mm) / 5
        table = Table(cells, colWidths=[each] * 5 + [40 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, 0), fonts.REGULAR, 7.5),
                    ("FONT", (0, 1), (-1, 1), fonts.BOLD, 10),
                    ("FONT", (5, 1), (5, 1), fonts.BOLD, 12),
                    ("FONT", (0, 2), (-1, 2), fonts.REGULAR, 7.5),
                    ("ALIGN", (0, 0), (-1, 1), "RIGHT"),
                    ("SPAN", (0, 2), (2, 2)),
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                    ("LINEBEFORE", (5, 0), (5, -1), 1.2, RULE),
                    ("LINEBEFORE", (1, 0), (4, -1), THIN, RULE),
                    ("TOPPADDING", (0, 1), (-1, 1), 3),
                    ("BOTTOMPADDING", (0, 1), (-1, 1), 3),
                ]
            )
        )
        return table

    @in_language_of("s.header.lang")
    def deliveries(self, s: StatementDoc) -> Flowable:
        lang = s.header.lang
        shift = {"am": _("mañana"), "pm": _("tarde")}
        units = {ln.price_unit for ln in s.lines}
        unit = units.pop() if len(units) == 1 else ""
        other = unit not in ("", "L", "kg")  # priced per 100 lb: show that quantity too
        header = [
            _("Fecha        Turno"),
            _("Litros"),
            "kg",
            *([fmt.unit_label(unit, lang)] if other else []),
            _("Calidad usada"),
            _("S/ por {value}").format(value=fmt.unit_label(unit, lang), unit=unit)
            if unit
            else _("Precio S/"),
            _("Importe S/"),
        ]
        rows: list[tuple[list[str], str]] = []
        total = ZERO_MONEY
        litres = fmt.quantity_column([ln.litres for ln in s.lines], "L", lang)
        priced = fmt.quantity_column([ln.priced for ln in s.lines], unit, lang)
        for ln, litre, in_unit in zip(s.lines, litres, priced, strict=True):
            quality = _("RECHAZADA: ") + (ln.reason or "") if ln.reason else ln.quality
            price = fmt.unit_price(ln.unit_price, lang)
            if not unit:
                price += f"/{fmt.unit_label(ln.price_unit, lang)}"
            rows.append(
                (
                    [
                        f"{fmt.day(ln.day, lang)}   {shift.get(ln.shift, ln.shift)}",
                        litre,
                        fmt.number(ln.kg, 3, lang),  # kg are kept to the gram
                        *([in_unit] if other else []),
                        quality[:62],
                        price,
                        fmt.amount(ln.amount, lang),
                    ],
                    "bold" if ln.reason else "",
                )
            )
            total += ln.amount
        blank = ["", "", "", *([""] if other else [])]
        rows.append(
            (
                [
                    *blank,
                    _("Suma de las entregas"),
                    "",
                    fmt.amount(total, lang),
                ],
                "rule",
            )
        )
        if total != s.gross:
            rows.append(
                (
                    [
                        *blank,
                        _("Redondeo (el pago se calcula por línea de precio)"),
                        "",
                        fmt.amount(s.gross - total, lang),
                    ],
                    "",
                )
            )
        rows.append(
            (
                [
                    *blank,
                    _("Valor de la leche"),
                    "",
                    fmt.amount(s.gross, lang),
                ],
                "bold",
            )
        )
        fixed = [36 * mm, 17 * mm, 17 * mm, *([17 * mm] if other else []), 0.0, 17 * mm, 21 * mm]
        fixed[-3] = WIDTH - sum(fixed)
        right = [False, True, True, *([True] if other else []), False, True, True]
        return Rows(header, rows, fixed, right)

    @in_language_of("s.header.lang")
    def quality(self, s: StatementDoc) -> Table:
        rows: list[list[object]] = [
            [
                _("Medida"),
                _("Este periodo"),
                _("Referencia"),
                _("Periodo anterior"),
                "",
            ]
        ]
        for q in s.quality:
            rows.append(
                [
                    q.label,
                    q.value,
                    q.reference,
                    q.previous,
                    "✓" if q.ok else _("✗ fuera de referencia"),
                ]
            )
        return grid(rows, [45 * mm, 32 * mm, 36 * mm, 32 * mm, WIDTH - 145 * mm])

    @in_language_of("s.header.lang")
    def factors(self, s: StatementDoc) -> Table:
        lang = s.header.lang
        rows = [[f.label, fmt.signed_money(f.amount, lang)] for f in s.factors]
        rows.append([_("Valor de la leche"), fmt.money(s.gross, lang)])
        table = grid(rows, [WIDTH * 0.6, WIDTH * 0.25], header_rows=0, right_from=1)
        table.setStyle(
            [
                ("FONT", (0, -1), (-1, -1), fonts.CONDENSED_BOLD, 8),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, RULE),
            ]
        )
        return table

    @in_language_of("s.header.lang")
    def money(self, s: StatementDoc) -> Table:
        """Every credit, deduction and debt: what was due, what this period covered, and what
        passes to the next period; carried debts name the period and item they come from."""
        lang = s.header.lang
        mo = s.money
        rows: list[list[str]] = [
            [
                _("Concepto"),
                _("Monto S/"),
                _("Descontado S/"),
                _("Pasa al siguiente S/"),
            ],
            [_("Valor de la leche"), fmt.amount(mo.gross, lang), "", ""],
        ]
        rows += [[f"+ {c.label}", fmt.amount(c.amount, lang), "", ""] for c in mo.credits]
        for d in mo.debits:
            label = d.label
            if d.kind == "carried":
                label = _("Deuda anterior — {label}").format(label=d.label)
            rows.append(
                [
                    f"− {label}",
                    fmt.amount(d.due, lang),
                    fmt.amount(d.applied, lang),
                    fmt.amount(d.pending, lang) if d.pending else "",
                ]
            )
        rows.append(
            [
                _("NETO A PAGAR"),
                fmt.money(mo.net, lang),
                fmt.amount(mo.applied, lang),
                fmt.amount(mo.carried_out, lang),
            ]
        )
        widths = [WIDTH - 96 * mm, 32 * mm, 32 * mm, 32 * mm]
        table = grid(rows, widths, right_from=1)
        table.setStyle(
            [
                ("FONT", (0, -1), (-1, -1), fonts.CONDENSED_BOLD, 9),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE),
            ]
        )
        return table

    def chart(self, s: StatementDoc) -> Flowable:
        return DailyBars(s.daily_litres, WIDTH, 30 * mm, s.header.lang)

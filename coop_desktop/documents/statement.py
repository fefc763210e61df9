"""The monthly statement (estado de cuenta): every delivery, its quality and price, what each
price factor added or took away, what a better band would have paid, the deductions, the
carried balances, the net, and a small chart of daily litres."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from coop_desktop.documents import fonts
from coop_desktop.documents.dto import StatementDoc
from coop_desktop.documents.layout import GRID, build, grid, header_block, p, tr
from coop_desktop.documents.rows import Rows
from coop_desktop.documents.text import amount_in_words, day, grouped, soles
from coop_desktop.documents.trend import trend_section
from coop_desktop.numbers import ZERO_MONEY, trim

WIDTH = A4[0] - 24 * mm


class StatementRenderer:
    def __init__(self, invariant: bool = False) -> None:
        self.invariant = invariant

    def render(self, s: StatementDoc) -> bytes:
        mark = s.shown_mark
        return build(
            self.story(s),
            A4,
            mark=mark,
            lang=s.header.lang,
            footer=f"{s.member.code} · {s.period}",
            title=f"Estado de cuenta {s.member.code} {s.period}",
            invariant=self.invariant,
        )

    def story(self, s: StatementDoc) -> list[Flowable]:
        lang = s.header.lang
        title = tr(lang, "ESTADO DE CUENTA", "STATEMENT")
        subtitle = f"{s.period} ({day(s.start)} – {day(s.end)})"
        if s.draft:
            subtitle += tr(lang, " — BORRADOR", " — DRAFT")
        m = s.member
        place = ", ".join(x for x in (m.community, m.district, m.province) if x)
        story: list[Flowable] = [
            header_block(s.header, title, subtitle, WIDTH),
            Spacer(1, 2 * mm),
            p(f"{m.name}  ({m.code})", "big"),
            p(
                f"DNI {m.dni or '—'}   {place}"
                + (f"   {tr(lang, 'Liquidación', 'Settlement')} {s.number}" if s.number else ""),
                "base",
            ),
            Spacer(1, 2 * mm),
            self.summary(s),
            Spacer(1, 3 * mm),
            p(tr(lang, "Entregas del periodo", "Deliveries of the period"), "h2"),
            self.deliveries(s),
        ]
        if s.quality:
            story += [
                p(tr(lang, "Calidad de su leche", "Quality of your milk"), "h2"),
                self.quality(s),
            ]
        if s.factors:
            story.append(
                KeepTogether(
                    [
                        p(tr(lang, "Cómo se formó su precio", "How your price was made"), "h2"),
                        self.factors(s),
                    ]
                )
            )
        for text in s.better:
            story.append(p("➜ " + text, "base"))
        story.append(
            KeepTogether(
                [p(tr(lang, "Descuentos y saldo", "Deductions and balance"), "h2"), self.money(s)]
            )
        )
        if s.daily_litres:
            story.append(
                KeepTogether([p(tr(lang, "Litros por día", "Litres per day"), "h2"), self.chart(s)])
            )
        story += trend_section(s.trend, lang, WIDTH)
        return story

    def summary(self, s: StatementDoc) -> Table:
        lang = s.header.lang
        cells = [  # plain strings with table fonts: cheaper than paragraphs
            [
                tr(lang, "Leche entregada", "Milk delivered"),
                tr(lang, "Valor de la leche", "Milk value"),
                tr(lang, "Descuentos", "Deductions"),
                tr(lang, "NETO A PAGAR", "NET TO PAY"),
            ],
            [
                f"{grouped(s.litres, 1)} L · {grouped(s.kg, 1)} kg",
                soles(s.gross),
                soles(sum((d.amount for d in s.deductions), ZERO_MONEY)),
                soles(s.net),
            ],
        ]
        table = Table(cells, colWidths=[WIDTH / 4] * 4)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, 0), fonts.REGULAR, 7.5),
                    ("FONT", (0, 1), (-1, 1), fonts.BOLD, 10),
                    ("FONT", (3, 1), (3, 1), fonts.BOLD, 12),
                    ("BOTTOMPADDING", (0, 1), (-1, 1), 5),
                    ("BOX", (0, 0), (-1, -1), 0.8, GRID),
                    ("INNERGRID", (0, 0), (-1, -1), 0.3, GRID),
                    ("BACKGROUND", (3, 0), (3, 1), colors.HexColor("#e6f4ea")),
                ]
            )
        )
        return table

    def deliveries(self, s: StatementDoc) -> Flowable:
        lang = s.header.lang
        shift = {"am": tr(lang, "mañana", "am"), "pm": tr(lang, "tarde", "pm")}
        # Date and shift share a cell: digits have one width, so the shifts still line up,
        # and a statement draws 60 fewer strings.
        header = [
            tr(lang, "Fecha        Turno", "Date          Shift"),
            tr(lang, "Cantidad", "Quantity"),
            tr(lang, "Calidad usada", "Quality used"),
            tr(lang, "Precio", "Price"),
            tr(lang, "Importe S/", "Amount S/"),
        ]
        rows: list[tuple[list[str], str]] = []
        total = ZERO_MONEY
        for ln in s.lines:
            quality = (
                tr(lang, "RECHAZADA: ", "REJECTED: ") + (ln.reason or "")
                if ln.reason
                else ln.quality
            )
            rows.append(
                (
                    [
                        f"{day(ln.day)}   {shift.get(ln.shift, ln.shift)}",
                        f"{grouped(ln.quantity, 1)} {ln.unit}",
                        quality[:70],
                        trim(ln.unit_price),
                        grouped(ln.amount),
                    ],
                    "red" if ln.reason else "",
                )
            )
            total += ln.amount
        rows.append(
            (
                ["", "", tr(lang, "Suma de las entregas", "Sum of deliveries"), "", grouped(total)],
                "",
            )
        )
        if total != s.gross:
            rows.append(
                (
                    [
                        "",
                        "",
                        tr(
                            lang,
                            "Redondeo (el pago se calcula por línea de precio)",
                            "Rounding (paid per price line)",
                        ),
                        "",
                        grouped(s.gross - total),
                    ],
                    "",
                )
            )
        rows.append(
            (["", "", tr(lang, "Valor de la leche", "Milk value"), "", grouped(s.gross)], "bold")
        )
        widths = [38 * mm, 22 * mm, WIDTH - 102 * mm, 18 * mm, 24 * mm]
        return Rows(header, rows, widths, [False, True, False, True, True])

    def quality(self, s: StatementDoc) -> Table:
        lang = s.header.lang
        rows: list[list[object]] = [
            [
                tr(lang, "Medida", "Measure"),
                tr(lang, "Este periodo", "This period"),
                tr(lang, "Referencia", "Reference"),
                tr(lang, "Periodo anterior", "Previous period"),
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
                    "✓" if q.ok else tr(lang, "✗ fuera de referencia", "✗ outside reference"),
                ]
            )
        return grid(rows, [45 * mm, 32 * mm, 36 * mm, 32 * mm, WIDTH - 145 * mm], right_from=None)

    def factors(self, s: StatementDoc) -> Table:
        rows = [[f.label, ("+" if f.amount > 0 else "") + soles(f.amount)] for f in s.factors]
        rows.append([tr(s.header.lang, "Valor de la leche", "Milk value"), soles(s.gross)])
        table = grid(rows, [WIDTH * 0.6, WIDTH * 0.25], header_rows=0, right_from=1)
        table.setStyle(
            [
                ("FONT", (0, -1), (-1, -1), fonts.CONDENSED_BOLD, 8),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, GRID),
            ]
        )
        return table

    def money(self, s: StatementDoc) -> Table:
        lang = s.header.lang
        rows: list[list[str]] = [[tr(lang, "Valor de la leche", "Milk value"), soles(s.gross)]]
        rows += [[f"+ {c.label}", soles(c.amount)] for c in s.credits]
        rows += [[f"− {d.label}", soles(-d.amount)] for d in s.deductions]
        rows.append([tr(lang, "NETO A PAGAR", "NET TO PAY"), soles(s.net)])
        if s.carried_in:
            rows.append(
                [
                    tr(
                        lang,
                        "Deuda que venía del periodo anterior (incluida arriba)",
                        "Debt from the previous period (included above)",
                    ),
                    soles(s.carried_in),
                ]
            )
        if s.carried_out:
            rows.append(
                [
                    tr(
                        lang,
                        "Deuda que pasa al periodo siguiente",
                        "Debt carried to the next period",
                    ),
                    soles(s.carried_out),
                ]
            )
        table = grid(rows, [WIDTH * 0.6, WIDTH * 0.25], header_rows=0, right_from=1)
        net_row = 1 + len(s.credits) + len(s.deductions)
        table.setStyle(
            [
                ("FONT", (0, net_row), (-1, net_row), fonts.CONDENSED_BOLD, 9),
                ("LINEABOVE", (0, net_row), (-1, net_row), 0.8, "black"),
            ]
        )
        return KeepTogether(
            [table, Spacer(1, 1 * mm), p(amount_in_words(max(s.net, ZERO_MONEY), lang), "bold")]
        )

    def chart(self, s: StatementDoc) -> Flowable:
        return DailyBars(s.daily_litres, WIDTH, 34 * mm)


class DailyBars(Flowable):  # type: ignore[misc]
    """Daily litres as bars, drawn with a few canvas calls (a full chart object costs a third
    of a statement's rendering time)."""

    def __init__(self, days: tuple[tuple[date, Decimal], ...], width: float, height: float) -> None:
        super().__init__()
        self.days = days
        self.width = width
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        top = max((v for _, v in self.days), default=Decimal(1)) or Decimal(1)
        left, bottom = 12 * mm, 6 * mm
        plot_w, plot_h = self.width - left - 2 * mm, self.height - bottom - 4 * mm
        step = plot_w / max(len(self.days), 1)
        c.setFont(fonts.CONDENSED, 6)
        c.setStrokeColor(GRID)
        c.line(left, bottom, left + plot_w, bottom)
        c.drawRightString(left - 1.5 * mm, bottom + plot_h - 2, f"{grouped(top, 0)} L")
        c.drawRightString(left - 1.5 * mm, bottom - 2, "0")
        c.setFillColor(colors.HexColor("#4a7fb0"))
        for i, (_when, litres) in enumerate(self.days):
            bar = plot_h * float(litres / top)  # drawing coordinates only, never money
            c.rect(left + i * step + step * 0.15, bottom, step * 0.7, bar, stroke=0, fill=1)
        c.setFillColor(colors.black)
        for i, (when, _litres) in enumerate(self.days):
            c.drawCentredString(left + (i + 0.5) * step, bottom - 2.6 * mm, when.strftime("%d"))

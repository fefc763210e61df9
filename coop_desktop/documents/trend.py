"""The member's own trend on the statement: the last six periods' litres (bars), total
solids, UFC and price per kg (a table under the bars), so each producer sees the progress.

A self-contained section: `trend_section(points, lang, width)` returns the flowables; the
statement renderer only appends them."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from coop_desktop.core.i18n import _, in_language, language
from coop_desktop.core.numbers import ONE, ZERO
from coop_desktop.documents import fonts
from coop_desktop.documents.content import TrendPoint
from coop_desktop.documents.layout import RULE, THIN, grid, p
from coop_desktop.language import formatting as fmt

BAR = colors.black  # the statement prints on 1-bit heads too: black, no grey


class TrendBars(Flowable):  # type: ignore[misc]
    """Litres per period as bars with their value on top; a provisional (open) period is
    drawn in outline. Coordinates are floats for drawing only."""

    def __init__(self, points: Sequence[TrendPoint], width: float, height: float, lang: str):
        super().__init__()
        self.points = points
        self.width = width
        self.height = height
        self.lang = lang

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        top = max((pt.litres for pt in self.points), default=ZERO) or ONE
        left, bottom = 30 * mm, 2 * mm
        plot_w, plot_h = self.width - left, self.height - bottom - 4 * mm
        step = plot_w / max(len(self.points), 1)
        c.setStrokeColor(RULE)
        c.setLineWidth(THIN)
        c.line(left, bottom, left + plot_w, bottom)
        c.setFont(fonts.CONDENSED, 7)
        c.setFillColor(colors.black)
        with language(self.lang):
            c.drawString(0, bottom + plot_h / 2, _("Litros"))
        for i, pt in enumerate(self.points):
            bar = plot_h * float(pt.litres / top)  # drawing coordinates only
            wide = min(step * 0.6, 12 * mm)  # one period is a bar, not a black block
            x = left + (i + 0.5) * step - wide / 2
            # a provisional (open) period is drawn in outline rather than lighter
            c.setFillColor(BAR)
            c.rect(x, bottom, wide, bar, stroke=int(pt.provisional), fill=int(not pt.provisional))
            c.setFillColor(colors.black)
            c.drawCentredString(
                left + (i + 0.5) * step,
                bottom + bar + 1.2 * mm,
                fmt.quantity(pt.litres, None, self.lang),
            )


@in_language
def trend_section(
    points: Sequence[TrendPoint], lang: str = "es", width: float = 186 * mm
) -> list[Flowable]:
    """A heading, the bars and the table; nothing when there are no points."""
    if not points:
        return []
    dash = "—"
    # Plain strings (cheaper than paragraphs in a batch of statements), broken by hand.
    header: list[str] = [""] + [
        fmt.period(pt.period, lang).replace(", ", "\n")
        + ("\n" + _("(provisional)") if pt.provisional else "")
        for pt in points
    ]
    rows: list[Sequence[object]] = [
        header,
        [_("Litros")] + [fmt.quantity(pt.litres, "L", lang) for pt in points],
        [_("Sólidos totales")]
        + [fmt.percent(pt.st, 2, lang) if pt.st is not None else dash for pt in points],
        [_("UFC/mL")] + [fmt.count(pt.ufc, lang) if pt.ufc is not None else dash for pt in points],
        [_("Precio S/ por kg")]
        + [
            fmt.unit_price(pt.price_per_kg, lang) if pt.price_per_kg is not None else dash
            for pt in points
        ],
    ]
    label_w = 30 * mm
    column = (width - label_w) / len(points)
    table = grid(rows, [label_w] + [column] * len(points), right_from=1)
    table.setStyle(
        [("FONT", (0, 0), (-1, 0), fonts.CONDENSED_BOLD, 7), ("LEADING", (0, 0), (-1, 0), 8)]
    )
    note = _(
        "Periodos cerrados: lo pagado. Provisional: periodo abierto, según la "
        "vista previa del cierre."
    )
    return [
        KeepTogether(
            [
                p(
                    _("Su avance: últimos seis periodos"),
                    "h2",
                ),
                TrendBars(points, width, 24 * mm, lang),
                table,
                p(note, "small"),
            ]
        )
    ]

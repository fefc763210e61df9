"""The daily collection sheet (parte diario de acopio): each shift's deliveries with their
tests, rejections apart from what was accepted, totals per unit (litres and kilograms are
never added together)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from coop_desktop.core.i18n import _, in_language, in_language_of, ngettext
from coop_desktop.core.numbers import ZERO
from coop_desktop.documents import fonts
from coop_desktop.documents.content import CollectionDoc, CollectionRow
from coop_desktop.documents.layout import RULE, grid, header_block, p
from coop_desktop.documents.pages import build
from coop_desktop.documents.signatures import collector_signatures
from coop_desktop.language import formatting as fmt

MARGIN = 12 * mm
WIDTH = A4[0] - 2 * MARGIN


@in_language
def _totals(rows: list[CollectionRow], lang: str) -> str:
    """ "12 entregas: 150.5 L + 20.0 kg" — one sum per unit, never added together."""
    by_unit: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for r in rows:
        by_unit[r.unit] += r.quantity
    units = sorted(by_unit, key=lambda u: (u != "L", u))
    sums = " + ".join(fmt.quantity(by_unit[u], u, lang) for u in units) or "0"
    noun = ngettext("{n} entrega", "{n} entregas", len(rows)).format(n=fmt.count(len(rows), lang))
    return f"{noun}: {sums}"


class CollectionRenderer:
    def __init__(self, invariant: bool = False) -> None:
        self.invariant = invariant

    @in_language_of("doc.header.lang")
    def render(self, doc: CollectionDoc) -> bytes:
        lang = doc.header.lang
        title = _("PARTE DIARIO DE ACOPIO")
        subtitle = fmt.day(doc.day, lang) + (f" — {doc.mark}" if doc.mark else "")
        story: list[Flowable] = [header_block(doc.header, title, subtitle, WIDTH)]
        for shift, name in (
            ("am", _("Turno mañana")),
            ("pm", _("Turno tarde")),
        ):
            rows = [r for r in doc.rows if r.shift == shift]
            table_rows: list[list[object]] = [
                [
                    "N°",
                    _("Código"),
                    _("Socio"),
                    _("Cantidad"),
                    "",
                    _("Pruebas"),
                    _("Estado"),
                ]
            ]
            numbers = fmt.quantity_column([r.quantity for r in rows], "", lang)
            for i, (r, number) in enumerate(zip(rows, numbers, strict=True), start=1):
                status = _("Rechazada: ") + (r.reason or "") if r.rejected else _("Aceptada")
                table_rows.append(
                    [
                        str(i),
                        r.member_code,
                        p(r.member_name, "cell"),
                        number,
                        fmt.unit_label(r.unit, lang),
                        p(r.tests, "cell"),
                        p(status, "cell"),
                    ]
                )
            accepted = [r for r in rows if not r.rejected]
            rejected = [r for r in rows if r.rejected]
            table_rows.append(["", "", _("Aceptado"), _totals(accepted, lang), "", "", ""])
            table_rows.append(["", "", _("Rechazado"), _totals(rejected, lang), "", "", ""])
            widths = [9 * mm, 16 * mm, WIDTH - 134 * mm, 20 * mm, 10 * mm, 40 * mm, 39 * mm]
            table = grid(table_rows, widths)
            table.setStyle(
                [
                    ("ALIGN", (3, 0), (3, -3), "RIGHT"),
                    ("SPAN", (3, -2), (6, -2)),
                    ("SPAN", (3, -1), (6, -1)),
                    ("FONT", (0, -2), (-1, -1), fonts.CONDENSED_BOLD, 8),
                    ("LINEABOVE", (0, -2), (-1, -2), 0.6, RULE),
                ]
            )
            story += [Spacer(1, 3 * mm), p(name, "h2"), table]
        accepted_all = [r for r in doc.rows if not r.rejected]
        rejected_all = [r for r in doc.rows if r.rejected]
        story += [
            Spacer(1, 3 * mm),
            p(
                _("Aceptado en el día — ") + _totals(accepted_all, lang),
                "big",
            ),
            p(
                _("Rechazado en el día — ") + _totals(rejected_all, lang),
                "bold",
            ),
            KeepTogether([Spacer(1, 4 * mm), collector_signatures(lang, WIDTH)]),
        ]
        return build(
            story,
            A4,
            mark=doc.mark,
            lang=lang,
            footer=f"{title} {fmt.day(doc.day, lang)}",
            title=f"{title} {doc.day.isoformat()}",
            invariant=self.invariant,
        )

"""The daily collection sheet (parte diario de acopio): each shift's rows, tests, rejections
and totals."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from coop_desktop import formatting as fmt
from coop_desktop.documents import fonts
from coop_desktop.documents.dto import CollectionDoc
from coop_desktop.documents.layout import build, grid, header_block, p, tr
from coop_desktop.documents.text import day, grouped
from coop_desktop.numbers import ZERO

WIDTH = A4[0] - 24 * mm


def by_unit(totals: dict[str, Decimal], lang: str) -> str:
    """ "120.0 L + 20.0 kg": each unit's total apart, never added together."""
    units = sorted(totals, key=lambda u: (u != "L", u))
    return " + ".join(fmt.quantity(totals[u], u, lang) for u in units) or fmt.quantity(ZERO, "L")


class CollectionRenderer:
    def __init__(self, invariant: bool = False) -> None:
        self.invariant = invariant

    def render(self, doc: CollectionDoc) -> bytes:
        lang = doc.header.lang
        title = tr(lang, "PARTE DIARIO DE ACOPIO", "DAILY COLLECTION SHEET")
        story: list[Flowable] = [header_block(doc.header, title, day(doc.day), WIDTH)]
        day_total: dict[str, Decimal] = {}
        for shift, name in (
            ("am", tr(lang, "Turno mañana", "Morning shift")),
            ("pm", tr(lang, "Turno tarde", "Afternoon shift")),
        ):
            rows = [r for r in doc.rows if r.shift == shift]
            table_rows: list[list[object]] = [
                [
                    "N°",
                    tr(lang, "Código", "Code"),
                    tr(lang, "Socio", "Member"),
                    tr(lang, "Cantidad", "Quantity"),
                    tr(lang, "Pruebas", "Tests"),
                    tr(lang, "Estado", "Status"),
                ]
            ]
            accepted: dict[str, Decimal] = {}
            rejected: dict[str, Decimal] = {}
            for i, r in enumerate(rows, start=1):
                status = (
                    tr(lang, "Rechazada: ", "Rejected: ") + (r.reason or "")
                    if r.rejected
                    else tr(lang, "Aceptada", "Accepted")
                )
                table_rows.append(
                    [
                        str(i),
                        r.member_code,
                        p(r.member_name, "cell"),
                        f"{grouped(r.quantity, 1)} {r.unit}",
                        p(r.tests, "cell"),
                        p(status, "cell"),
                    ]
                )
                into = rejected if r.rejected else accepted
                into[r.unit] = into.get(r.unit, ZERO) + r.quantity
            table_rows.append(
                [
                    "",
                    "",
                    tr(
                        lang,
                        f"Aceptado ({len(rows)} entregas)",
                        f"Accepted ({len(rows)} deliveries)",
                    ),
                    p(by_unit(accepted, lang), "cell"),
                    tr(lang, "Rechazado", "Rejected"),
                    p(by_unit(rejected, lang), "cell"),
                ]
            )
            for unit, quantity in accepted.items():
                day_total[unit] = day_total.get(unit, ZERO) + quantity
            table = grid(table_rows, [9 * mm, 16 * mm, WIDTH - 128 * mm, 24 * mm, 40 * mm, 39 * mm])
            table.setStyle(
                [
                    ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                    ("FONT", (0, -1), (-1, -1), fonts.CONDENSED_BOLD, 8),
                ]
            )
            story += [Spacer(1, 3 * mm), p(name, "h2"), table]
        story += [
            Spacer(1, 3 * mm),
            p(
                tr(
                    lang,
                    f"Total aceptado del día: {by_unit(day_total, lang)}",
                    f"Accepted in the day: {by_unit(day_total, lang)}",
                ),
                "big",
            ),
        ]
        return build(
            story,
            A4,
            lang=lang,
            footer=f"{title} {day(doc.day)}",
            title=f"{title} {day(doc.day)}",
            invariant=self.invariant,
        )

"""The buyer statement (A4) and the dispatch guide (80 mm roll or A5)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from coop_desktop.core.i18n import _, in_language
from coop_desktop.core.messages import measure_name
from coop_desktop.documents.content import Header
from coop_desktop.documents.layout import (
    RollArea,
    escape,
    grid,
    header_block,
    p,
    roll_area,
    roll_styles,
)
from coop_desktop.documents.pages import build, build_roll
from coop_desktop.documents.signatures import SignLine
from coop_desktop.language import formatting as fmt


@in_language
def render_buyer_statement(st: Any, header: Header, lang: str = "es") -> bytes:
    width = A4[0] - 24 * mm
    a = st.account
    subtitle = f"{fmt.day(st.start, lang)} – {fmt.day(st.end, lang)}"
    shipped = [
        [
            _("Guía"),
            _("Fecha"),
            _("Enviado"),
            _("Recibido"),
            _("Grasa %"),
            _("Precio"),
            _("Monto"),
        ]
    ]
    for d in st.dispatches:
        r = d.reception
        fat = None if r is None else r.measures.get("fat")
        shipped.append(
            [
                d.guide,
                fmt.day(d.day, lang),
                fmt.quantity(d.quantity, d.unit, lang),
                _("pendiente")
                if r is None
                else (_("RECHAZADO") if r.rejected else fmt.quantity(r.quantity, r.unit, lang)),
                "" if fat is None else fmt.percent(fat, 2, lang),
                "" if r is None else fmt.unit_price(r.unit_price, lang),
                "" if r is None else fmt.amount(r.amount, lang),
            ]
        )
    moves = [
        [
            _("Fecha"),
            _("Concepto"),
            _("Monto"),
            _("Saldo"),
        ]
    ]
    moves.append(["", _("Saldo anterior"), "", fmt.amount(a.opening, lang)])
    for e in a.entries:
        moves.append(
            [
                fmt.day(e.day, lang),
                e.description,
                fmt.amount(e.amount, lang),
                fmt.amount(e.balance, lang),
            ]
        )
    story: list[Flowable] = [
        header_block(header, _("ESTADO DE CUENTA DEL COMPRADOR"), subtitle, width),
        Spacer(1, 3 * mm),
        p(
            escape(
                f"{a.buyer.code} — {a.buyer.name}"
                + (f" — RUC {a.buyer.ruc}" if a.buyer.ruc else "")
            ),
            "bold",
        ),
        p(escape(_("Precio: ") + a.buyer.terms), "small"),
        Spacer(1, 3 * mm),
        grid(
            shipped,
            [30 * mm, 20 * mm, 26 * mm, 26 * mm, 18 * mm, 24 * mm, width - 144 * mm],
            right_from=2,
        ),
        Spacer(1, 5 * mm),
        grid(moves, [22 * mm, width - 82 * mm, 30 * mm, 30 * mm], right_from=2),
        Spacer(1, 4 * mm),
        p(
            escape(
                _("Ventas")
                + f": {fmt.money(a.sales, lang)}   "
                + _("Pagos recibidos")
                + f": {fmt.money(a.payments, lang)}   "
                + _("Saldo por cobrar")
                + f": {fmt.money(a.balance, lang)}"
            ),
            "bold",
        ),
    ]
    return build(story, A4, lang=lang, title=_("Estado de cuenta del comprador"))


@in_language
def guide_rows(d: Any, lang: str) -> list[tuple[str, str]]:
    shift = {"am": _("mañana"), "pm": _("tarde")}
    rows = [
        (_("Comprador"), f"{d.buyer} {d.buyer_name}"),
        (_("Fecha"), f"{fmt.day(d.day, lang)} {shift.get(d.shift, d.shift)}"),
        (_("Centro"), d.centre or "—"),
        (_("Cantidad"), fmt.quantity(d.quantity, d.unit, lang)),
    ]
    if d.temperature is not None:
        rows.append((_("Temperatura"), fmt.temperature(d.temperature, lang)))
    if d.alcohol_positive is not None:
        rows.append(
            (
                _("Prueba de alcohol"),
                _("POSITIVA") if d.alcohol_positive else _("negativa"),
            )
        )
    for key, value in d.measures.items():
        label = measure_name(key)  # guide_rows runs in the document's language
        rows.append(
            (label, fmt.density(value, lang) if key == "density" else fmt.percent(value, 2, lang))
        )
    return rows


@in_language
def render_guide(
    d: Any, header: Header, size: str = "80mm", lang: str = "es", area: RollArea | None = None
) -> bytes:
    """The dispatch guide that travels with the milk: the buyer signs what it received."""
    title = _("GUÍA DE DESPACHO") + f" {d.guide}"
    mark = _("ANULADO") if d.void else ""
    sign = _("Recibí conforme (comprador)")
    if size == "80mm":
        roll = area or roll_area(80)  # a printer's own printable width, when it says it
        s = roll_styles(roll)
        width = roll.frame
        table = Table(
            [
                [Paragraph(escape(a), s["small"]), Paragraph(escape(b), s["base"])]
                for a, b in guide_rows(d, lang)
            ],
            colWidths=[0.34 * width, 0.66 * width],
        )
        table.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        story: list[Flowable] = [
            Paragraph(escape(header.name), s["center"]),
            Paragraph(escape(f"RUC {header.ruc}") if header.ruc else "", s["center"]),
            Paragraph(escape(title), s["bold"]),
            HRFlowable(width="100%", thickness=0.8, color="black", spaceBefore=1, spaceAfter=2),
            table,
            Spacer(1, 10 * mm),
            SignLine(),
            Paragraph(escape(sign), s["center"]),
        ]
        return build_roll(story, roll, mark=mark, title=title)
    width = A5[0] - 24 * mm
    story = [
        header_block(header, title, "", width),
        Spacer(1, 5 * mm),
        grid(
            [[a, b] for a, b in guide_rows(d, lang)],
            [width * 0.35, width * 0.65],
            header_rows=0,
            size=10,
        ),
        Spacer(1, 18 * mm),
        SignLine(),
        p(escape(sign), "center"),
    ]
    return build(story, A5, mark=mark, lang=lang, title=title)

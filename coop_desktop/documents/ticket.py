"""The delivery ticket, printed on an 80 mm or 58 mm thermal roll when the milk is received."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from coop_desktop import formatting as fmt
from coop_desktop.documents import fonts
from coop_desktop.documents.dto import TicketDoc
from coop_desktop.documents.layout import build_roll, escape, roll_styles, tr
from coop_desktop.documents.text import day, grouped

WIDTHS = {80: 80 * mm, 58: 58 * mm}


def ticket_rows(t: TicketDoc) -> list[tuple[str, str]]:
    """The ticket's label/value rows: the same record on the PDF ticket, the ticket drawn
    for a printer driver and the ESC/POS ticket of a receipt printer."""
    lang = t.header.lang
    shift = {"am": tr(lang, "mañana", "morning"), "pm": tr(lang, "tarde", "afternoon")}
    rows = [
        (tr(lang, "Socio", "Member"), f"{t.member.code} {t.member.name}"),
        (tr(lang, "Fecha", "Date"), f"{day(t.day)} {shift.get(t.shift, t.shift)}"),
        (tr(lang, "Cantidad", "Quantity"), f"{grouped(t.quantity, 1)} {t.unit}"),
    ]
    if t.temperature is not None:
        rows.append((tr(lang, "Temperatura", "Temperature"), f"{t.temperature} °C"))
    if t.density is not None:
        rows.append((tr(lang, "Densidad", "Density"), f"{t.density}"))
    if t.alcohol_positive is not None:
        rows.append(
            (
                tr(lang, "Prueba de alcohol", "Alcohol test"),
                tr(lang, "POSITIVA", "POSITIVE")
                if t.alcohol_positive
                else tr(lang, "negativa", "negative"),
            )
        )
    status = (
        tr(lang, "RECHAZADA: ", "REJECTED: ") + (t.reason or "")
        if t.rejected
        else tr(lang, "ACEPTADA", "ACCEPTED")
    )
    rows.append((tr(lang, "Estado", "Status"), status))
    totals = t.period_totals or (("L", t.period_litres),)  # each unit apart, never added
    rows.append((f"Total {t.period}", " + ".join(fmt.quantity(q, u, lang) for u, q in totals)))
    return rows


def ticket_title(t: TicketDoc) -> str:
    return tr(t.header.lang, "TICKET DE ENTREGA", "DELIVERY TICKET") + f" {t.number}"


def signature_line(t: TicketDoc) -> str:
    return tr(t.header.lang, "Firma del socio o huella", "Member's signature or thumbprint")


class TicketRenderer:
    def __init__(self, width_mm: int = 80, invariant: bool = False) -> None:
        if width_mm not in WIDTHS:
            raise ValueError("ticket width must be 80 or 58 mm")
        self.width = WIDTHS[width_mm]
        self.invariant = invariant

    def render(self, t: TicketDoc) -> bytes:
        s = roll_styles(self.width)
        story: list[Flowable] = [
            Paragraph(escape(t.header.name), s["center"]),
            Paragraph(escape(f"RUC {t.header.ruc}") if t.header.ruc else "", s["center"]),
            Paragraph(escape(ticket_title(t)), s["bold"]),
            HRFlowable(width="100%", thickness=0.6, spaceBefore=1, spaceAfter=2),
        ]
        rows = ticket_rows(t)
        label_w = 0.36 * (self.width - 6 * mm)
        table = Table(
            [[Paragraph(escape(a), s["small"]), Paragraph(escape(b), s["base"])] for a, b in rows],
            colWidths=[label_w, None],
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                    ("FONT", (0, 0), (-1, -1), fonts.REGULAR),
                ]
            )
        )
        story += [
            table,
            Spacer(1, 3 * mm),
            HRFlowable(width="60%", thickness=0.4, spaceAfter=1),
            Paragraph(escape(signature_line(t)), s["center"]),
        ]
        if t.mark:
            story.insert(0, Paragraph(escape(t.mark), s["big"]))
        return build_roll(
            story, self.width, mark=t.mark, invariant=self.invariant, title=f"Ticket {t.number}"
        )

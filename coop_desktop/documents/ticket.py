"""The delivery ticket, printed on an 80 mm or 58 mm thermal roll when the milk is received:
text of 8 pt or more, black rules only, everything inside the width the printer prints (72 mm
of an 80 mm roll, 48 mm of a 58 mm one, or less when the printer reports less). The one
ticket: printed, saved and reprinted alike (an ESC/POS receipt printer gets the same rows as
text, documents/escpos.py)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.i18n import _, in_language_of
from coop_desktop.documents.content import TicketDoc
from coop_desktop.documents.layout import RollArea, escape, roll_area, roll_styles
from coop_desktop.documents.pages import build_roll
from coop_desktop.documents.signatures import SignLine
from coop_desktop.language import formatting as fmt


@in_language_of("t.header.lang")
def ticket_rows(t: TicketDoc) -> list[tuple[str, str]]:
    """The ticket's label/value rows: the same record on the PDF ticket and on the ESC/POS
    ticket of a receipt printer. Quantities as recorded."""
    lang = t.header.lang
    shift = {"am": _("mañana"), "pm": _("tarde")}
    rows = [
        (_("Socio"), f"{t.member.code} {t.member.name}"),
        (_("Fecha"), f"{fmt.day(t.day, lang)} {shift.get(t.shift, t.shift)}"),
        (_("Cantidad"), fmt.quantity(t.quantity, t.unit, lang)),
    ]
    if t.temperature is not None:
        rows.append((_("Temperatura"), fmt.temperature(t.temperature, lang)))
    if t.density is not None:
        rows.append((_("Densidad"), fmt.density(t.density, lang)))
    if t.alcohol_positive is not None:
        rows.append(
            (
                _("Prueba de alcohol"),
                _("POSITIVA") if t.alcohol_positive else _("negativa"),
            )
        )
    status = _("RECHAZADA: ") + (t.reason or "") if t.rejected else _("ACEPTADA")
    rows.append((_("Estado"), status))
    totals = t.period_totals or (("L", t.period_litres),)  # each unit apart, never added
    rows.append(
        (
            _("Total del periodo"),
            " + ".join(fmt.quantity(q, u, lang) for u, q in totals)
            + f" ({_period(t.period, lang)})",
        )
    )
    return rows


def _period(code: str, lang: str) -> str:
    """The period in words; a code that is not a period (a sample ticket's "—") as it is."""
    try:
        return fmt.period(code, lang)
    except ValidationError:
        return code


@in_language_of("t.header.lang")
def ticket_title(t: TicketDoc) -> str:
    return _("TICKET DE ENTREGA") + f" {t.number}"


@in_language_of("t.header.lang")
def signature_line(t: TicketDoc) -> str:
    return _("Firma del socio o huella")


class TicketRenderer:
    """`area`: an 80 or 58 mm roll's standard area, or the area a printer reports."""

    def __init__(self, area: RollArea | int = 80, invariant: bool = False) -> None:
        self.area = roll_area(area) if isinstance(area, int) else area
        self.invariant = invariant

    def render(self, t: TicketDoc) -> bytes:
        s = roll_styles(self.area)
        story: list[Flowable] = [Paragraph(escape(t.header.name), s["center"])]
        if t.header.ruc:
            story.append(Paragraph(escape(f"RUC {t.header.ruc}"), s["center"]))
        story += [
            Paragraph(escape(ticket_title(t)), s["bold"]),
            HRFlowable(
                width="100%",
                thickness=0.8,
                color="black",
                spaceBefore=1,
                spaceAfter=2,
                lineCap="butt",
            ),
        ]
        width = self.area.frame
        rows = ticket_rows(t)
        small = s["small"]
        # the labels' longest word fits on its line ("Temperatura", not "Temperatur-a")
        longest = max(
            stringWidth(word, small.fontName, small.fontSize) for a, _ in rows for word in a.split()
        )
        label_w = min(max(0.3 * width, longest + 3), 0.45 * width)
        table = Table(
            [[Paragraph(escape(a), small), Paragraph(escape(b), s["base"])] for a, b in rows],
            colWidths=[label_w, width - label_w],
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ]
            )
        )
        story += [
            table,
            Spacer(1, 10 * mm),
            SignLine(),
            Paragraph(escape(signature_line(t)), s["center"]),
        ]
        return build_roll(
            story, self.area, mark=t.mark, invariant=self.invariant, title=f"Ticket {t.number}"
        )

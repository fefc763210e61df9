"""The advance receipt (recibo de adelanto), A5: the member signs that they received the cash
and that the next close deducts it."""

from __future__ import annotations

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from coop_desktop.core.i18n import _, in_language_of
from coop_desktop.documents.content import AdvanceDoc
from coop_desktop.documents.layout import RULE, header_block, p, place_of
from coop_desktop.documents.pages import build
from coop_desktop.documents.signatures import signatures
from coop_desktop.language import formatting as fmt

MARGIN = 10 * mm
_FEMININE = ("asociación", "cooperativa", "comunidad", "central", "federación", "junta")
_MASCULINE = ("comité", "centro", "consorcio", "grupo", "club")


def from_whom(name: str) -> str:
    """ "de la Asociación …", "del Comité …", "de Lácteos Sur": the preposition Spanish uses
    before the association's own name."""
    first = name.split(" ", 1)[0].lower()
    if first in _FEMININE:
        return f"de la {name}"
    if first in _MASCULINE:
        return f"del {name}"
    return f"de {name}"


class AdvanceRenderer:
    def __init__(self, invariant: bool = False) -> None:
        self.invariant = invariant

    def render(self, a: AdvanceDoc) -> bytes:
        width = A5[0] - 2 * MARGIN
        return build(
            self.story(a, width),
            A5,
            mark=a.mark,
            lang=a.header.lang,
            margin=MARGIN,
            footer=f"{a.number} · {a.member.code}",
            title=f"Adelanto {a.number}",
            invariant=self.invariant,
        )

    @staticmethod
    @in_language_of("a.header.lang")
    def story(a: AdvanceDoc, width: float) -> list[Flowable]:
        lang = a.header.lang
        m = a.member
        place = place_of(m.community, m.district, m.province, m.department)
        amount = Table(
            [[p(_("ADELANTO"), "big"), p(fmt.money(a.amount, lang), "bigright")]],
            colWidths=[width * 0.5, width * 0.5],
        )
        amount.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        # The member signs, so the member speaks: "I, <name>, received from <association>".
        said = _(
            "Yo, {name}, con DNI {value}, recibí {value2} la suma indicada en "
            "efectivo, como adelanto a cuenta de mi leche del periodo {value3}; se "
            "descontará en mi liquidación."
        ).format(
            name=m.name,
            value=m.dni or "—",
            value2=from_whom(a.header.name),
            value3=fmt.period(a.period, lang),
            name2=a.header.name,
        )
        return [
            header_block(a.header, _("RECIBO DE ADELANTO"), a.number, width),
            Spacer(1, 3 * mm),
            p(f"{_('Socio(a)')}: {m.name} ({m.code})", "bold"),
            p(" · ".join(x for x in (f"DNI {m.dni or '—'}", place) if x), "base"),
            p(f"{_('Fecha')}: {fmt.day(a.day, lang)}", "base"),
            KeepTogether(
                [
                    Spacer(1, 3 * mm),
                    amount,
                    Spacer(1, 1 * mm),
                    p(fmt.amount_in_words(a.amount, lang), "bold"),
                    Spacer(1, 3 * mm),
                    p(said, "base"),
                    Spacer(1, 6 * mm),
                    signatures(lang, width, member=_("Socio(a): firma")),
                ]
            ),
        ]

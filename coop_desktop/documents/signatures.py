"""Where people sign: black lines to sign on and a ruled box for a thumbprint of a size a
thumb fits (at least 20 × 25 mm; many members sign with their thumb)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from coop_desktop.core.i18n import _, in_language
from coop_desktop.documents import fonts
from coop_desktop.documents.layout import RULE, p, styles

THUMB = (22 * mm, 27 * mm)  # a thumbprint needs at least 20 × 25 mm
THUMB_MIN = (20 * mm, 25 * mm)


class ThumbBox(Flowable):  # type: ignore[misc]
    """A ruled box for the seller's thumbprint, of a size a thumb fits."""

    def __init__(self, label: str, size: float = 8, box: tuple[float, float] = THUMB) -> None:
        super().__init__()
        self.label = label
        self.size = size if label else 0
        self.width, self.height = box

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height + (self.size + 2 if self.label else 0)

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(RULE)
        c.setLineWidth(0.8)
        below = self.size + 2 if self.label else 0
        c.rect(0, below, self.width, self.height, stroke=1, fill=0)
        if self.label:
            c.setFont(fonts.REGULAR, self.size)
            c.drawCentredString(self.width / 2, 0, self.label)


@in_language
def signatures(
    lang: str,
    width: float,
    sheet: dict[str, ParagraphStyle] | None = None,
    member: str | None = None,
) -> Table:
    """The treasurer's and the member's signature lines and the member's thumbprint box."""
    sheet = sheet or styles()
    size = max(sheet["small"].fontSize, 7.5)
    thumb = ThumbBox(_("Huella digital"), size)
    treasurer = _("Tesorero(a)")
    member = member or _("Vendedor(a): firma")

    def sign(label: str) -> list[Flowable]:
        return [Spacer(1, 14 * mm), SignLine(), p(label, "center", sheet)]

    if width < 100 * mm:  # one under the other on a roll
        cells = [[sign(treasurer)], [sign(member)], [thumb]]
        table = Table(cells, colWidths=[width])
        table.setStyle(
            TableStyle(
                [
                    ("ALIGN", (0, 2), (0, 2), "CENTER"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 2), (0, 2), 4 * mm),
                ]
            )
        )
        return table
    side = (width - THUMB[0] - 4 * mm) / 2
    table = Table(
        [[sign(treasurer), sign(member), thumb]], colWidths=[side, side, THUMB[0] + 4 * mm]
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                ("RIGHTPADDING", (2, 0), (2, 0), 0),
            ]
        )
    )
    return table


@in_language
def collector_signatures(lang: str, width: float) -> Table:
    """The collector who received the milk and the treasurer who checked the sheet."""

    def sign(label: str) -> list[Flowable]:
        return [Spacer(1, 14 * mm), SignLine(), p(label, "center")]

    collector = _("Acopiador(a): firma")
    treasurer = _("Tesorero(a): firma")
    table = Table([[sign(collector), sign(treasurer)]], colWidths=[width / 2, width / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return table


class SignLine(Flowable):  # type: ignore[misc]
    """A black line to sign on, 80 % of the cell."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 2

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        self.canv.line(self.width * 0.1, 1, self.width * 0.9, 1)

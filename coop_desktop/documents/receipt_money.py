"""The money half of a payment receipt: each credit, deduction and debt as it was due, the
settlement's summary in the words every document uses (milk value, credits, deductions of
the period, debt brought in, debt carried on: domain/settlement.py SUMMARY_WORDS), the net in
a box and in words, and the signatures with the thumbprint box.

The summary, the net and the signatures are kept together under a line naming the member and
the receipt: whatever page they land on says whose acknowledgment it is and of what amounts
(a member with many deduction lines once got a second page with only the signatures)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from coop_desktop.core.i18n import _, in_language_of
from coop_desktop.documents.content import ReceiptDoc
from coop_desktop.documents.layout import RULE, grid, p
from coop_desktop.documents.signatures import signatures
from coop_desktop.domain.settlement import summary_word
from coop_desktop.language import formatting as fmt

METHODS = {
    "cash": ("Efectivo", "Cash"),
    "bank": ("Transferencia bancaria", "Bank transfer"),
    "wallet": ("Billetera móvil", "Mobile wallet"),
}


def _rows(rows: list[tuple[str, str]], width: float, sheet: dict[str, ParagraphStyle]) -> Table:
    """Label | amount, the amount right-aligned and never split from its "S/"."""
    return grid(
        [[p(a, "base", sheet), b] for a, b in rows],
        [width * 0.70, width * 0.30],
        header_rows=0,
        right_from=1,
        size=sheet["base"].fontSize,
    )


@in_language_of("r.header.lang")
def items(r: ReceiptDoc, width: float, sheet: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Each credit, deduction and carried debt as it was due."""
    lang = r.header.lang
    rows = [(f"+ {c.label}", fmt.amount(c.amount, lang)) for c in r.money.credits]
    for d in r.money.debits:
        label = d.label
        if d.kind == "carried":
            label = f"{summary_word('carried_in', lang)} — {d.label}"
        rows.append((f"− {label}", fmt.amount(d.due, lang)))
    if not rows:
        return []
    return [
        Spacer(1, 1.5 * mm),
        p(_("Descuentos, abonos y deudas"), "bold", sheet),
        _rows(rows, width, sheet),
    ]


@in_language_of("r.header.lang")
def settled(r: ReceiptDoc, width: float, sheet: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Who and which receipt, the summary, the net, and the signatures: one block (kept
    together on sheets; a roll has a single page)."""
    lang = r.header.lang
    s = r.money.summary
    lines = [(summary_word("milk", lang), fmt.money(s.milk, lang))]
    for sign, key, value in (
        ("+", "credits", s.credits),
        ("−", "deductions", s.deductions),
        ("−", "carried_in", s.carried_in),
        ("+", "carried_out", s.carried_out),
    ):
        if value or key == "deductions":
            lines.append((f"{sign} {summary_word(key, lang)}", fmt.money(value, lang)))
    net = _net_box(summary_word("net", lang).upper(), fmt.money(r.net, lang), width, sheet)
    block: list[Flowable] = [
        Spacer(1, 2 * mm),
        p(f"{r.member.name} ({r.member.code}) · {r.number}", "bold", sheet),
        _rows(lines, width, sheet),
        Spacer(1, 1.5 * mm),
        net,
        Spacer(1, 1 * mm),
        p(fmt.amount_in_words(r.net, lang), "bold", sheet),
    ]
    method = METHODS.get(r.payment_method or "")
    if method:
        block.append(
            p(
                f"{_('Forma de pago')}: {method[1] if lang == 'en' else method[0]}",
                "base",
                sheet,
            )
        )
    block += [Spacer(1, 6 * mm), signatures(lang, width, sheet)]
    return block


def _net_box(label: str, amount: str, width: float, sheet: dict[str, ParagraphStyle]) -> Table:
    """NETO A PAGAR and the amount in a box: side by side when both fit on one line, else
    the amount under the label (a 58 mm roll), never a word broken."""
    big = sheet["big"]
    needed = sum(stringWidth(t, big.fontName, big.fontSize) for t in (label, amount)) + 16
    label_p, amount_p = p(label, "big", sheet), p(amount, "bigright", sheet)
    if needed <= width:
        label_w = stringWidth(label, big.fontName, big.fontSize) + 8
        table = Table([[label_p, amount_p]], colWidths=[label_w, width - label_w])
    else:
        table = Table([[label_p], [amount_p]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table

"""The delivery ticket as ESC/POS commands, for a receipt printer that takes no driver (a raw
queue, a network port 9100, a USB or serial port): the same record as the PDF ticket, in
the printer's own font, bold and centred where the PDF is, then fed and cut.

Text is sent in code page 850 (ESC t 2), which every ESC/POS printer has and which holds
Spanish (ñ, á, é, í, ó, ú, ü, ¿, ¡, °); anything else prints as '?'.
"""

from __future__ import annotations

import textwrap

from coop_desktop.documents.content import TicketDoc
from coop_desktop.documents.ticket import signature_line, ticket_rows, ticket_title

ESC = b"\x1b"
GS = b"\x1d"
INIT = ESC + b"@"
CODEPAGE_850 = ESC + b"t\x02"
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
LEFT, CENTRE = ESC + b"a\x00", ESC + b"a\x01"
DOUBLE, NORMAL = GS + b"!\x11", GS + b"!\x00"
CUT = GS + b"VA\x03"  # feed 3 lines, then a partial cut
COLUMNS = {80: 48, 58: 32}  # font A, 12 × 24 dots, at 576 and 384 dots per line


def _text(value: str) -> bytes:
    return value.encode("cp850", errors="replace")


class EscposTicket:
    """TicketDoc in, ESC/POS bytes out (80 mm: 48 columns; 58 mm: 32)."""

    def __init__(self, width_mm: int = 80) -> None:
        if width_mm not in COLUMNS:
            raise ValueError("ticket width must be 80 or 58 mm")
        self.columns = COLUMNS[width_mm]

    def _wrap(self, text: str, width: int | None = None) -> list[str]:
        return textwrap.wrap(text, width or self.columns) or [""]

    def render(self, t: TicketDoc) -> bytes:
        out = bytearray(INIT + CODEPAGE_850 + CENTRE)
        if t.mark:
            out += DOUBLE + BOLD_ON + _text(t.mark) + b"\n" + BOLD_OFF + NORMAL
        for line in self._wrap(t.header.name):
            out += _text(line) + b"\n"
        if t.header.ruc:
            out += _text(f"RUC {t.header.ruc}") + b"\n"
        out += LEFT + BOLD_ON + _text(ticket_title(t)) + b"\n" + BOLD_OFF
        out += _text("-" * self.columns) + b"\n"
        label_w = max(len(a) for a, _ in ticket_rows(t)) + 1
        value_w = self.columns - label_w
        for label, value in ticket_rows(t):
            lines = self._wrap(value, value_w)
            out += _text(label.ljust(label_w)) + BOLD_ON + _text(lines[0]) + BOLD_OFF + b"\n"
            for more in lines[1:]:
                out += _text(" " * label_w) + BOLD_ON + _text(more) + BOLD_OFF + b"\n"
        out += b"\n\n\n" + CENTRE + _text("_" * min(30, self.columns)) + b"\n"
        out += _text(signature_line(t)) + b"\n" + LEFT + CUT
        return bytes(out)


def escpos_text(data: bytes) -> str:
    """The printable text of ESC/POS bytes made here (commands removed), for tests and for
    showing what a receipt printer was sent."""
    commands = (INIT, CODEPAGE_850, BOLD_ON, BOLD_OFF, LEFT, CENTRE, DOUBLE, NORMAL, CUT)
    for command in commands:
        data = data.replace(command, b"")
    return data.decode("cp850")


def trial_page(title: str, lines: list[str], width_mm: int = 80) -> bytes:
    """A short page for the test-print button of a receipt printer."""
    columns = COLUMNS.get(width_mm, 48)
    out = bytearray(INIT + CODEPAGE_850 + CENTRE + BOLD_ON + _text(title) + b"\n" + BOLD_OFF)
    out += LEFT
    for line in lines:
        for part in textwrap.wrap(line, columns) or [""]:
            out += _text(part) + b"\n"
    out += _text("-" * columns) + b"\n" + CUT
    return bytes(out)

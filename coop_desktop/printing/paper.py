"""What a printer offers: its paper sizes, each with the margins the printer cannot print on
(a PPD's ImageableArea, QPageLayout's minimum margins, the Windows driver's), and the range
of custom sizes when its driver takes them. A roll printer is told from a sheet printer by
what it offers: nothing wider than a roll.

The rules that pick a sheet live here too, so the window and `coop print --printer` choose
alike: a roll document (a ticket, a roll receipt) takes the roll's width with the shortest
length that holds it (exactly its length on a custom-size driver); a page takes its own size,
or the smallest sheet that holds it at full size."""

from __future__ import annotations

from dataclasses import dataclass, field

ROLL_MAX = 120.0  # mm: nothing a roll printer offers is wider (80, 58, 112 mm rolls)
SAME = 1.5  # mm: two sizes closer than this are the same paper (A4 is 210 × 297 or 209.9)


@dataclass(frozen=True, slots=True)
class Margins:
    """The strips along each edge (mm) a printer cannot print on, the sheet upright."""

    left: float = 0.0
    top: float = 0.0
    right: float = 0.0
    bottom: float = 0.0

    def turned(self) -> Margins:
        """The margins of the sheet fed upright for a landscape page. Which way a driver turns
        the page differs, so each edge takes the larger of the two it could become."""
        side = max(self.top, self.bottom)
        end = max(self.left, self.right)
        return Margins(side, end, side, end)


@dataclass(frozen=True, slots=True)
class Sheet:
    """A paper size a printer offers (mm, upright); `key` is the name the print service is
    asked for ('' for a custom size); `margins` what it cannot print on."""

    key: str
    width: float
    height: float
    margins: Margins = field(default_factory=Margins)

    def holds(self, width: float, height: float, slack: float = 0.6) -> bool:
        return self.width + slack >= width and self.height + slack >= height

    @property
    def printable_width(self) -> float:
        return self.width - self.margins.left - self.margins.right

    def upright(self) -> Sheet:
        if self.width <= self.height:
            return self
        m = self.margins
        return Sheet(self.key, self.height, self.width, Margins(m.bottom, m.left, m.top, m.right))


@dataclass(frozen=True, slots=True)
class Paper:
    """Everything a printer offers: named sizes, the custom range if any (with the margins
    the driver keeps on custom sizes) and its resolution (0: unknown)."""

    sheets: tuple[Sheet, ...]
    custom_min: tuple[float, float] | None = None
    custom_max: tuple[float, float] | None = None
    custom_margins: Margins = field(default_factory=Margins)
    resolution: int = 0

    @property
    def known(self) -> bool:
        """False for a queue that names no paper at all (a raw queue)."""
        return bool(self.sheets) or self.custom_max is not None

    @property
    def roll_width(self) -> float | None:
        """The roll's width (mm) when this is a roll printer: nothing it offers is wider than
        a roll. None for a sheet printer or a queue that names no paper."""
        widths = [min(s.width, s.height) for s in self.sheets]
        if self.custom_max is not None:
            widths.append(self.custom_max[0])
        if not widths or max(widths) > ROLL_MAX:
            return None
        return max(widths)

    def custom(self, width: float, length: float) -> Sheet | None:
        """A custom sheet of exactly `width` × `length` mm, when the driver takes that size
        (a width a little over its maximum is its maximum: 80 mm on a 79.7 mm driver)."""
        if self.custom_min is None or self.custom_max is None:
            return None
        (wmin, hmin), (wmax, hmax) = self.custom_min, self.custom_max
        wide = width if width <= wmax + 0.6 else wmax
        if width - wide > 2.0 or wide < wmin - 0.6 or length > hmax + 0.6:
            return None
        return Sheet("", wide, max(length, hmin), self.custom_margins)


def roll_sheet(paper: Paper, width: float, length: float) -> Sheet | None:
    """The paper for a roll document `width` × `length` mm: exactly its size when the driver
    takes custom sizes; else the roll's width with the shortest length that holds it (the
    longest one when none does: the document runs on over several); else the smallest sheet
    that holds it (it prints at the top, full size, never turned)."""
    exact = paper.custom(width, length)
    if exact is not None:
        return exact
    upright = [s.upright() for s in paper.sheets]
    rolls = [s for s in upright if abs(s.width - width) <= 2.0]
    fitting = sorted((s for s in rolls if s.holds(width, length)), key=lambda s: s.height)
    if fitting:
        return fitting[0]
    if rolls:
        return max(rolls, key=lambda s: s.height)
    holders = sorted(
        (s for s in upright if s.holds(width, length)), key=lambda s: s.width * s.height
    )
    return holders[0] if holders else None


def page_sheet(paper: Paper, width: float, height: float) -> tuple[Sheet, bool] | None:
    """The sheet for a page `width` × `height` mm (upright) and whether it is that very size:
    the same size when offered, else the smallest sheet that holds it at full size, else the
    largest sheet. None when the driver names no sizes (a raw queue)."""
    short, long_ = sorted((width, height))
    sheets = [s.upright() for s in paper.sheets]
    for s in sheets:
        if abs(s.width - short) <= SAME and abs(s.height - long_) <= SAME:
            return s, True
    holders = sorted((s for s in sheets if s.holds(short, long_)), key=lambda s: s.width * s.height)
    if holders:
        return holders[0], False
    if sheets:
        return max(sheets, key=lambda s: s.width * s.height), False
    return None

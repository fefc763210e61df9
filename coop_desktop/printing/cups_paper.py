"""The paper a CUPS queue offers, as the print service describes it (from its PPD or the
printer itself, through libcups' destination info): each size with the margins it cannot print
on, and the custom range with the widest margins it names."""

from __future__ import annotations

import ctypes
import re

from coop_desktop.printing.cups import CupsError, _last_error, _lib, _lock, _Size
from coop_desktop.printing.paper import Margins, Paper, Sheet

CUSTOM = re.compile(r"^custom_(min|max)_([\d.]+)x([\d.]+)(mm|in)$")


def _supported(lib: ctypes.CDLL, dest: object, info: object, attr: str) -> list[object]:
    found = lib.cupsFindDestSupported(None, dest, info, attr.encode())
    if not found:
        return []
    read = lib.ippGetInteger if attr.endswith("margin") else lib.ippGetString
    args = () if attr.endswith("margin") else (None,)
    return [read(found, i, *args) for i in range(lib.ippGetCount(found))]


def paper(name: str) -> Paper:
    """The paper queue `name` offers, as the print service describes it (from the PPD or
    the printer itself): each size with its margins, and the custom range. A queue that
    names no paper (a raw queue) offers none. Raises CupsError when CUPS cannot be asked."""
    lib = _lib()
    if lib is None:
        raise CupsError("libcups")
    with _lock:
        dest = lib.cupsGetNamedDest(None, name.encode("utf-8"), None)
        if not dest:
            raise CupsError(_last_error(lib) or name)
        info = lib.cupsCopyDestInfo(None, dest)
        try:
            if not info:
                return Paper(())
            sheets = []
            for i in range(lib.cupsGetDestMediaCount(None, dest, info, 0)):
                size = _Size()
                if lib.cupsGetDestMediaByIndex(None, dest, info, i, 0, ctypes.byref(size)):
                    sheets.append(_sheet(size))
            return _with_custom(lib, dest, info, tuple(sheets))
        finally:
            if info:
                lib.cupsFreeDestInfo(info)
            lib.cupsFreeDests(1, dest)


def _sheet(size: _Size) -> Sheet:
    key = size.media.decode("utf-8", "replace").removesuffix("_borderless")
    return Sheet(
        key,
        size.width / 100,
        size.length / 100,
        Margins(size.left / 100, size.top / 100, size.right / 100, size.bottom / 100),
    )


def _with_custom(lib: ctypes.CDLL, dest: object, info: object, sheets: tuple[Sheet, ...]) -> Paper:
    """The custom range (media-supported's custom_min_/custom_max_), with the widest margins
    the printer names for any size."""
    low = high = None
    for value in _supported(lib, dest, info, "media"):
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else ""
        match = CUSTOM.match(text)
        if match:
            unit = 25.4 if match[4] == "in" else 1.0
            size = (float(match[2]) * unit, float(match[3]) * unit)
            low, high = (size, high) if match[1] == "min" else (low, size)
    if low is None or high is None:
        return Paper(sheets)

    def widest(side: str) -> float:
        values = [int(v) for v in _supported(lib, dest, info, f"media-{side}-margin")]  # type: ignore[call-overload]
        return max(values, default=0) / 100

    margins = Margins(widest("left"), widest("top"), widest("right"), widest("bottom"))
    return Paper(sheets, low, high, margins)

"""The canonical quality measures: keys, units, storage scale, absurd limits and references.

These keys are used everywhere: the database columns, price schemes, the CLI and imports.
Reference values follow NTP 202.001 as quoted in DOMAIN.md; associations may edit them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coop_desktop.core.numbers import D


@dataclass(frozen=True, slots=True)
class Measure:
    key: str
    unit: str  # the names and the units said in words are the catalogue's (core/messages)
    scale: int  # decimal places kept (and stored as integer minor units)
    minimum: Decimal | None  # below this a value is absurd and refused
    maximum: Decimal | None  # above this a value is absurd and refused
    boolean: bool = False  # pass/fail tests: True means positive (bad)
    ref_low: Decimal | None = None  # reference range for highlighting and statements
    ref_high: Decimal | None = None


def _m(
    key: str,
    unit: str,
    scale: int,
    lo: str | None,
    hi: str | None,
    ref_low: str | None = None,
    ref_high: str | None = None,
) -> Measure:
    return Measure(
        key,
        unit,
        scale,
        D(lo) if lo is not None else None,
        D(hi) if hi is not None else None,
        False,
        D(ref_low) if ref_low is not None else None,
        D(ref_high) if ref_high is not None else None,
    )


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        _m("fat", "%", 2, "0", "20", "3.2", None),
        _m("protein", "%", 2, "0", "15", "2.9", None),
        _m("st", "%", 2, "0", "30", "11.4", None),
        _m("snf", "%", 2, "0", "20", "8.2", None),
        _m("density", "g/mL", 4, "0.9", "1.1", "1.0296", "1.0340"),
        _m("acidity", "g ác. láctico/100 g", 3, "0", "2", "0.13", "0.17"),
        _m(
            "ufc",
            "UFC/mL",
            0,
            "0",
            "100000000",
            None,
            "1000000",
        ),
        _m(
            "scc",
            "cél./mL",
            0,
            "0",
            "20000000",
            None,
            "500000",
        ),
        _m("tram", "h", 2, "0", "24", "4", None),
        _m("temperature", "°C", 1, "-5", "60"),
        _m("added_water", "%", 2, "0", "100", None, "0"),
        Measure("alcohol", "", 0, None, None, True),
        Measure("antibiotics", "", 0, None, None, True),
    )
}

NUMERIC_KEYS: tuple[str, ...] = tuple(k for k, m in MEASURES.items() if not m.boolean)


def out_of_reference(key: str, value: Decimal) -> bool:
    """True when a plausible value is outside the reference range (to highlight it)."""
    m = MEASURES[key]
    if m.ref_low is not None and value < m.ref_low:
        return True
    return m.ref_high is not None and value > m.ref_high


def total_solids(measures: dict[str, Decimal | bool]) -> Decimal | None:
    """Total solids derived from the fat and the solids-not-fat, which they are made of (ST =
    grasa + SNF), when a reading gives both and no ST of its own (analyzers measure fat and
    SNF; schemes of the Peruvian family price ST)."""
    fat, snf = measures.get("fat"), measures.get("snf")
    if "st" in measures or not isinstance(fat, Decimal) or not isinstance(snf, Decimal):
        return None
    return fat + snf

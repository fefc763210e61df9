"""Lines from instruments on a serial port: milk analyzers (Lactoscan, Ekomilk, Milkotester
families) and weighing scales. Pure text in, readings out — the Qt serial reader in ui/ and a
plain reader both feed bytes to `LineAssembler` and lines to a format.

What is known and what is assumed about each family's output is in docs/imports.md: the
layouts here are presets, and every one can be replaced by a pattern of its own. A line that
does not match completely (garbage, a line cut by a restart, a value out of range) is
refused with the reason, never half-read.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.numbers import ONE, D, parse_number, quantize
from coop_desktop.domain import validation as v
from coop_desktop.domain.import_cells import density_reading
from coop_desktop.domain.import_columns import header_key
from coop_desktop.domain.measures import MEASURES

MAX_LINE = 512
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class LineAssembler:
    """Bytes as they arrive (in any chunks) → complete lines. CR, LF or CRLF end a line;
    control characters such as STX/ETX are dropped; a run longer than `max_line` without an
    end is noise and is discarded (then the next complete line is read normally)."""

    def __init__(self, max_line: int = MAX_LINE) -> None:
        self.max_line = max_line
        self._buffer = ""
        self.discarded = 0

    def feed(self, data: bytes) -> list[str]:
        text = self._buffer + _CONTROL.sub("", data.decode("latin-1"))
        parts = re.split(r"\r\n|\r|\n", text)
        self._buffer = parts.pop()
        if len(self._buffer) > self.max_line:
            self._buffer = ""
            self.discarded += 1
        lines = []
        for part in parts:
            if len(part) > self.max_line:
                self.discarded += 1
            elif part.strip():
                lines.append(part.strip())
        return lines


def _number(text: str, field: str) -> Decimal:
    return parse_number(text.replace("+", "", 1) if text.startswith("+") else text, field, None)


# --- Milk analyzers -------------------------------------------------------------------

KEY_NAMES: dict[str, str] = {
    "fat": "fat",
    "f": "fat",
    "grasa": "fat",
    "mg": "fat",
    "snf": "snf",
    "sng": "snf",
    "density": "density",
    "dens": "density",
    "den": "density",
    "d": "density",
    "densidad": "density",
    "protein": "protein",
    "prot": "protein",
    "pro": "protein",
    "proteina": "protein",
    "water": "added_water",
    "added water": "added_water",
    "aw": "added_water",
    "w": "added_water",
    "agua": "added_water",
    "addwater": "added_water",
    "temp": "temperature",
    "t": "temperature",
    "temperature": "temperature",
    "solids": "st",
    "ts": "st",
    "st": "st",
    "acidity": "acidity",
    "acidez": "acidity",
}
IGNORED_KEYS = {
    "lactose",
    "lac",
    "lact",
    "salts",
    "salt",
    "sal",
    "fp",
    "freezing point",
    "freezing",
    "ph",
    "conductivity",
    "cond",
    "ec",
    "lactosa",
    "mode",
    "milk",
    "fpd",
}
SAMPLE_KEYS = {"sample", "id", "n", "no", "nr", "muestra", "code", "codigo", "supplier"}
_PAIR = re.compile(r"([A-Za-z][A-Za-z _.]*?)\s*[=:]\s*([-+]?\d+(?:[.,]\d+)?)\s*%?")


@dataclass(frozen=True)
class AnalyzerFormat:
    """How a model writes one result. `kind`: "pairs" (KEY=VALUE … in any order),
    "columns" (one value per position, `columns` naming each; "-" skips one) or "regex"
    (`pattern` with named groups: measure keys and, optionally, `sample`)."""

    name: str
    kind: str
    columns: tuple[str, ...] = ()
    separator: str | None = None  # columns: None = any run of spaces, ";" or ","
    pattern: str = ""
    required: tuple[str, ...] = ("fat",)


PRESETS: dict[str, AnalyzerFormat] = {
    "pairs": AnalyzerFormat("pairs", "pairs"),
    "lactoscan": AnalyzerFormat(
        "lactoscan",
        "columns",
        ("fat", "snf", "density", "protein", "-", "-", "added_water", "temperature"),
    ),
    "ekomilk": AnalyzerFormat(
        "ekomilk", "columns", ("fat", "snf", "density", "added_water", "protein", "temperature")
    ),
    "milkotester": AnalyzerFormat("milkotester", "pairs"),
}


@dataclass(frozen=True)
class AnalyzerReading:
    measures: dict[str, Decimal]
    sample: str | None
    line: str


def _measure(key: str, text: str) -> Decimal:
    """A reading as the column keeps it: density in g/mL (kg/m³ and lactometer degrees
    converted), extra digits rounded half up to the column's scale, then the range check a
    typed value meets."""
    value = _number(text, key)
    if key == "density":
        value = density_reading(value)
    value = quantize(value, ONE.scaleb(-MEASURES[key].scale))
    checked = v.measure(key, value)
    assert isinstance(checked, Decimal)
    return checked


def parse_analyzer_line(line: str, fmt: AnalyzerFormat) -> AnalyzerReading:
    """One line → a reading with every measure it carries; ValidationError otherwise."""
    text = line.strip()
    raw: dict[str, str] = {}
    sample: str | None = None
    if fmt.kind == "pairs":
        rest = _PAIR.sub("", text)
        if rest.strip(" ,;\t|"):
            raise ValidationError(
                "bad_pattern", "pattern", value=text[:60], reason=f"«{rest.strip()[:30]}»"
            )
        for name, value in _PAIR.findall(text):
            key = header_key(name)
            if key in KEY_NAMES:
                raw[KEY_NAMES[key]] = value
            elif key in SAMPLE_KEYS:
                sample = value
            elif key not in IGNORED_KEYS:
                raise ValidationError(
                    "unknown_measure",
                    "measure",
                    value=name,
                    valid=", ".join(sorted(set(KEY_NAMES))),
                )
    elif fmt.kind == "columns":
        cells = text.split(fmt.separator) if fmt.separator else re.split(r"[\s;,]+", text)
        cells = [c.strip() for c in cells]
        if len(cells) != len(fmt.columns):
            raise ValidationError(
                "bad_pattern",
                "pattern",
                value=text[:60],
                reason=f"{len(cells)} ≠ {len(fmt.columns)}",
            )
        for key, value in zip(fmt.columns, cells, strict=True):
            if key == "sample":
                sample = value
            elif key != "-":
                raw[key] = value
    else:
        match = compile_pattern(fmt.pattern).fullmatch(text)
        if match is None:
            raise ValidationError("bad_pattern", "pattern", value=text[:60], reason="≠")
        for key, value in match.groupdict().items():
            if value is None:
                continue
            if key == "sample":
                sample = value
            else:
                raw[key] = value
    for key in fmt.required:
        if key not in raw:
            raise ValidationError("required", key)
    return AnalyzerReading({k: _measure(k, t) for k, t in raw.items()}, sample, text)


@lru_cache(maxsize=32)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A custom pattern: a regular expression whose named groups are measure keys (or
    `sample`, or for scales `weight`, `unit`, `status`, `unstable`)."""
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValidationError("bad_pattern", "pattern", value=pattern, reason=str(exc)) from None
    allowed = set(MEASURES) | {"sample", "weight", "unit", "status", "unstable", "sign"}
    unknown = set(compiled.groupindex) - allowed
    if unknown:
        raise ValidationError(
            "bad_pattern", "pattern", value=pattern, reason=", ".join(sorted(unknown))
        )
    return compiled


# --- Weighing scales ------------------------------------------------------------------

SCALE_PRESETS: dict[str, str] = {
    # "ST,GS,+  12.50kg": stability (ST stable, US unstable, OL overload), gross/net, sign.
    "st-gs": r"\s*(?P<status>ST|US|OL)\s*,\s*(?:GS|NT)\s*,?\s*(?P<sign>[+-])?\s*"
    r"(?P<weight>\d+(?:[.,]\d+)?)\s*(?P<unit>kg|g|lb)\s*",
    # "     12.73 g  ?": a trailing "?" while the weight moves.
    "question-mark": r"\s*(?P<sign>-)?\s*(?P<weight>\d+(?:[.,]\d+)?)\s*(?P<unit>kg|g|lb)"
    r"\s*(?P<unstable>\?)?\s*",
    # A bare number, optionally with its unit: stability by repetition only.
    "number": r"\s*(?P<sign>[+-])?\s*(?P<weight>\d+(?:[.,]\d+)?)\s*(?P<unit>kg|g)?\s*",
}


@dataclass(frozen=True)
class ScaleReading:
    weight: Decimal  # kg, to the gram
    stable: bool | None  # what the scale says (None: it says nothing)
    line: str


@lru_cache(maxsize=32)
def scale_pattern(pattern: str) -> re.Pattern[str]:
    """A scale's pattern (a preset's or one of its own), checked: a `weight` group is
    needed; letters match in either case (ST or st, KG or kg)."""
    compile_pattern(pattern)
    compiled = re.compile(pattern, re.IGNORECASE)
    if "weight" not in compiled.groupindex:
        raise ValidationError("bad_pattern", "pattern", value=pattern, reason="(?P<weight>…)")
    return compiled


def parse_scale_line(line: str, pattern: str) -> ScaleReading:
    match = scale_pattern(pattern).fullmatch(line.strip())
    if match is None:
        raise ValidationError("bad_pattern", "pattern", value=line.strip()[:60], reason="≠")
    groups = match.groupdict()
    status = (groups.get("status") or "").upper()
    if status == "OL":
        raise ValidationError("scale_overload", "weight")
    unit = (groups.get("unit") or "kg").lower()
    weight = _number(groups["weight"], "weight")
    if unit == "g":
        weight = weight / 1000
    elif unit != "kg":
        raise ValidationError("scale_unit", "weight", value=unit)
    if groups.get("sign") == "-":
        weight = -weight
    stable: bool | None = None
    if status:
        stable = status == "ST"
    elif "unstable" in groups:
        stable = groups["unstable"] is None
    return ScaleReading(quantize(weight, D("0.001")), stable, line.strip())


@dataclass
class StableWeight:
    """A weight becomes the quantity once: when the scale does not say it is moving and the
    last `count` readings agree within `tolerance` (kg), above `minimum`. It is offered again
    only after the platform empties (below `minimum`) or the weight changes."""

    count: int = 3
    tolerance: Decimal = field(default_factory=lambda: D("0.02"))
    minimum: Decimal = field(default_factory=lambda: D("0.2"))
    _window: deque[Decimal] = field(default_factory=deque)
    _offered: Decimal | None = None

    @property
    def offered(self) -> Decimal | None:
        """The weight last given as the quantity (until the platform empties)."""
        return self._offered

    def push(self, reading: ScaleReading) -> Decimal | None:
        if reading.weight < self.minimum:
            self._window.clear()
            self._offered = None
            return None
        if reading.stable is False:
            self._window.clear()
            return None
        self._window.append(reading.weight)
        while len(self._window) > self.count:
            self._window.popleft()
        if len(self._window) < self.count:
            return None
        if max(self._window) - min(self._window) > self.tolerance:
            return None
        if self._offered is not None and abs(reading.weight - self._offered) <= self.tolerance:
            return None
        self._offered = reading.weight
        return reading.weight

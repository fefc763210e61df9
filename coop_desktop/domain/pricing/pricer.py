"""The pricing engine: a scheme, compiled once, turns quantity and quality into money.

Rounding, in this order and nowhere else:
1. litres ↔ kg (and lb) per delivery, half up to the gram or millilitre;
2. the unit price, half up to 1/10000 of the currency (what the database keeps);
3. an amount, quantity × unit price, half up to the céntimo.
A breakdown's lines (quantity × each component's amount per unit, each rounded to the céntimo)
add up exactly to the amount: any difference is put on a visible "Redondeo" line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from coop_desktop.domain.pricing import model as m
from coop_desktop.domain.pricing import scheme_messages as _messages  # noqa: F401 - registers texts
from coop_desktop.errors import Refused
from coop_desktop.numbers import GRAM, ZERO, floor_to, quantize, trim

PRICE_STEP = Decimal("0.0001")
CENT = Decimal("0.01")
HUNDRED = Decimal(100)

Measures = Mapping[str, Decimal | bool]


class MissingQuality(Refused):
    """A measure the scheme needs is missing (or a value falls outside its chart) and the
    scheme says to stop."""

    def __init__(
        self, measures: list[str], what: str = "la entrega", code: str = "missing_quality"
    ) -> None:
        super().__init__(code, measures=", ".join(measures), what=what)
        self.measures = measures

    def about(self, what: str) -> MissingQuality:
        return MissingQuality(self.measures, what, self.code)


class PriceLine(NamedTuple):
    """One factor of a price (a NamedTuple: immutable and cheap to build by the thousand)."""

    kind: str
    label: str
    measure: str | None
    value: Decimal | None  # the measure value used (None when missing or not a measure)
    rule: str  # the band label, the rate, or the step rule, for the member to read
    per_unit: Decimal  # amount per pricing unit
    amount: Decimal  # quantity × per_unit, rounded to the céntimo
    note: str = ""


@dataclass(frozen=True, slots=True)
class PriceResult:
    currency: str
    unit: str  # the scheme's pricing unit
    quantity: Decimal  # in the pricing unit
    kg: Decimal
    litres: Decimal
    unit_price: Decimal
    amount: Decimal
    rejected: bool
    reason: str | None
    lines: tuple[PriceLine, ...]
    warnings: tuple[str, ...] = ()


class _Part(NamedTuple):
    """One component evaluated per unit (cached per quality key; cheap to build)."""

    component: m.Component
    kind: str
    measure: str | None
    value: Decimal | None
    rule: str
    per_unit: Decimal
    note: str = ""


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _signed(value: Decimal) -> str:
    return ("+" if value >= 0 else "") + trim(value)


class Pricer:
    """A compiled scheme. `price()` explains; `amount()` is the fast path for totals."""

    def __init__(self, scheme: m.Scheme, lang: str = "es") -> None:
        """`lang` is the language of the rules a line says ("+0.01 por cada 0.1 sobre
        11.4"): the association's for its documents, the screen's for a calculator."""
        self.scheme = scheme
        self.needed = scheme.measures()
        base = scheme.unit.removeprefix("100")
        self._base = base
        self._hundred = scheme.unit.startswith("100")
        self._mass_per_unit = (scheme.density if base == "L" else Decimal(1)) * (
            HUNDRED if self._hundred else Decimal(1)
        )
        self._cache: dict[tuple[object, ...], tuple[Decimal, tuple[_Part, ...]]] = {}
        self._flag_names = frozenset(c.flag for c in scheme.components if isinstance(c, m.Flag))
        self._has_volume = any(isinstance(c, m.VolumeTiers) for c in scheme.components)
        self._reject_keys = tuple(dict.fromkeys(r.measure for r in scheme.rejections))
        mass = "lb" if base == "lb" else "kg"  # a component's rate is per kg, or per lb
        self._rules = {id(c): _rule_text(c, mass, lang) for c in scheme.components}

    # -- quantities ----------------------------------------------------------------------
    def quantities(self, quantity: Decimal, unit: str) -> tuple[Decimal, Decimal, Decimal]:
        """(quantity in the pricing unit, kg, litres) for a delivery given in L or kg."""
        density = self.scheme.density
        if unit == "L":
            litres, kg = quantize(quantity, GRAM), quantize(quantity * density, GRAM)
        else:
            kg, litres = quantize(quantity, GRAM), quantize(quantity / density, GRAM)
        if self._base == "kg":
            q = kg
        elif self._base == "L":
            q = litres
        else:
            q = quantize(kg / m.KG_PER_LB, GRAM)
        return (q / HUNDRED if self._hundred else q), kg, litres

    # -- rejection -----------------------------------------------------------------------
    def rejection(self, own: Measures) -> m.Rejection | None:
        for rule in self.scheme.rejections:
            value = own.get(rule.measure)
            if value is None:
                continue
            if isinstance(value, bool):
                if rule.positive and value:
                    return rule
                continue
            if (rule.above is not None and value > rule.above) or (
                rule.below is not None and value < rule.below
            ):
                return rule
        return None

    # -- per-unit evaluation -------------------------------------------------------------
    def _key(
        self, measures: Measures, flags: frozenset[str], volume: Decimal | None
    ) -> tuple[object, ...]:
        get = measures.get
        values = tuple([get(k) for k in self.needed])
        if self._flag_names:
            return (values, flags & self._flag_names, volume if self._has_volume else None)
        return (values, None, volume if self._has_volume else None)

    def unit_price(
        self, measures: Measures, flags: frozenset[str] = frozenset(), volume: Decimal | None = None
    ) -> Decimal:
        return self._evaluate(measures, flags, volume)[0]

    def _evaluate(
        self, measures: Measures, flags: frozenset[str], volume: Decimal | None
    ) -> tuple[Decimal, tuple[_Part, ...]]:
        key = self._key(measures, flags, volume)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        parts: list[_Part] = []
        missing: list[str] = []
        outside: list[str] = []
        for component in self.scheme.components:
            if isinstance(component, m.Chart):
                part = self._chart(component, measures, missing, outside)
            else:
                part = self._part(component, measures, flags, volume, missing)
            if part is not None:
                parts.append(part)
        if missing or outside:
            code = "missing_quality" if missing else "outside_chart"
            raise MissingQuality(missing + outside, code=code)
        raw = sum((p.per_unit for p in parts), ZERO)
        clamp = (
            self.scheme.min_price
            if (self.scheme.min_price is not None and raw < self.scheme.min_price)
            else None
        )
        if clamp is None and self.scheme.max_price is not None and raw > self.scheme.max_price:
            clamp = self.scheme.max_price
        if clamp is not None:
            label = "Precio mínimo" if clamp == self.scheme.min_price else "Precio máximo"
            parts.append(_Part(m.Base(label, clamp), "clamp", None, None, _fmt(clamp), clamp - raw))
            raw = clamp
        result = (quantize(raw, PRICE_STEP), tuple(parts))
        if len(self._cache) < 200_000:
            self._cache[key] = result
        return result

    def _value(self, measures: Measures, key: str) -> Decimal | None:
        if key == "other_solids":
            st, fat, protein = (measures.get(k) for k in ("st", "fat", "protein"))
            if (
                isinstance(st, Decimal)
                and isinstance(fat, Decimal)
                and isinstance(protein, Decimal)
            ):
                return st - fat - protein
            return None
        value = measures.get(key)
        return value if isinstance(value, Decimal) else None

    def _missing(
        self,
        c: m.Component,
        kind: str,
        measure: str,
        policy: m.Missing,
        missing: list[str],
        why: str = "sin análisis",
    ) -> _Part | Decimal | None:
        """Apply the component's policy; a Decimal return means "price with this value"."""
        if policy.action == "use" and policy.value is not None:
            return policy.value
        if policy.action == "amount" and policy.value is not None:
            return _Part(c, kind, measure, None, why, policy.value, why)
        if policy.action == "warn":
            return _Part(c, kind, measure, None, why, ZERO, f"{why}: no suma ni resta")
        missing.append(measure)
        return None

    def _part(
        self,
        c: m.Component,
        measures: Measures,
        flags: frozenset[str],
        volume: Decimal | None,
        missing: list[str],
    ) -> _Part | None:
        if isinstance(c, m.Base):
            return _Part(c, "base", None, None, self._rules[id(c)], c.rate)
        if isinstance(c, m.Flag):
            on = c.flag in flags
            return _Part(c, "flag", None, None, "sí" if on else "no", c.amount if on else ZERO)
        if isinstance(c, m.PerVolume):
            return _Part(
                c,
                "per_volume",
                None,
                None,
                f"{_signed(c.amount)} por {m.UNIT_WORDS[c.per][0]}",
                self._per_volume(c),
            )
        if isinstance(c, m.VolumeTiers):
            v = volume if volume is not None else ZERO
            band = next((b for b in c.tiers if b.contains(v)), None)
            amount = band.amount if band else ZERO
            return _Part(c, "volume", None, v, band.label if band else "", amount)
        measure = c.measure  # type: ignore[attr-defined]
        policy: m.Missing = c.missing  # type: ignore[attr-defined]
        value = self._value(measures, measure)
        note = ""
        if value is None:
            got = self._missing(c, self._kind(c), measure, policy, missing)
            if not isinstance(got, Decimal):
                return got
            value, note = got, f"sin análisis: se usó {_fmt(got)}"
        part = self._measured(c, value, missing)
        if part is not None and note:
            return _Part(
                part.component, part.kind, part.measure, part.value, part.rule, part.per_unit, note
            )
        return part

    @staticmethod
    def _kind(c: m.Component) -> str:
        return {
            m.Steps: "steps",
            m.Bands: "bands",
            m.PerComponent: "component",
            m.Linear: "linear",
        }[type(c)]

    def _measured(self, c: m.Component, value: Decimal, missing: list[str]) -> _Part | None:
        if isinstance(c, m.Steps):
            diff = value - c.reference
            if diff >= 0:
                amount = floor_to(diff, c.step) / c.step * c.bonus
                if c.max_bonus is not None:
                    amount = min(amount, c.max_bonus)
            else:
                amount = -(floor_to(-diff, c.step) / c.step * c.penalty)
                if c.max_penalty is not None:
                    amount = max(amount, -c.max_penalty)
            rule = self._rules[id(c)]
            return _Part(c, "steps", c.measure, value, rule, amount)
        if isinstance(c, m.Bands):
            band = None
            for candidate in c.bands:
                if (candidate.low is None or value >= candidate.low) and (
                    candidate.high is None or value < candidate.high
                ):
                    band = candidate
                    break
            if band is None:
                got = self._missing(c, "bands", c.measure, c.missing, missing, "fuera de bandas")
                if isinstance(got, Decimal):
                    band = next((b for b in c.bands if b.contains(got)), None)
                    if band is None:
                        missing.append(c.measure)
                        return None
                    return _Part(
                        c,
                        "bands",
                        c.measure,
                        value,
                        band.label,
                        band.amount,
                        f"fuera de bandas: se usó {_fmt(got)}",
                    )
                return got
            return _Part(c, "bands", c.measure, value, band.label or _band_text(band), band.amount)
        if isinstance(c, m.PerComponent):
            amount = value / HUNDRED * self._mass_per_unit * c.rate
            return _Part(c, "component", c.measure, value, self._rules[id(c)], amount)
        if isinstance(c, m.Linear):
            amount = c.rate * (c.reference - value / c.divisor)
            if c.minimum is not None:
                amount = max(amount, c.minimum)
            if c.maximum is not None:
                amount = min(amount, c.maximum)
            return _Part(
                c,
                "linear",
                c.measure,
                value,
                self._rules[id(c)],
                amount,
            )
        raise TypeError(type(c).__name__)  # pragma: no cover - parse() allows no other type

    def _chart(
        self, c: m.Chart, measures: Measures, missing: list[str], outside: list[str]
    ) -> _Part | None:
        row_v, col_v = self._value(measures, c.row_measure), self._value(measures, c.col_measure)
        note = ""
        if row_v is None or col_v is None:
            absent = c.row_measure if row_v is None else c.col_measure
            got = self._missing(c, "chart", absent, c.missing, missing)
            if not isinstance(got, Decimal):
                return got
            note = f"sin análisis: se usó {_fmt(got)}"
            row_v = row_v if row_v is not None else got
            col_v = col_v if col_v is not None else got
        i = _find(c.row_edges, row_v)
        j = _find(c.col_edges, col_v)
        if i is None or j is None:
            off = [
                f"{key} {_fmt(v)} fuera de la tabla [{_fmt(edges[0])}, {_fmt(edges[-1])})"
                for key, v, edges, at in (
                    (c.row_measure, row_v, c.row_edges, i),
                    (c.col_measure, col_v, c.col_edges, j),
                )
                if at is None
            ]
            rule = c.outside
            if rule.action == "amount" and rule.value is not None:
                return _Part(
                    c, "chart", c.row_measure, row_v, "; ".join(off), rule.value, "; ".join(off)
                )
            if rule.action != "nearest":
                outside.extend(off)
                return None
            i = _nearest(c.row_edges, row_v) if i is None else i
            j = _nearest(c.col_edges, col_v) if j is None else j
            note = "; ".join(off) + ": se usó la casilla más cercana"
        rate = c.rates[i][j]
        return _Part(
            c,
            "chart",
            c.row_measure,
            row_v,
            f"{c.row_measure} {_fmt(c.row_edges[i])}–{_fmt(c.row_edges[i + 1])} × "
            f"{c.col_measure} {_fmt(c.col_edges[j])}–{_fmt(c.col_edges[j + 1])} "
            f"({c.col_measure} {_fmt(col_v)})",
            rate,
            note,
        )

    def _kg_per(self, unit: str) -> Decimal:
        """Kilograms of milk in one `unit` (kg, L, lb, or 100 of them)."""
        base = unit.removeprefix("100")
        kg = {"kg": Decimal(1), "L": self.scheme.density, "lb": m.KG_PER_LB}[base]
        return kg * HUNDRED if unit.startswith("100") else kg

    def _per_volume(self, c: m.PerVolume) -> Decimal:
        """An amount per `c.per` (litre, kg, lb, 100 lb…) expressed per pricing unit."""
        if c.per == self.scheme.unit:
            return c.amount
        return c.amount * self._kg_per(self.scheme.unit) / self._kg_per(c.per)

    # -- results -------------------------------------------------------------------------
    def pricing_quantity(self, quantity: Decimal, unit: str) -> Decimal:
        """The quantity in the pricing unit only (the fast path of `quantities`)."""
        if unit == "L" and self._base == "kg" and not self._hundred:
            return (quantity * self.scheme.density).quantize(GRAM, rounding=ROUND_HALF_UP)
        if unit == self._base and not self._hundred:
            return quantity.quantize(GRAM, rounding=ROUND_HALF_UP)
        return self.quantities(quantity, unit)[0]

    def amount(
        self,
        quantity: Decimal,
        unit: str,
        measures: Measures,
        flags: frozenset[str] = frozenset(),
        volume: Decimal | None = None,
        own: Measures | None = None,
    ) -> Decimal:
        """The amount only (fast path): quantity × unit price, to the céntimo."""
        q = self.pricing_quantity(quantity, unit)
        rule = self._rejected(measures if own is None else own)
        if rule is not None:
            return (q * rule.price).quantize(CENT, rounding=ROUND_HALF_UP)
        hit = self._cache.get(self._key(measures, flags, volume))
        price = hit[0] if hit is not None else self._evaluate(measures, flags, volume)[0]
        return (q * price).quantize(CENT, rounding=ROUND_HALF_UP)

    def _rejected(self, tests: Measures) -> m.Rejection | None:
        """The rejection rule a delivery's own tests trigger, checked only when they have a
        measure some rule looks at."""
        if self._reject_keys and any(k in tests for k in self._reject_keys):
            return self.rejection(tests)
        return None

    def price(
        self,
        quantity: Decimal,
        unit: str,
        measures: Measures,
        flags: frozenset[str] = frozenset(),
        volume: Decimal | None = None,
        own: Measures | None = None,
    ) -> PriceResult:
        """Price one delivery (or a sum of deliveries at one quality) with its breakdown."""
        q, kg, litres = self.quantities(quantity, unit)
        s = self.scheme
        rule = self._rejected(measures if own is None else own)
        if rule is not None:
            amount = quantize(q * rule.price, CENT)
            line = PriceLine(
                "rejection", "Rechazo", rule.measure, None, rule.reason, rule.price, amount
            )
            return PriceResult(
                s.currency, s.unit, q, kg, litres, rule.price, amount, True, rule.reason, (line,)
            )
        unit_price, amount, explained, warnings = self.explain(
            q, measures, flags, q if volume is None and self._has_volume else volume
        )
        return PriceResult(
            s.currency, s.unit, q, kg, litres, unit_price, amount, False, None, explained, warnings
        )

    def explain(
        self,
        q: Decimal,
        measures: Measures,
        flags: frozenset[str] = frozenset(),
        volume: Decimal | None = None,
    ) -> tuple[Decimal, Decimal, tuple[PriceLine, ...], tuple[str, ...]]:
        """(unit price, amount, lines, warnings) for `q` already in the pricing unit: also the
        breakdown of a settlement's milk line, whose lines add up to its amount exactly."""
        unit_price, parts = self._evaluate(measures, flags, volume)
        amount = (q * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)
        lines = [
            PriceLine(
                p.kind,
                p.component.label,
                p.measure,
                p.value,
                p.rule,
                p.per_unit,
                (q * p.per_unit).quantize(CENT, rounding=ROUND_HALF_UP),
                p.note,
            )
            for p in parts
        ]
        remainder = amount - sum([ln.amount for ln in lines])
        if remainder:
            lines.append(PriceLine("rounding", "Redondeo", None, None, "", ZERO, remainder))
        warnings = tuple([f"{p.component.label}: {p.note}" for p in parts if p.note])
        return unit_price, amount, tuple(lines), warnings


def _nearest(edges: tuple[Decimal, ...], value: Decimal) -> int:
    """The first or last row (column) for a value below or above the chart."""
    return 0 if value < edges[0] else len(edges) - 2


def _find(edges: tuple[Decimal, ...], value: Decimal) -> int | None:
    for i in range(len(edges) - 1):
        if edges[i] <= value < edges[i + 1]:
            return i
    return None


COMPONENT_NAMES = {
    "fat": ("grasa", "fat"),
    "protein": ("proteína", "protein"),
    "snf": ("sólidos no grasos", "solids-not-fat"),
    "st": ("sólidos totales", "total solids"),
    "other_solids": ("otros sólidos", "other solids"),
}
RULE_WORDS = {  # (Spanish, English)
    "per_step_above": (
        "+{bonus} por cada {step} sobre {reference}",
        "+{bonus} per {step} above {reference}",
    ),
    "per_step_below": (
        "; −{penalty} por cada {step} bajo {reference}",
        "; −{penalty} per {step} below {reference}",
    ),
    "per_mass": ("{rate} por {mass} de {name}", "{rate} per {mass} of {name}"),
    "linear": (
        "{rate} × ({reference} − valor/{divisor})",
        "{rate} × ({reference} − value/{divisor})",
    ),
}


def _rule_text(c: m.Component, mass: str = "kg", lang: str = "es") -> str:
    """The rule of a component as the member reads it (built once per scheme), in `lang`."""
    en = lang == "en"

    def words(key: str, **values: str) -> str:
        return RULE_WORDS[key][en].format(**values)

    if isinstance(c, m.Base):
        return trim(c.rate)
    if isinstance(c, m.Steps):
        step, reference = _fmt(c.step), _fmt(c.reference)
        rule = words("per_step_above", bonus=trim(c.bonus), step=step, reference=reference)
        if c.penalty:
            rule += words("per_step_below", penalty=trim(c.penalty), step=step, reference=reference)
        return rule
    if isinstance(c, m.PerComponent):
        name = COMPONENT_NAMES.get(c.measure, (c.measure, c.measure))[en]
        return words("per_mass", rate=trim(c.rate), mass=mass, name=name)
    if isinstance(c, m.Linear):
        return words(
            "linear", rate=_fmt(c.rate), reference=_fmt(c.reference), divisor=_fmt(c.divisor)
        )
    return ""


def _band_text(band: m.Band) -> str:
    low = "" if band.low is None else _fmt(band.low)
    high = "" if band.high is None else _fmt(band.high)
    return f"[{low}, {high})"

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

from coop_desktop.core.errors import Refused
from coop_desktop.core.i18n import N_, Joined, Later, _, current
from coop_desktop.core.messages.measures import NAMES as MEASURE_NAMES
from coop_desktop.core.numbers import (
    CENT,
    GRAM,
    HUNDRED,
    ONE,
    TEN_THOUSANDTH,
    ZERO,
    floor_to,
    quantize,
    trim,
)
from coop_desktop.domain.pricing import model as m

PRICE_STEP = TEN_THOUSANDTH
HUNDRED = HUNDRED

Measures = Mapping[str, Decimal | bool]


class MissingQuality(Refused):
    """A measure the scheme needs is missing (or a value falls outside its chart) and the
    scheme says to stop."""

    def __init__(
        self,
        measures: list[str],
        what: Later | None = None,
        code: str = "missing_quality",
    ) -> None:
        # measures by name ("sólidos totales, recuento bacteriano"), in the reader's language
        names = Joined(
            [Later(MEASURE_NAMES[k]) if k in MEASURE_NAMES else k for k in measures], lower=True
        )
        super().__init__(code, measures=names, what=what or Later(N_("la entrega")))
        self.measures = measures

    def about(self, what: Later) -> MissingQuality:
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

    def __init__(self, scheme: m.Scheme) -> None:
        self.scheme = scheme
        self.needed = scheme.measures()
        base = scheme.unit.removeprefix("100")
        self._base = base
        self._hundred = scheme.unit.startswith("100")
        self._mass_per_unit = (scheme.density if base == "L" else ONE) * (
            HUNDRED if self._hundred else ONE
        )
        self._cache: dict[tuple[object, ...], tuple[Decimal, tuple[_Part, ...]]] = {}
        self._flag_names = frozenset(c.flag for c in scheme.components if isinstance(c, m.Flag))
        self._has_volume = any(isinstance(c, m.VolumeTiers) for c in scheme.components)
        self._reject_keys = tuple(dict.fromkeys(r.measure for r in scheme.rejections))
        self._mass = "lb" if base == "lb" else "kg"  # a component's rate is per kg, or per lb
        self._rules: dict[tuple[int, str], str] = {}

    def _rule(self, c: m.Component) -> str:
        """A component's rule in words, in the current language (built once per language)."""
        key = (id(c), current())
        rule = self._rules.get(key)
        if rule is None:
            rule = self._rules[key] = _rule_text(c, self._mass)
        return rule

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
        # the language too: the parts carry the rules in words
        if self._flag_names:
            return (
                values,
                flags & self._flag_names,
                volume if self._has_volume else None,
                current(),
            )
        return (values, None, volume if self._has_volume else None, current())

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
            label = _("Precio mínimo") if clamp == self.scheme.min_price else _("Precio máximo")
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
        why: str | None = None,
    ) -> _Part | Decimal | None:
        """Apply the component's policy; a Decimal return means "price with this value"."""
        why = why or _("sin análisis")
        if policy.action == "use" and policy.value is not None:
            return policy.value
        if policy.action == "amount" and policy.value is not None:
            return _Part(c, kind, measure, None, why, policy.value, why)
        if policy.action == "warn":
            return _Part(
                c, kind, measure, None, why, ZERO, _("{why}: no suma ni resta").format(why=why)
            )
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
            return _Part(c, "base", None, None, self._rule(c), c.rate)
        if isinstance(c, m.Flag):
            on = c.flag in flags
            return _Part(
                c, "flag", None, None, _("sí") if on else _("no"), c.amount if on else ZERO
            )
        if isinstance(c, m.PerVolume):
            return _Part(
                c,
                "per_volume",
                None,
                None,
                _("{amount} por {unit}").format(
                    amount=_signed(c.amount), unit=_(m.UNIT_WORDS[c.per])
                ),
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
            value, note = got, _("sin análisis: se usó {value}").format(value=_fmt(got))
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
            return _Part(c, "steps", c.measure, value, self._rule(c), amount)
        if isinstance(c, m.Bands):
            band = None
            for candidate in c.bands:
                if (candidate.low is None or value >= candidate.low) and (
                    candidate.high is None or value < candidate.high
                ):
                    band = candidate
                    break
            if band is None:
                got = self._missing(c, "bands", c.measure, c.missing, missing, _("fuera de bandas"))
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
                        _("fuera de bandas: se usó {value}").format(value=_fmt(got)),
                    )
                return got
            return _Part(c, "bands", c.measure, value, band.label or _band_text(band), band.amount)
        if isinstance(c, m.PerComponent):
            amount = value / HUNDRED * self._mass_per_unit * c.rate
            return _Part(c, "component", c.measure, value, self._rule(c), amount)
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
                self._rule(c),
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
            note = _("sin análisis: se usó {value}").format(value=_fmt(got))
            row_v = row_v if row_v is not None else got
            col_v = col_v if col_v is not None else got
        i = _find(c.row_edges, row_v)
        j = _find(c.col_edges, col_v)
        if i is None or j is None:
            off = [
                _("{measure} {value} fuera de la tabla [{low}, {high})").format(
                    measure=key, value=_fmt(v), low=_fmt(edges[0]), high=_fmt(edges[-1])
                )
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
            note = _("{where}: se usó la casilla más cercana").format(where="; ".join(off))
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
        kg = {"kg": ONE, "L": self.scheme.density, "lb": m.KG_PER_LB}[base]
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
                "rejection", _("Rechazo"), rule.measure, None, rule.reason, rule.price, amount
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
            lines.append(PriceLine("rounding", _("Redondeo"), None, None, "", ZERO, remainder))
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
    "fat": N_("grasa"),
    "protein": N_("proteína"),
    "snf": N_("sólidos no grasos"),
    "st": N_("sólidos totales"),
    "other_solids": N_("otros sólidos"),
}


def _rule_text(c: m.Component, mass: str = "kg") -> str:
    """The rule of a component as the member reads it (built once per scheme)."""
    if isinstance(c, m.Base):
        return trim(c.rate)
    if isinstance(c, m.Steps):
        rule = _("+{bonus} por cada {step} sobre {reference}").format(
            bonus=trim(c.bonus), step=_fmt(c.step), reference=_fmt(c.reference)
        )
        if c.penalty:
            rule += _("; −{penalty} por cada {step} bajo {reference}").format(
                penalty=trim(c.penalty), step=_fmt(c.step), reference=_fmt(c.reference)
            )
        return rule
    if isinstance(c, m.PerComponent):
        name = _(COMPONENT_NAMES[c.measure]) if c.measure in COMPONENT_NAMES else c.measure
        return _("{rate} por {mass} de {component}").format(
            rate=trim(c.rate), mass=mass, component=name
        )
    if isinstance(c, m.Linear):
        return _("{rate} × ({reference} − valor/{divisor})").format(
            rate=_fmt(c.rate), reference=_fmt(c.reference), divisor=_fmt(c.divisor)
        )
    return ""


def _band_text(band: m.Band) -> str:
    low = "" if band.low is None else _fmt(band.low)
    high = "" if band.high is None else _fmt(band.high)
    return f"[{low}, {high})"

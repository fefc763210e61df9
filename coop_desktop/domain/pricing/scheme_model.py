"""The strict model of a price scheme file (pydantic): every key it may hold, the type and
range of every value, and what the editor's form shows for it.

A key the model does not know is refused (a typo such as "bonsu" would otherwise pay 0 in
silence); a number must be written exactly (no exponent, NaN or infinity), within its range
and with no more decimal places than is kept for it. A number written as text (as a person
types it, in a file or in the editor) is read by the one number parser, `parse_number`:
"1,500.50" is read as written, an ambiguous "1,500" is refused with both readings.
Relations between values (contiguous bands, the chart's shape, weights adding up to 1, …)
are checked by `schema.py` once the structure is valid; it turns the result into the
engine's dataclasses.

The `Form` marker on each field tells the scheme editor which widget edits it: the form is
generated from these models, so a key the model holds is a field the editor shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.numbers import ONE, ZERO, D, fits_scale, parse_number
from coop_desktop.domain.measures import MEASURES, NUMERIC_KEYS
from coop_desktop.domain.pricing import model as m

MONEY_PLACES = 6  # an amount per unit: the unit price itself is kept to 4 places
LIMIT = D(1_000_000_000)
MONEY_LIMIT = D(10_000_000)  # pesos per kg of protein fit; 1e400 does not


@dataclass(frozen=True)
class Form:
    """How the editor shows a field: number, integer, text, choice, measure, list, bands,
    rules, missing, outside, chart."""

    kind: str
    choices: tuple[str, ...] = ()


def _fail(code: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(code, code, context)


def _number(places: int, limit: Decimal, sign: str = "", optional: bool = False) -> BeforeValidator:
    def check(raw: Any) -> Decimal | None:
        if raw is None and optional:
            return None
        if raw is None or raw == "":
            raise _fail("scheme_required")
        if isinstance(raw, (bool, float)) or not isinstance(raw, (str, int, Decimal)):
            raise _fail("scheme_not_number", value=raw)
        if isinstance(raw, str):  # typed by a person: the one number rule (docs/numbers.md)
            try:
                value = parse_number(raw, "value", places)
            except ValidationError as exc:
                if exc.code == "too_many_decimals":
                    raise _fail("scheme_too_many_places", value=raw, places=places) from None
                if exc.code == "not_a_number":
                    raise _fail("scheme_not_number", value=raw) from None
                raise _fail(exc.code, **exc.params) from None
        else:
            value = D(raw)
        if not value.is_finite():
            raise _fail("scheme_not_number", value=raw)
        if abs(value) > limit:
            raise _fail("scheme_too_large", value=raw, limit=limit)
        if not fits_scale(value, places):
            raise _fail("scheme_too_many_places", value=raw, places=places)
        if sign == "positive" and value <= 0:
            raise _fail("scheme_not_positive", value=value)
        if sign == "non_negative" and value < 0:
            raise _fail("scheme_negative", value=value)
        return value

    return BeforeValidator(check)


def _choice(choices: tuple[str, ...], code: str = "scheme_bad_choice") -> BeforeValidator:
    def check(raw: Any) -> str:
        if not isinstance(raw, str) or raw.strip() not in choices:
            raise _fail(code, value=raw, valid=", ".join(choices))
        return raw.strip()

    return BeforeValidator(check)


def _text(limit: int) -> BeforeValidator:
    def check(raw: Any) -> str:
        if not isinstance(raw, str):
            raise _fail("scheme_not_text", value=raw)
        if len(raw.strip()) > limit:
            raise _fail("scheme_too_long", value=raw[:20] + "…", limit=limit)
        return raw.strip()

    return BeforeValidator(check)


NUMBER = Form("number")
Money = Annotated[Decimal, _number(MONEY_PLACES, MONEY_LIMIT), NUMBER]
Rate = Annotated[Decimal, _number(MONEY_PLACES, MONEY_LIMIT, "non_negative"), NUMBER]
Value = Annotated[Decimal, _number(4, LIMIT), NUMBER]  # a measure value or a volume
PositiveValue = Annotated[Decimal, _number(4, LIMIT, "positive"), NUMBER]
OptMoney = Annotated[Decimal | None, _number(MONEY_PLACES, MONEY_LIMIT, optional=True), NUMBER]
OptRate = Annotated[
    Decimal | None, _number(MONEY_PLACES, MONEY_LIMIT, "non_negative", True), NUMBER
]
OptValue = Annotated[Decimal | None, _number(4, LIMIT, optional=True), NUMBER]
Label = Annotated[str, _text(100), Form("text")]
Text = Annotated[str, _text(300), Form("text")]
NumericMeasure = Annotated[
    str, _choice(NUMERIC_KEYS, "scheme_unknown_measure"), Form("measure", NUMERIC_KEYS)
]


def _rule(actions: tuple[str, ...], values: tuple[str, ...], code: str) -> Any:
    """`if_missing` / `if_outside`: a word, or a one-key object holding a number."""

    def check(raw: Any) -> m.Missing:
        if isinstance(raw, str) and raw in actions:
            return m.Missing(raw)
        if isinstance(raw, dict) and len(raw) == 1 and next(iter(raw)) in values:
            action, number = next(iter(raw.items()))
            limit = MONEY_LIMIT if action == "amount" else LIMIT
            places = MONEY_PLACES if action == "amount" else 4
            return m.Missing(action, _number(places, limit).func(number))  # type: ignore[call-arg]
        raise _fail(code, value=raw)

    return BeforeValidator(check)


IfMissing = Annotated[
    m.Missing, _rule(("stop", "warn"), ("use", "amount"), "scheme_bad_missing"), Form("missing")
]
IfOutside = Annotated[
    m.Missing, _rule(("stop", "nearest"), ("amount",), "scheme_bad_outside"), Form("outside")
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Band(Strict):
    low: OptValue = None
    high: OptValue = None
    amount: Money = ZERO
    label: Label = ""


class Base(Strict):
    type: Literal["base"]
    label: Label = "base"
    rate: Rate


class Steps(Strict):
    type: Literal["steps"]
    label: Label = "steps"
    measure: NumericMeasure
    reference: Value
    step: PositiveValue
    bonus: Rate = ZERO
    penalty: Rate = ZERO
    max_bonus: OptRate = None
    max_penalty: OptRate = None
    if_missing: IfMissing = m.Missing()


class Bands(Strict):
    type: Literal["bands"]
    label: Label = "bands"
    measure: NumericMeasure
    bands: Annotated[list[Band], Field(min_length=1), Form("bands")]
    if_missing: IfMissing = m.Missing()


class Flag(Strict):
    type: Literal["flag"]
    label: Label = "flag"
    flag: Annotated[str, _choice(m.FLAGS), Form("choice", m.FLAGS)]
    amount: Money


ON = ("period_total", "daily_average")


class Volume(Strict):
    type: Literal["volume"]
    label: Label = "volume"
    on: Annotated[str, _choice(ON), Form("choice", ON)]
    tiers: Annotated[list[Band], Field(min_length=1), Form("bands")]


class Component(Strict):
    type: Literal["component"]
    label: Label = "component"
    measure: Annotated[
        str,
        _choice(m.COMPONENT_MEASURES, "scheme_unknown_measure"),
        Form("measure", m.COMPONENT_MEASURES),
    ]
    rate: Rate
    if_missing: IfMissing = m.Missing()


class Axis(Strict):
    measure: NumericMeasure
    edges: Annotated[list[Value], Field(min_length=2), Form("list")]


class Chart(Strict):
    type: Literal["chart"]
    label: Label = "chart"
    rows: Axis
    cols: Axis
    rates: Annotated[list[list[Rate]], Form("chart")]
    if_missing: IfMissing = m.Missing()
    if_outside: IfOutside = m.Missing()


class Linear(Strict):
    type: Literal["linear"]
    label: Label = "linear"
    measure: NumericMeasure
    reference: Value
    rate: Rate
    divisor: PositiveValue = ONE
    min: OptMoney = None
    max: OptMoney = None
    if_missing: IfMissing = m.Missing()


class PerVolume(Strict):
    type: Literal["per_volume"]
    label: Label = "per_volume"
    amount: Money
    per: Annotated[str, _choice(m.UNITS), Form("choice", m.UNITS)]


AnyComponent = Annotated[
    Base | Steps | Bands | Flag | Volume | Component | Chart | Linear | PerVolume,
    Field(discriminator="type"),
]
FAMILIES: dict[str, type[Strict]] = {
    "base": Base,
    "steps": Steps,
    "bands": Bands,
    "flag": Flag,
    "volume": Volume,
    "component": Component,
    "chart": Chart,
    "linear": Linear,
    "per_volume": PerVolume,
}
ALL_MEASURES = tuple(MEASURES)


class Rejection(Strict):
    measure: Annotated[
        str, _choice(ALL_MEASURES, "scheme_unknown_measure"), Form("measure", ALL_MEASURES)
    ]
    reason: Text
    positive: Annotated[StrictBool, Form("yes_no")] = False
    above: OptValue = None
    below: OptValue = None
    price: Rate = ZERO


class Basis(Strict):
    kind: Annotated[str, _choice(m.BASIS_KINDS), Form("choice", m.BASIS_KINDS)] = "delivery"
    max_age_days: Annotated[int | None, Field(strict=True, ge=1, le=3660), Form("integer")] = None
    weights: Annotated[
        list[Annotated[Decimal, _number(4, ONE, "positive")]] | None, Form("list")
    ] = None


class Clamp(Strict):
    min: OptRate = None
    max: OptRate = None


class SchemeFile(Strict):
    name: Annotated[str, _text(60), Form("text")]
    title: Text = ""
    description: Annotated[str, _text(2000), Form("text")] = ""
    currency: Annotated[str, _text(3), Form("text")] = "PEN"
    unit: Annotated[str, _choice(m.UNITS), Form("choice", m.UNITS)]
    density: Annotated[Decimal, _number(4, D("1.1"), "positive"), NUMBER] = D("1.032")
    basis: Basis = Basis()
    components: Annotated[list[AnyComponent], Field(min_length=1)]
    rejections: Annotated[list[Rejection], Form("rules")] = []
    clamp: Clamp = Clamp()

    @model_validator(mode="before")
    @classmethod
    def _object(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise _fail("scheme_not_object")
        return data


@dataclass(frozen=True)
class FieldSpec:
    """One field of the editor's form: a dotted key in the scheme's JSON, the widget kind,
    its choices, and whether it may be left empty."""

    key: str
    kind: str
    choices: tuple[str, ...] = ()
    optional: bool = False


def form_fields(model: type[BaseModel], prefix: str = "") -> list[FieldSpec]:
    """The form of a model, in the model's order; nested objects (basis, clamp, a chart's
    axes) become dotted keys. `type` is not a field: it chooses the form."""
    fields: list[FieldSpec] = []
    for name, info in model.model_fields.items():
        if name == "type":
            continue
        key = f"{prefix}{name}"
        form = next((x for x in info.metadata if isinstance(x, Form)), None)
        annotation = info.annotation
        if form is None and isinstance(annotation, type) and issubclass(annotation, BaseModel):
            fields += form_fields(annotation, f"{key}.")
            continue
        if form is None and name == "components":
            continue  # edited as a list of families, each with its own form
        assert form is not None, key
        fields.append(FieldSpec(key, form.kind, form.choices, not info.is_required()))
    return fields

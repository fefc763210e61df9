"""Read a scheme definition (JSON data) into a `Scheme`, listing every problem by its path.

The structure is the strict model of `scheme_model.py`; the relations between values (bands
without gaps or overlaps, a chart with every cell, weights adding up to 1, a value written
with no more places than its measure keeps, …) are checked here once the structure is valid.
`parse(data)` raises `ValidationErrors` holding one `SchemeProblem` per problem: its `field`
is the exact path (`components[2].bands[1].low`) for the editor to point at, and its text
names the place in words a treasurer reads ("componente 3 «Higiene», banda 2, desde").
"""

from __future__ import annotations

import difflib
import json
import re
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from coop_desktop.core.errors import ValidationErrors
from coop_desktop.core.numbers import D, fits_scale
from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.pricing import model as m
from coop_desktop.domain.pricing import scheme_model as sm
from coop_desktop.domain.pricing.scheme_words import KNOWN_KEYS, SchemeProblem, labels_of

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
_BUILTIN = {  # pydantic's own error types, in our message codes
    "extra_forbidden": "scheme_unknown_key",
    "missing": "scheme_required",
    "union_tag_not_found": "scheme_required",
    "union_tag_invalid": "scheme_bad_type",
    "list_type": "scheme_not_list",
    "too_short": "scheme_empty_list",
    "model_type": "scheme_not_object",
    "model_attributes_type": "scheme_not_object",
    "dataclass_type": "scheme_not_object",
    "bool_type": "scheme_not_yes_no",
    "int_type": "scheme_not_integer",
    "greater_than_equal": "scheme_out_of_range",
    "less_than_equal": "scheme_out_of_range",
}


NUMBER_CODES = ("ambiguous_number", "point_thousands", "not_a_number", "not_an_integer")


def _path(loc: tuple[int | str, ...]) -> str:
    """pydantic's location as the scheme's path; the component's type tag that pydantic
    puts after `components[i]` is dropped."""
    parts: list[str] = []
    skip_tag = False
    for i, item in enumerate(loc):
        if skip_tag:
            skip_tag = False
            continue
        if isinstance(item, int):
            parts[-1:] = [f"{parts[-1]}[{item}]"] if parts else [f"[{item}]"]
            skip_tag = i > 0 and loc[i - 1] == "components" and i + 1 < len(loc)
        else:
            parts.append(item)
    return ".".join(parts) or "(scheme)"


class _Problems:
    def __init__(self, data: Any) -> None:
        self.labels = labels_of(data)
        self.found: list[SchemeProblem] = []

    def add(self, path: str, code: str, **params: Any) -> None:
        self.found.append(SchemeProblem(code, path, self.labels, **params))

    def structural(self, exc: PydanticError) -> None:
        for err in exc.errors():
            path = _path(tuple(err["loc"]))
            kind = err["type"]
            context = dict(err.get("ctx") or {})
            if kind == "scheme_required" and re.search(r"rates\[\d+\]\[\d+\]$", path):
                self.add(path, "scheme_chart_hole")
            elif kind.startswith("scheme_") or kind in NUMBER_CODES:
                self.add(path, kind, **context)
            elif kind == "extra_forbidden":
                key = path.rsplit(".", 1)[-1]
                close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.6)
                self.add(path, "scheme_unknown_key", value=key, suggest=close[0] if close else "")
            elif kind == "union_tag_invalid":
                self.add(f"{path}.type", "scheme_bad_type", value=context.get("tag"))
            elif kind == "union_tag_not_found":
                self.add(f"{path}.type", "scheme_required")
            else:
                self.add(path, _BUILTIN.get(kind, "scheme_invalid"), value=err.get("input"))


def _scale_of(measure: str) -> int:
    spec = MEASURES.get(measure)
    return spec.scale if spec is not None else 4


def _bands(p: _Problems, bands: list[sm.Band], path: str, measure: str | None) -> None:
    places = _scale_of(measure) if measure else 3  # volume tiers: to the gram or millilitre
    for i, band in enumerate(bands):
        where = f"{path}[{i}]"
        for key in ("low", "high"):
            value = getattr(band, key)
            if value is not None and not fits_scale(value, places):
                p.add(f"{where}.{key}", "scheme_too_many_places", value=value, places=places)
        if band.low is None and i > 0:
            p.add(f"{where}.low", "scheme_required")
        if band.high is None and i < len(bands) - 1:
            p.add(f"{where}.high", "scheme_required")
        if band.low is not None and band.high is not None and band.low >= band.high:
            p.add(f"{where}.high", "scheme_band_empty", low=band.low, high=band.high)
        previous = bands[i - 1].high if i > 0 else None
        if previous is not None and band.low is not None and band.low > previous:
            p.add(f"{where}.low", "scheme_band_gap", low=previous, high=band.low)
        elif previous is not None and band.low is not None and band.low < previous:
            p.add(f"{where}.low", "scheme_band_overlap", value=band.low, previous=previous)


def _measure_value(p: _Problems, value: Decimal | None, path: str, measure: str) -> None:
    places = _scale_of(measure)
    if value is not None and not fits_scale(value, places):
        p.add(path, "scheme_too_many_places", value=value, places=places)


def _chart(p: _Problems, c: sm.Chart, path: str) -> None:
    if c.rows.measure == c.cols.measure:
        p.add(f"{path}.cols.measure", "scheme_chart_same_measure", value=c.rows.measure)
    for axis_name, axis in (("rows", c.rows), ("cols", c.cols)):
        for i, edge in enumerate(axis.edges):
            where = f"{path}.{axis_name}.edges[{i}]"
            _measure_value(p, edge, where, axis.measure)
            if i and edge <= axis.edges[i - 1]:
                p.add(where, "scheme_chart_order", value=edge, previous=axis.edges[i - 1])
    n_rows, n_cols = len(c.rows.edges) - 1, len(c.cols.edges) - 1
    if len(c.rates) != n_rows:
        p.add(f"{path}.rates", "scheme_chart_shape", rows=n_rows, cols=n_cols)
    for i, row in enumerate(c.rates):
        if len(row) != n_cols:
            p.add(f"{path}.rates[{i}]", "scheme_chart_shape", rows=n_rows, cols=n_cols)


def _component(p: _Problems, c: Any, path: str) -> None:
    missing = getattr(c, "if_missing", None)
    if isinstance(c, sm.Bands):
        _bands(p, c.bands, f"{path}.bands", c.measure)
    elif isinstance(c, sm.Volume):
        _bands(p, c.tiers, f"{path}.tiers", None)
    elif isinstance(c, sm.Chart):
        _chart(p, c, path)
    elif isinstance(c, sm.Steps):
        _measure_value(p, c.reference, f"{path}.reference", c.measure)
        _measure_value(p, c.step, f"{path}.step", c.measure)
    elif isinstance(c, sm.Linear) and c.min is not None and c.max is not None and c.min > c.max:
        p.add(f"{path}.max", "scheme_band_empty", low=c.min, high=c.max)
    measure = getattr(c, "measure", None)
    if missing is not None and missing.action == "use" and isinstance(measure, str):
        _measure_value(p, missing.value, f"{path}.if_missing", measure)


def _semantic(p: _Problems, f: sm.SchemeFile) -> None:
    if not NAME.match(f.name):
        p.add("name", "scheme_bad_name", value=f.name)
    if not re.fullmatch(r"[A-Z]{3}", f.currency):
        p.add("currency", "scheme_bad_currency", value=f.currency)
    if not D("0.9") <= f.density <= D("1.1"):
        p.add("density", "scheme_out_of_range", value=f.density, minimum="0.9", maximum="1.1")
    basis = f.basis
    if basis.kind == "latest" and basis.max_age_days is None:
        p.add("basis.max_age_days", "scheme_required")
    if basis.kind != "latest" and basis.max_age_days is not None:
        p.add("basis.max_age_days", "scheme_only_for", value="latest")
    if basis.kind == "rolling":
        if not basis.weights:
            p.add("basis.weights", "scheme_required")
        elif sum(basis.weights) != 1:
            p.add("basis.weights", "scheme_weights_sum", total=sum(basis.weights))
    elif basis.weights is not None:
        p.add("basis.weights", "scheme_only_for", value="rolling")
    for i, c in enumerate(f.components):
        _component(p, c, f"components[{i}]")
    for i, r in enumerate(f.rejections):
        where = f"rejections[{i}]"
        if MEASURES[r.measure].boolean:
            if not r.positive:
                p.add(f"{where}.positive", "scheme_rejection_rule")
            for key in ("above", "below"):
                if getattr(r, key) is not None:
                    p.add(f"{where}.{key}", "scheme_only_for", value="")
        else:
            if r.positive:
                p.add(f"{where}.positive", "scheme_rejection_rule")
            if r.above is None and r.below is None:
                p.add(f"{where}.above", "scheme_rejection_rule")
            _measure_value(p, r.above, f"{where}.above", r.measure)
            _measure_value(p, r.below, f"{where}.below", r.measure)
    low, high = f.clamp.min, f.clamp.max
    if low is not None and high is not None and low > high:
        p.add("clamp.max", "scheme_band_empty", low=low, high=high)


_ONE_COMPONENT: TypeAdapter[Any] = TypeAdapter(sm.AnyComponent)


def _valid_parts(p: _Problems, data: Any) -> None:
    """The relations inside each component that is valid on its own."""
    items = data.get("components") if isinstance(data, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        try:
            component = _ONE_COMPONENT.validate_python(item)
        except PydanticError:
            continue
        _component(p, component, f"components[{i}]")


def _band(b: sm.Band) -> m.Band:
    return m.Band(b.low, b.high, b.amount, b.label)


def _to_component(c: Any) -> m.Component:
    if isinstance(c, sm.Base):
        return m.Base(c.label, c.rate)
    if isinstance(c, sm.Steps):
        return m.Steps(
            c.label,
            c.measure,
            c.reference,
            c.step,
            c.bonus,
            c.penalty,
            c.max_bonus,
            c.max_penalty,
            c.if_missing,
        )
    if isinstance(c, sm.Bands):
        return m.Bands(c.label, c.measure, tuple(map(_band, c.bands)), c.if_missing)
    if isinstance(c, sm.Flag):
        return m.Flag(c.label, c.flag, c.amount)
    if isinstance(c, sm.Volume):
        return m.VolumeTiers(c.label, c.on, tuple(map(_band, c.tiers)))
    if isinstance(c, sm.Component):
        return m.PerComponent(c.label, c.measure, c.rate, c.if_missing)
    if isinstance(c, sm.Chart):
        return m.Chart(
            c.label,
            c.rows.measure,
            tuple(c.rows.edges),
            c.cols.measure,
            tuple(c.cols.edges),
            tuple(tuple(row) for row in c.rates),
            c.if_missing,
            c.if_outside,
        )
    if isinstance(c, sm.Linear):
        return m.Linear(
            c.label, c.measure, c.reference, c.rate, c.divisor, c.min, c.max, c.if_missing
        )
    assert isinstance(c, sm.PerVolume)
    return m.PerVolume(c.label, c.amount, c.per)


def parse(data: Any) -> m.Scheme:
    """Validate scheme data and build the Scheme; every problem is reported at once."""
    p = _Problems(data)
    try:
        f = sm.SchemeFile.model_validate(data)
    except PydanticError as exc:
        p.structural(exc)
        _valid_parts(p, data)  # every problem at once: the relations of the sound parts too
        raise ValidationErrors(list(p.found)) from None
    _semantic(p, f)
    if p.found:
        raise ValidationErrors(list(p.found))
    return m.Scheme(
        f.name,
        f.title or f.name,
        f.currency,
        f.unit,
        f.density,
        m.Basis(f.basis.kind, f.basis.max_age_days, tuple(f.basis.weights or ())),
        tuple(_to_component(c) for c in f.components),
        tuple(
            m.Rejection(r.measure, r.reason, r.positive, r.above, r.below, r.price)
            for r in f.rejections
        ),
        f.clamp.min,
        f.clamp.max,
        f.description,
    )


def _constant(name: str) -> str:
    return name  # NaN, Infinity: kept as text, which the model refuses as a number


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A key written twice in one object ("rate": 1.20, "rate": 1.50) is refused: reading
    either one would pay differently from what the file also says."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key)
        found[key] = value
    return found


def loads(text: str) -> tuple[m.Scheme, dict[str, Any]]:
    """Parse scheme JSON text exactly (numbers become Decimal, never float)."""
    try:
        data = json.loads(
            text, parse_float=Decimal, parse_constant=_constant, object_pairs_hook=_no_duplicates
        )
    except _DuplicateKey as exc:
        raise ValidationErrors(
            [SchemeProblem("scheme_duplicate_key", "(file)", {}, key=str(exc))]
        ) from None
    except ValueError as exc:
        raise ValidationErrors(
            [SchemeProblem("scheme_bad_json", "(file)", {}, reason=str(exc))]
        ) from None
    return parse(data), data

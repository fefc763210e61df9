"""Read a scheme definition (JSON data) into a `Scheme`, listing every problem by its path.

`parse(data)` raises `ValidationErrors` holding one `ValidationError` per problem, each with the
exact path (`components[2].bands[1].low`) as its field, so the CLI and the scheme editor can
point at it. Numbers may be JSON numbers or strings; both are read exactly.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.pricing import model as m
from coop_desktop.errors import ValidationError, ValidationErrors
from coop_desktop.numbers import D

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")


class _Reader:
    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def fail(self, path: str, code: str, **params: Any) -> None:
        self.errors.append(ValidationError(code, path, path=path, **params))

    def obj(self, data: Any, path: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail(path, "scheme_not_object")
            return {}
        return data

    def number(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        default: Decimal | None = None,
        positive: bool = False,
        non_negative: bool = False,
    ) -> Decimal | None:
        where = f"{path}.{key}" if path else key
        raw = data.get(key)
        if raw is None:
            if required:
                self.fail(where, "scheme_required")
            return default
        if isinstance(raw, (bool, float)) or not isinstance(raw, (str, int, Decimal)):
            self.fail(where, "scheme_not_number", value=raw)
            return default
        try:
            value = D(raw)
        except ValueError:
            self.fail(where, "scheme_not_number", value=raw)
            return default
        if positive and value <= 0:
            self.fail(where, "scheme_not_positive", value=value)
        elif non_negative and value < 0:
            self.fail(where, "scheme_negative", value=value)
        return value

    def text(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        default: str = "",
        choices: tuple[str, ...] | None = None,
    ) -> str:
        where = f"{path}.{key}" if path else key
        raw = data.get(key)
        if raw is None:
            if required:
                self.fail(where, "scheme_required")
            return default
        if not isinstance(raw, str) or not raw.strip():
            self.fail(where, "scheme_not_text", value=raw)
            return default
        if choices is not None and raw not in choices:
            self.fail(where, "scheme_bad_choice", value=raw, valid=", ".join(choices))
            return default
        return raw.strip()

    def measure(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        allowed: tuple[str, ...] | None = None,
        numeric: bool = True,
    ) -> str:
        name = self.text(data, key, path)
        if not name:
            return ""
        valid = allowed or tuple(k for k, v in MEASURES.items() if not (numeric and v.boolean))
        if name not in valid:
            self.fail(f"{path}.{key}", "scheme_unknown_measure", value=name, valid=", ".join(valid))
            return ""
        return name

    def missing(self, data: dict[str, Any], path: str) -> m.Missing:
        raw = data.get("if_missing", "stop")
        where = f"{path}.if_missing"
        if raw in ("stop", "warn"):
            return m.Missing(raw)
        if isinstance(raw, dict) and len(raw) == 1 and ("use" in raw or "amount" in raw):
            action = "use" if "use" in raw else "amount"
            value = self.number(raw, action, where)
            return m.Missing(action, value)
        self.fail(where, "scheme_bad_missing", value=raw)
        return m.Missing()

    def bands(self, raw: Any, path: str, open_ends: bool = True) -> tuple[m.Band, ...]:
        if not isinstance(raw, list) or not raw:
            self.fail(path, "scheme_empty_list")
            return ()
        bands: list[m.Band] = []
        for i, item in enumerate(raw):
            where = f"{path}[{i}]"
            data = self.obj(item, where)
            low = self.number(data, "low", where, required=not (open_ends and i == 0))
            high = self.number(data, "high", where, required=not (open_ends and i == len(raw) - 1))
            amount = self.number(data, "amount", where, default=Decimal(0))
            label = str(data.get("label", "") or "")
            if low is not None and high is not None and low >= high:
                self.fail(f"{where}.high", "scheme_band_empty", low=low, high=high)
            if i > 0 and bands:
                prev = bands[-1].high
                if prev is not None and low is not None and low > prev:
                    self.fail(f"{where}.low", "scheme_band_gap", low=prev, high=low)
                elif prev is not None and low is not None and low < prev:
                    self.fail(f"{where}.low", "scheme_band_overlap", value=low, previous=prev)
            bands.append(m.Band(low, high, amount or Decimal(0), label))
        return tuple(bands)


def _component(r: _Reader, data: dict[str, Any], path: str) -> m.Component | None:
    kind = r.text(
        data,
        "type",
        path,
        choices=(
            "base",
            "steps",
            "bands",
            "flag",
            "volume",
            "component",
            "chart",
            "linear",
            "per_volume",
        ),
    )
    label = r.text(data, "label", path, required=False, default=kind)
    if kind == "base":
        return m.Base(label, r.number(data, "rate", path, non_negative=True) or Decimal(0))
    if kind == "steps":
        return m.Steps(
            label,
            r.measure(data, "measure", path),
            r.number(data, "reference", path) or Decimal(0),
            r.number(data, "step", path, positive=True) or Decimal(1),
            r.number(data, "bonus", path, default=Decimal(0), required=False, non_negative=True)
            or Decimal(0),
            r.number(data, "penalty", path, default=Decimal(0), required=False, non_negative=True)
            or Decimal(0),
            r.number(data, "max_bonus", path, required=False, non_negative=True),
            r.number(data, "max_penalty", path, required=False, non_negative=True),
            r.missing(data, path),
        )
    if kind == "bands":
        return m.Bands(
            label,
            r.measure(data, "measure", path),
            r.bands(data.get("bands"), f"{path}.bands"),
            r.missing(data, path),
        )
    if kind == "flag":
        return m.Flag(
            label,
            r.text(data, "flag", path, choices=m.FLAGS),
            r.number(data, "amount", path) or Decimal(0),
        )
    if kind == "volume":
        return m.VolumeTiers(
            label,
            r.text(data, "on", path, choices=("period_total", "daily_average")),
            r.bands(data.get("tiers"), f"{path}.tiers"),
        )
    if kind == "component":
        return m.PerComponent(
            label,
            r.measure(data, "measure", path, m.COMPONENT_MEASURES),
            r.number(data, "rate", path, non_negative=True) or Decimal(0),
            r.missing(data, path),
        )
    if kind == "chart":
        return _chart(r, data, path, label)
    if kind == "linear":
        return m.Linear(
            label,
            r.measure(data, "measure", path),
            r.number(data, "reference", path) or Decimal(0),
            r.number(data, "rate", path, non_negative=True) or Decimal(0),
            r.number(data, "divisor", path, required=False, default=Decimal(1), positive=True)
            or Decimal(1),
            r.number(data, "min", path, required=False),
            r.number(data, "max", path, required=False),
            r.missing(data, path),
        )
    if kind == "per_volume":
        return m.PerVolume(
            label,
            r.number(data, "amount", path) or Decimal(0),
            r.text(data, "per", path, choices=m.UNITS),
        )
    return None


def _edges(r: _Reader, raw: Any, path: str) -> tuple[Decimal, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        r.fail(path, "scheme_chart_edges")
        return ()
    values: list[Decimal] = []
    for i, item in enumerate(raw):
        value = r.number({"e": item}, "e", "")
        if value is None:
            r.errors[-1] = ValidationError(
                "scheme_not_number", f"{path}[{i}]", path=f"{path}[{i}]", value=item
            )
            continue
        if values and value <= values[-1]:
            r.fail(f"{path}[{i}]", "scheme_chart_order", value=value, previous=values[-1])
        values.append(value)
    return tuple(values)


def _chart(r: _Reader, data: dict[str, Any], path: str, label: str) -> m.Chart:
    rows = r.obj(data.get("rows"), f"{path}.rows")
    cols = r.obj(data.get("cols"), f"{path}.cols")
    row_measure = r.measure(rows, "measure", f"{path}.rows")
    col_measure = r.measure(cols, "measure", f"{path}.cols")
    row_edges = _edges(r, rows.get("edges"), f"{path}.rows.edges")
    col_edges = _edges(r, cols.get("edges"), f"{path}.cols.edges")
    raw = data.get("rates")
    grid: list[tuple[Decimal, ...]] = []
    n_rows, n_cols = max(len(row_edges) - 1, 0), max(len(col_edges) - 1, 0)
    if not isinstance(raw, list) or len(raw) != n_rows:
        r.fail(f"{path}.rates", "scheme_chart_shape", rows=n_rows, cols=n_cols)
        raw = []
    for i, row in enumerate(raw):
        if not isinstance(row, list) or len(row) != n_cols:
            r.fail(f"{path}.rates[{i}]", "scheme_chart_shape", rows=n_rows, cols=n_cols)
            continue
        cells: list[Decimal] = []
        for j, cell in enumerate(row):
            where = f"{path}.rates[{i}][{j}]"
            if cell is None or cell == "":
                r.fail(where, "scheme_chart_hole")
                cells.append(Decimal(0))
                continue
            value = r.number({"v": cell}, "v", "", non_negative=True)
            if value is None:
                r.errors[-1] = ValidationError("scheme_not_number", where, path=where, value=cell)
            cells.append(value or Decimal(0))
        grid.append(tuple(cells))
    return m.Chart(
        label, row_measure, row_edges, col_measure, col_edges, tuple(grid), r.missing(data, path)
    )


def _basis(r: _Reader, data: dict[str, Any]) -> m.Basis:
    raw = r.obj(data.get("basis", {"kind": "delivery"}), "basis")
    kind = r.text(raw, "kind", "basis", choices=m.BASIS_KINDS) or "delivery"
    if kind == "latest":
        days = raw.get("max_age_days")
        if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
            r.fail("basis.max_age_days", "scheme_not_positive", value=days)
            days = 1
        return m.Basis(kind, max_age_days=days)
    if kind == "rolling":
        weights_raw = raw.get("weights")
        if not isinstance(weights_raw, list) or not weights_raw:
            r.fail("basis.weights", "scheme_empty_list")
            return m.Basis(kind, weights=(Decimal(1),))
        weights = [r.number({"w": w}, "w", "", positive=True) or Decimal(0) for w in weights_raw]
        if sum(weights) != 1:
            r.fail("basis.weights", "scheme_weights_sum", total=sum(weights))
        return m.Basis(kind, weights=tuple(weights))
    return m.Basis(kind)


def _rejection(r: _Reader, data: dict[str, Any], path: str) -> m.Rejection:
    measure = r.measure(data, "measure", path, numeric=False)
    reason = r.text(data, "reason", path)
    positive = bool(data.get("positive", False))
    above = r.number(data, "above", path, required=False)
    below = r.number(data, "below", path, required=False)
    price = r.number(
        data, "price", path, required=False, default=Decimal(0), non_negative=True
    ) or Decimal(0)
    spec = MEASURES.get(measure)
    if spec is not None:
        if spec.boolean and not positive:
            r.fail(f"{path}.positive", "scheme_rejection_rule")
        if not spec.boolean and above is None and below is None:
            r.fail(f"{path}.above", "scheme_rejection_rule")
    return m.Rejection(measure, reason, positive, above, below, price)


def parse(data: Any) -> m.Scheme:
    """Validate scheme data and build the Scheme; every problem is reported at once."""
    r = _Reader()
    top = r.obj(data, "(scheme)")
    name = r.text(top, "name", "")
    if name and not NAME.match(name):
        r.fail("name", "scheme_bad_name", value=name)
    currency = r.text(top, "currency", "", required=False, default="PEN")
    if not re.fullmatch(r"[A-Z]{3}", currency):
        r.fail("currency", "scheme_bad_currency", value=currency)
    unit = r.text(top, "unit", "", choices=m.UNITS) or "kg"
    density = r.number(
        top, "density", "", required=False, default=Decimal("1.032"), positive=True
    ) or Decimal("1.032")
    if not Decimal("0.9") <= density <= Decimal("1.1"):
        r.fail("density", "out_of_range", value=density, minimum="0.9", maximum="1.1")
    basis = _basis(r, top)
    components: list[m.Component] = []
    raw_components = top.get("components")
    if not isinstance(raw_components, list) or not raw_components:
        r.fail("components", "scheme_empty_list")
        raw_components = []
    for i, item in enumerate(raw_components):
        component = _component(r, r.obj(item, f"components[{i}]"), f"components[{i}]")
        if component is not None:
            components.append(component)
    raw_rules = top.get("rejections", [])
    if not isinstance(raw_rules, list):
        r.fail("rejections", "scheme_empty_list")
        raw_rules = []
    rejections = [
        _rejection(r, r.obj(x, f"rejections[{i}]"), f"rejections[{i}]")
        for i, x in enumerate(raw_rules)
    ]
    clamp = r.obj(top.get("clamp", {}), "clamp")
    low = r.number(clamp, "min", "clamp", required=False, non_negative=True)
    high = r.number(clamp, "max", "clamp", required=False, non_negative=True)
    if low is not None and high is not None and low > high:
        r.fail("clamp.max", "scheme_band_empty", low=low, high=high)
    if r.errors:
        raise ValidationErrors(r.errors)
    return m.Scheme(
        name,
        str(top.get("title") or name),
        currency,
        unit,
        density,
        basis,
        tuple(components),
        tuple(rejections),
        low,
        high,
        str(top.get("description") or ""),
    )


def loads(text: str) -> tuple[m.Scheme, dict[str, Any]]:
    """Parse scheme JSON text exactly (numbers become Decimal, never float)."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except ValueError as exc:
        raise ValidationErrors(
            [ValidationError("scheme_bad_json", "(file)", path="(file)", reason=str(exc))]
        ) from None
    return parse(data), data

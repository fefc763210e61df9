"""A problem in a scheme file, named in words: `components[2].bands[1].low` is read as
"componente 3 «Higiene», banda 2, desde" (or in English), while the error keeps the exact
path as its field, for the editor to point at."""

from __future__ import annotations

import re
from typing import Any

from coop_desktop.errors import ValidationError
from coop_desktop.messages import render

_WORDS: dict[str, tuple[str, str]] = {
    "components": ("componente", "component"),
    "bands": ("banda", "band"),
    "tiers": ("tramo", "tier"),
    "rejections": ("regla de rechazo", "rejection rule"),
    "edges": ("límite", "edge"),
    "weights": ("peso", "weight"),
    "rates": ("fila", "row"),
    "rows": ("filas de la tabla", "chart rows"),
    "cols": ("columnas de la tabla", "chart columns"),
    "basis": ("base de calidad", "quality basis"),
    "clamp": ("límites del precio", "price limits"),
    "name": ("identificador", "identifier"),
    "title": ("título", "title"),
    "description": ("descripción", "description"),
    "currency": ("moneda", "currency"),
    "unit": ("unidad de precio", "pricing unit"),
    "density": ("densidad", "density"),
    "kind": ("tipo", "kind"),
    "max_age_days": ("antigüedad máxima (días)", "maximum age (days)"),
    "type": ("tipo de componente", "component type"),
    "label": ("nombre", "label"),
    "rate": ("tarifa", "rate"),
    "reference": ("referencia", "reference"),
    "step": ("escalón", "step"),
    "bonus": ("bonificación por escalón", "bonus per step"),
    "penalty": ("castigo por escalón", "penalty per step"),
    "max_bonus": ("bonificación máxima", "maximum bonus"),
    "max_penalty": ("castigo máximo", "maximum penalty"),
    "measure": ("medida", "measure"),
    "low": ("desde", "from"),
    "high": ("hasta", "up to"),
    "amount": ("monto", "amount"),
    "flag": ("condición", "condition"),
    "on": ("según", "based on"),
    "per": ("por", "per"),
    "divisor": ("unidad de diferencia", "difference unit"),
    "min": ("mínimo", "minimum"),
    "max": ("máximo", "maximum"),
    "if_missing": ("si falta el análisis", "if the test is missing"),
    "if_outside": ("fuera de la tabla", "outside the chart"),
    "reason": ("motivo", "reason"),
    "positive": ("si es positiva", "if positive"),
    "above": ("sobre", "above"),
    "below": ("bajo", "below"),
    "price": ("precio", "price"),
}
KNOWN_KEYS = tuple(_WORDS)
_PART = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")


def labels_of(data: Any) -> dict[int, str]:
    """The label of each component, to name it ("componente 3 «Higiene»")."""
    found: dict[int, str] = {}
    items = data.get("components") if isinstance(data, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        label = item.get("label") if isinstance(item, dict) else None
        if isinstance(label, str) and label.strip():
            found[i] = label.strip()
    return found


def path_words(path: str, labels: dict[int, str], lang: str = "es") -> str:
    """A path in words: "componente 3 «Higiene», banda 2, desde"."""
    if path in ("(scheme)", "(file)", ""):
        return "esquema" if lang != "en" else "scheme"
    en = lang == "en"
    words: list[str] = []
    for name, indexes in _PART.findall(path):
        known = _WORDS.get(name)
        word = (known[1] if en else known[0]) if known else f"«{name}»"
        numbers = [int(n) for n in re.findall(r"\d+", indexes)]
        if name == "rates" and len(numbers) == 2:
            words.append(
                f"row {numbers[0] + 1}, column {numbers[1] + 1} of the chart"
                if en
                else f"fila {numbers[0] + 1}, columna {numbers[1] + 1} de la tabla"
            )
            continue
        if numbers:
            word = f"{word} {numbers[0] + 1}"
            if name == "components" and numbers[0] in labels:
                word += f" «{labels[numbers[0]]}»"
        words.append(word)
    return ", ".join(words)


class SchemeProblem(ValidationError):
    """One problem of a scheme: `field` is the exact path; the text names it in words."""

    def __init__(self, code: str, path: str, labels: dict[int, str], **params: Any) -> None:
        self.labels = labels
        super().__init__(code, path, path=path, **params)

    def render(self, lang: str = "es") -> str:
        words = path_words(self.field or "", self.labels, lang)
        params = {**self.params, "path": words}
        if "suggest" in params:
            close = params.pop("suggest")
            params["hint"] = (
                ""
                if not close
                else (
                    f" (did you mean «{close}»?)" if lang == "en" else f" (¿quiso decir «{close}»?)"
                )
            )
        if self.code.startswith("scheme_") or self.code == "outside_chart":
            text = render(self.code, lang, field=self.field, **params)
        else:  # the number parser's own sentence ("{field_name}: …"), named by the path
            text = words + render(self.code, lang, field=None, **params)
        return text[:1].upper() + text[1:]

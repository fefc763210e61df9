"""A place in a price scheme file named in words: `components[2].bands[1].low` reads
"componente 3 «Higiene», banda 2, desde" (or in English), for the problems of a scheme."""

from __future__ import annotations

import re

from coop_desktop.core.i18n import N_, _

WORDS: dict[str, str] = {
    "components": N_("componente"),
    "bands": N_("banda"),
    "tiers": N_("tramo"),
    "rejections": N_("regla de rechazo"),
    "edges": N_("límite"),
    "weights": N_("peso"),
    "rates": N_("fila"),
    "rows": N_("filas de la tabla"),
    "cols": N_("columnas de la tabla"),
    "basis": N_("base de calidad"),
    "clamp": N_("límites del precio"),
    "name": N_("identificador"),
    "title": N_("título"),
    "description": N_("descripción"),
    "currency": N_("moneda"),
    "unit": N_("unidad de precio"),
    "density": N_("densidad"),
    "kind": N_("tipo"),
    "max_age_days": N_("antigüedad máxima (días)"),
    "type": N_("tipo de componente"),
    "label": N_("nombre"),
    "rate": N_("tarifa"),
    "reference": N_("referencia"),
    "step": N_("escalón"),
    "bonus": N_("bonificación por escalón"),
    "penalty": N_("castigo por escalón"),
    "max_bonus": N_("bonificación máxima"),
    "max_penalty": N_("castigo máximo"),
    "measure": N_("medida"),
    "low": N_("desde"),
    "high": N_("hasta"),
    "amount": N_("monto"),
    "flag": N_("condición"),
    "on": N_("según"),
    "per": N_("por"),
    "divisor": N_("unidad de diferencia"),
    "min": N_("mínimo"),
    "max": N_("máximo"),
    "if_missing": N_("si falta el análisis"),
    "if_outside": N_("fuera de la tabla"),
    "reason": N_("motivo"),
    "positive": N_("si es positiva"),
    "above": N_("sobre"),
    "below": N_("bajo"),
    "price": N_("precio"),
}
_PART = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")


def path_words(path: str, labels: dict[int, str]) -> str:
    """A path in words, in the current language: "componente 3 «Higiene», banda 2, desde"."""
    if path in ("(scheme)", "(file)", ""):
        return _("esquema")
    words: list[str] = []
    for name, indexes in _PART.findall(path):
        word = _(WORDS[name]) if name in WORDS else f"«{name}»"
        numbers = [int(n) for n in re.findall(r"\d+", indexes)]
        if name == "rates" and len(numbers) == 2:
            words.append(
                _("fila {row}, columna {column} de la tabla").format(
                    row=numbers[0] + 1, column=numbers[1] + 1
                )
            )
            continue
        if numbers:
            word = f"{word} {numbers[0] + 1}"
            if name == "components" and numbers[0] in labels:
                word += f" «{labels[numbers[0]]}»"
        words.append(word)
    return ", ".join(words)

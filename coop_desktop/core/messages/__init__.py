"""The catalogue of the core's messages: every coded error and notice in Spanish (the msgid),
shown in the reader's language through gettext (coop_desktop/core/i18n.py). One table per
topic, joined here explicitly: nothing registers itself on import.

The UI shows the same sentences as the CLI, so a treasurer reads the same words everywhere.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from coop_desktop.core.i18n import _, in_language
from coop_desktop.core.messages import (
    centres,
    documents,
    general,
    imports,
    indicators,
    integrity,
    measures,
    practices,
    printing,
    sales,
    schemes,
    security,
    transfer,
)

_TOPICS = (
    general,
    security,
    transfer,
    integrity,
    imports,
    schemes,
    sales,
    practices,
    printing,
    centres,
    documents,
    indicators,
)


def _joined(name: str) -> dict[str, str]:
    joined: dict[str, str] = {}
    for topic in _TOPICS:
        for key, text in getattr(topic, name, {}).items():
            if joined.get(key, text) != text:
                raise ValueError(f"{name} {key!r} has two texts")
            joined[key] = text
    return joined


CATALOGUE = _joined("MESSAGES")
FIELDS = _joined("FIELDS")
STATUSES = general.STATUSES
PERMISSIONS = security.PERMISSIONS


def measure_name(key: str) -> str:
    """ "Grasa" / "Fat": a quality measure's name in the current language."""
    return _(measures.NAMES[key]) if key in measures.NAMES else key


def measure_short(key: str) -> str:
    """ "ST", "UFC" / "TS", "CFU": a measure's short name in the current language."""
    return _(measures.SHORT[key]) if key in measures.SHORT else key


def measure_unit(key: str, unit: str) -> str:
    """A measure's unit in the current language ("UFC/mL" / "CFU/mL"); symbols as they are."""
    return _(measures.UNITS[key]) if key in measures.UNITS else unit


@in_language
def field_name(field: str | None, lang: str | None = None) -> str:
    """What a field is called in a message: "cantidad", "Grasa", "DNI"…"""
    if field is None:
        return ""
    if field in measures.NAMES:
        return measure_name(field)
    name = FIELDS.get(field.split("[")[0].split(".")[-1])
    return field if name is None else _(name)


@in_language
def status_name(code: str, lang: str | None = None, *, settlement: bool = False) -> str:
    """A stored status (a member's, or a settlement's) in words."""
    names = general.SETTLEMENT_STATUSES if settlement else STATUSES
    return _(names[code]) if code in names else code


def permission_text(permission: str) -> str:
    """What a permission lets a person do, as a refusal says it."""
    return _(PERMISSIONS[permission]) if permission in PERMISSIONS else permission


def _one_of(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return _("{some} o {last}").format(some=", ".join(items[:-1]), last=items[-1])


def _nested(value: object) -> str | None:
    """A message inside another (a coded error as a parameter), in the same language."""
    code = getattr(value, "code", None)
    if isinstance(value, Exception) and isinstance(code, str) and code in CATALOGUE:
        params = dict(getattr(value, "params", {}))
        return render(code, None, getattr(value, "field", None), **params)
    return None


@in_language
def render(code: str, lang: str | None = "es", field: str | None = None, **params: Any) -> str:
    """The sentence for a coded message, in `lang` (None: the current language)."""
    template = CATALOGUE.get(code)
    if template is None:
        return f"{code}: {params}"
    for key, value in params.items():
        nested = _nested(value)
        if nested is not None:
            params[key] = nested
        elif isinstance(value, datetime):  # dates as the association writes them, both languages
            params[key] = f"{value:%d/%m/%Y %H:%M}"
        elif isinstance(value, date):
            params[key] = f"{value:%d/%m/%Y}"
    if "holder" in params:
        held = params["holder"]
        params["holder_text"] = _(" (ocupada por: {holder})").format(holder=held) if held else ""
    if params.get("status") in STATUSES:
        params["status"] = _(STATUSES[params["status"]])
    if code in security.ABOUT_PERMISSIONS and params.get("action") in PERMISSIONS:
        params["action"] = permission_text(params["action"])
    if isinstance(params.get("roles"), (list, tuple)):
        params["roles"] = _one_of([str(r) for r in params["roles"]])
    name = field_name(field)
    text = _(template)
    if text.startswith("{field_name}"):
        name = name[:1].upper() + name[1:]
    return text.format(field_name=name, **params)

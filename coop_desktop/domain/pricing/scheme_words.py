"""A problem in a scheme file: the error keeps the exact path as its field, for the editor to
point at, and names it in words when shown (core/messages/scheme_paths.py)."""

from __future__ import annotations

from typing import Any

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.i18n import _, in_language
from coop_desktop.core.messages import render
from coop_desktop.core.messages.scheme_paths import WORDS, path_words

KNOWN_KEYS = tuple(WORDS)


def labels_of(data: Any) -> dict[int, str]:
    """The label of each component, to name it ("componente 3 «Higiene»")."""
    found: dict[int, str] = {}
    items = data.get("components") if isinstance(data, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        label = item.get("label") if isinstance(item, dict) else None
        if isinstance(label, str) and label.strip():
            found[i] = label.strip()
    return found


class SchemeProblem(ValidationError):
    """One problem of a scheme: `field` is the exact path; the text names it in words."""

    def __init__(self, code: str, path: str, labels: dict[int, str], **params: Any) -> None:
        self.labels = labels
        super().__init__(code, path, path=path, **params)

    @in_language
    def render(self, lang: str | None = "es") -> str:
        words = path_words(self.field or "", self.labels)
        params = {**self.params, "path": words}
        if "suggest" in params:
            close = params.pop("suggest")
            params["hint"] = _(" (¿quiso decir «{close}»?)").format(close=close) if close else ""
        if self.code.startswith("scheme_") or self.code == "outside_chart":
            text = render(self.code, None, self.field, **params)
        else:  # the number parser's own sentence ("{field_name}: …"), named by the path
            text = words + render(self.code, None, None, **params)
        return text[:1].upper() + text[1:]

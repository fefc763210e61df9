"""Text folding for search: lower-case and accent-free, so "nunez" finds "Ñuñez"."""

from __future__ import annotations

import unicodedata


def fold(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def member_search_key(
    code: str, given_names: str, surnames: str, dni: str | None, community: str | None
) -> str:
    return fold(" ".join(p for p in (code, given_names, surnames, dni or "", community or "") if p))

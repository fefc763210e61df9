"""The gettext catalogues of the core, the CLI and the documents (docs/translations.md).

    python scripts/catalogue.py            # extract, update the .po files, compile the .mo files
    python scripts/catalogue.py --check    # exit 1 if a text has no English or a .mo is stale

Spanish is the source language: every `_("…")`, `ngettext("…", "…", n)` and `N_("…")` in
`coop_desktop/` is a msgid, and `resources/locale/en/LC_MESSAGES/coop.po` holds its English.
`resources/locale/es/LC_MESSAGES/argparse.po` holds argparse's own English sentences in
Spanish (argparse reads them through gettext). Qt's screens keep their own .ts files
(scripts/translations.py).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "resources" / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
CATALOGUES = {
    ("en", "coop"): "the core's texts in English (source: Spanish)",
    ("es", "argparse"): "argparse's sentences in Spanish (source: argparse's English)",
}


def po_path(lang: str, domain: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def extracted() -> Catalog:
    """Every msgid the code uses, with where."""
    found = Catalog(locale="es", project="Coop Desktop", charset="utf-8")
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "coop_desktop"),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=(),
        strip_comment_tags=True,
    ):
        if filename.startswith("storage/migrations"):
            continue
        found.add(message, locations=[(f"coop_desktop/{filename}", lineno)])
    return found


def load(lang: str, domain: str) -> Catalog:
    path = po_path(lang, domain)
    if not path.exists():
        return Catalog(locale=lang, domain=domain)
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=domain)


def save(catalog: Catalog, lang: str, domain: str) -> None:
    path = po_path(lang, domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=True)
    path.write_bytes(buffer.getvalue())
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    path.with_suffix(".mo").write_bytes(compiled.getvalue())


def compiled_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def problems() -> list[str]:
    """What is missing or stale: texts without English, English for texts no longer used,
    .mo files that are not their .po compiled."""
    found: list[str] = []
    english = load("en", "coop")
    used = extracted()
    for message in used:
        if not message.id:
            continue
        have = english.get(message.id)
        if (
            have is None
            or not have.string
            or (isinstance(have.string, tuple) and not all(have.string))
        ):
            where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
            found.append(f"no English for {message.id!r} ({where})")
        elif have.fuzzy:
            found.append(f"fuzzy English for {message.id!r}")
    ids = {m.id for m in used if m.id}
    for message in english:
        if message.id and message.id not in ids:
            found.append(f"English for a text no longer used: {message.id!r}")
    for lang, domain in CATALOGUES:
        path = po_path(lang, domain)
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled_bytes(load(lang, domain)):
            found.append(f"{mo.relative_to(ROOT)} is not {path.name} compiled")
    return found


def update() -> None:
    english = load("en", "coop")
    english.update(extracted(), no_fuzzy_matching=True)
    english.obsolete.clear()
    save(english, "en", "coop")
    save(load("es", "argparse"), "es", "argparse")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    update()
    left = problems()
    for line in left:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Refresh resources/translations from the UI sources and compile them:
`python scripts/translations.py` (runs pyside6-lupdate, fills the catalogues, runs
pyside6-lrelease).

The Spanish text in the code is the source; English comes from
resources/translations/en.json. A source string without an English entry stays untranslated
(shown in Spanish) and is listed on stdout.

Counts go through Qt's own plurals: `self.tr("%n socio(s)", "", n)`. Such a text has its
forms in both languages, one then many: English in en.json as a list, and Spanish in
es.json (the Spanish catalogue, coop_es.ts, holds only these forms: every other Spanish text
is the source itself)."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
TS = FOLDER / "coop_en.ts"
TS_ES = FOLDER / "coop_es.ts"
BIN = Path(sys.executable).parent

EN: dict[str, str | list[str]] = json.loads((FOLDER / "en.json").read_text("utf-8"))
ES: dict[str, list[str]] = json.loads((FOLDER / "es.json").read_text("utf-8"))


def _fill(target: ET.Element, forms: str | list[str], numerus: bool) -> bool:
    """Write a translation (plain or plural forms); False when its shape is wrong."""
    for child in list(target):
        target.remove(child)
    target.text = None
    if numerus:
        if not isinstance(forms, list) or len(forms) != 2:
            return False
        for form in forms:
            ET.SubElement(target, "numerusform").text = form
    else:
        if not isinstance(forms, str):
            return False
        target.text = forms
    target.attrib.pop("type", None)
    return True


def _catalogue(path: Path, language: str, sources: list[str]) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(path)],
        cwd=ROOT,
        check=True,
    )
    tree = ET.parse(path)
    tree.getroot().set("language", language)
    tree.getroot().set("sourcelanguage", "es_PE")
    tree.write(path, encoding="utf-8", xml_declaration=True)


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    _catalogue(TS, "en_US", sources)
    _catalogue(TS_ES, "es_PE", sources)
    missing = []
    tree = ET.parse(TS)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        target = message.find("translation")
        assert target is not None
        numerus = message.get("numerus") == "yes"
        if source not in EN or not _fill(target, EN[source], numerus):
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    spanish = ET.parse(TS_ES)
    for context in list(spanish.getroot()):
        for message in list(context.iter("message")):
            if message.get("numerus") != "yes":
                context.remove(message)
                continue
            source = message.findtext("source") or ""
            target = message.find("translation")
            assert target is not None
            if source not in ES or not _fill(target, ES[source], True):
                missing.append(f"{source} (es)")
        if not context.findall("message"):
            spanish.getroot().remove(context)
    spanish.write(TS_ES, encoding="utf-8", xml_declaration=True)
    for path in (TS, TS_ES):
        subprocess.run([str(BIN / "pyside6-lrelease"), str(path)], cwd=ROOT, check=True)
    for text in missing:
        print("untranslated:", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

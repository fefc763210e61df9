"""Refresh resources/translations from the UI sources and compile them:
`python scripts/translations.py` (runs pyside6-lupdate, fills English, runs pyside6-lrelease).

The Spanish text in the code is the source; English comes from
resources/translations/en.json. A source string without an English entry stays untranslated
(shown in Spanish) and is listed on stdout."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "coop_en.ts"
BIN = Path(sys.executable).parent

EN: dict[str, str] = json.loads((TS.parent / "en.json").read_text("utf-8"))


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(TS)],
        cwd=ROOT,
        check=True,
    )
    tree = ET.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        target = message.find("translation")
        assert target is not None
        if source in EN:
            target.text = EN[source]
            target.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS)], cwd=ROOT, check=True)
    for text in missing:
        print("untranslated:", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

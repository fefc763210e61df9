"""Find the bundled resources (fonts, schemes, demo names, translations).

One lookup for every way the program is installed:
- a source checkout: the top-level `resources/` folder;
- an installed wheel: `coop_desktop/resources/` (pyproject maps one onto the other);
- a frozen build (PyInstaller): `coop_desktop/resources/` inside the bundle folder
  (`sys._MEIPASS`, `_internal/` beside the programs), where the build puts them.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


def candidates() -> list[Path]:
    package = Path(__file__).resolve().parents[1]  # coop_desktop/
    found = [package / "resources", package.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        found.insert(0, Path(bundle) / "coop_desktop" / "resources")
    return found


@cache
def resource_root() -> Path:
    for candidate in candidates():
        if (candidate / "schemes").is_dir():
            return candidate
    raise FileNotFoundError("the resources folder is missing from this installation")


def resource_path(relative: str) -> Path:
    return resource_root() / relative

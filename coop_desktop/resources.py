"""Find the bundled resources (fonts, schemes, demo names, translations).

From a source checkout they are the top-level `resources/` folder; from an installed wheel
they are `coop_desktop/resources/` (pyproject maps one onto the other).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resource_root() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if (candidate / "schemes").is_dir():
            return candidate
    raise FileNotFoundError("the resources folder is missing from this installation")


def resource_path(relative: str) -> Path:
    return resource_root() / relative

"""What a frozen build relies on, checked without building one (scripts/smoke_frozen.py
checks the build itself): both entry points call freeze_support() first, resources are found
inside a frozen bundle, the Qt plugin filter keeps what each platform needs, and every
dependency is pinned in constraints.txt."""

import importlib.util
import multiprocessing
import sys
from pathlib import Path
from types import ModuleType

import pytest

import coop_desktop.cli
import ui.launch
from coop_desktop.core import resources

ROOT = Path(__file__).resolve().parents[2]
LINUX = "PySide6/Qt/plugins"  # where PyInstaller puts Qt's plugins from each PySide6 wheel
WINDOWS = "PySide6/plugins"


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem.replace("-", "_"), path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Started(Exception):
    """Raised by the stand-in freeze_support: the entry point got that far."""


@pytest.mark.parametrize("entry", [coop_desktop.cli.main, ui.launch.main], ids=["coop", "desktop"])
def test_entry_points_call_freeze_support_first(
    entry: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stand_in() -> None:
        raise Started

    monkeypatch.setattr(multiprocessing, "freeze_support", stand_in)
    with pytest.raises(Started):
        entry(["--version"])  # type: ignore[operator]


def test_resources_are_found_inside_a_frozen_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "coop_desktop" / "resources"
    (bundled / "schemes").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources.resource_root.cache_clear()
    try:
        assert resources.resource_path("schemes/x.json") == bundled / "schemes" / "x.json"
    finally:
        resources.resource_root.cache_clear()
    monkeypatch.undo()
    assert resources.resource_path("schemes/peru-additive.json").is_file()


@pytest.mark.parametrize(
    ("source", "folder", "kept"),
    [
        ("libqoffscreen.so", LINUX + "/platforms", True),
        ("libqxcb.so", LINUX + "/platforms", True),
        ("qwindows.dll", WINDOWS + "/platforms", True),
        ("qoffscreen.dll", WINDOWS + "/platforms", True),
        ("libcupsprintersupport.so", LINUX + "/printsupport", True),
        ("qsvg.dll", WINDOWS + "/imageformats", True),
        ("libqpdf.so", LINUX + "/imageformats", True),
        ("qmodernwindowsstyle.dll", WINDOWS + "/styles", True),
        (
            "libcomposeplatforminputcontextplugin.so",
            LINUX + "/platforminputcontexts",
            True,
        ),
        ("libQt6Pdf.so.6", "PySide6/Qt/lib", True),
        ("qtvirtualkeyboardplugin.dll", WINDOWS + "/platforminputcontexts", False),
        ("libqtvirtualkeyboardplugin.so", LINUX + "/platforminputcontexts", False),
        ("libqgtk3.so", LINUX + "/platformthemes", False),
        ("libqwayland-egl.so", LINUX + "/platforms", False),
        ("qdirect2d.dll", WINDOWS + "/platforms", False),
        ("qopensslbackend.dll", WINDOWS + "/tls", False),
        ("libqtiff.so", LINUX + "/imageformats", False),
    ],
)
def test_qt_plugin_filter(source: str, folder: str, kept: bool) -> None:
    trim = load(ROOT / "packaging" / "hooks" / "qt_trim.py")
    assert trim.keep((f"/site-packages/{folder}/{source}", folder)) is kept


def test_every_dependency_is_pinned() -> None:
    """constraints.txt names every installed dependency of coop-desktop[test,package], so a
    fresh install cannot resolve to an untested release (scripts/package.py refuses to
    build with versions other than the pinned ones)."""
    package = load(ROOT / "scripts" / "package.py")
    pinned = package.pins()
    closure = package.locked_closure()
    assert {"pyside6-essentials", "sqlalchemy", "pytest"} <= set(closure)  # + pyinstaller, if there
    assert set(closure) - set(pinned) == set()

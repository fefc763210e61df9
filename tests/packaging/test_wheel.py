"""The wheel carries every module and resource, and `coop` runs from a fresh venv."""

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("coop_desktop-*.whl")
    return found


@pytest.mark.slow
def test_wheel_contains_all_sources_and_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        p.relative_to(ROOT).as_posix()
        for pkg in ("coop_desktop", "ui")
        for p in (ROOT / pkg).rglob("*.py")
        if "__pycache__" not in p.parts
    }
    expected |= {
        "coop_desktop/resources/" + p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file()
    }
    expected.add("coop_desktop/storage/migrations/script.py.mako")
    assert expected - names == set()
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "coop = coop_desktop.cli:main" in text
    assert "coop-desktop = ui.launch:main" in text


@pytest.mark.slow
def test_installed_wheel_runs_and_finds_resources(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "fresh"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        [str(bindir / "coop"), "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout
    assert out.strip().startswith("coop-desktop ")
    probe = (
        "import coop_desktop.core.resources as r, coop_desktop;"
        "from coop_desktop.core.resources import resource_path;"
        "print(coop_desktop.__file__);"
        "print(resource_path('schemes/peru-additive.json').is_file())"
    )
    lines = subprocess.run(
        [str(bindir / "python"), "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.split()
    assert lines[0].startswith(str(env_dir)) and lines[1] == "True"


def test_python_m_coop_desktop_runs_the_installed_app_entry_point() -> None:
    from importlib.metadata import entry_points

    import ui.launch

    (entry,) = entry_points(group="gui_scripts", name="coop-desktop")
    assert entry.load() is ui.launch.main

"""Build the frozen program: `python scripts/package.py` → dist/CoopDesktop/.

One folder with both programs, `coop-desktop` (windowed) and `coop` (console), and everything
they need (Python, Qt and its plugins, resources, migrations), built by PyInstaller from
packaging/coop-desktop.spec. After the build the folder is checked for what must travel and
its size is printed. `--installer` (Windows) then builds the Inno Setup installer from
packaging/windows/coop-desktop.iss. Details: docs/packaging.md.

Install the build tools first, at the locked versions:
    pip install -c constraints.txt -e ".[package]"
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "coop-desktop.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
FOLDER = DIST / "CoopDesktop"
WINDOWS = sys.platform == "win32"

# Where the PySide6 wheel keeps Qt, as PyInstaller lays it out in the folder. (Qt 6 on
# Windows prints without a plugin: QtPrintSupport has it built in.)
if WINDOWS:
    QT_FILES = [
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/platforms/qoffscreen.dll",
        "PySide6/plugins/imageformats/qsvg.dll",
        "PySide6/plugins/imageformats/qjpeg.dll",
        "PySide6/plugins/imageformats/qpdf.dll",
        "PySide6/translations/qtbase_es.qm",
        "PySide6/Qt6Pdf.dll",
        "PySide6/Qt6Charts.dll",
    ]
else:
    QT_FILES = [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/translations/qtbase_es.qm",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6Charts.so.6",
    ]


def must_travel() -> list[str]:
    """Paths inside the folder without which a frozen program breaks at run time."""
    exe = ".exe" if WINDOWS else ""
    ours = [
        "storage/migrations/env.py",
        "storage/migrations/script.py.mako",
        "storage/migrations/versions/0001_initial_schema.py",
        "resources/schemes/peru-additive.json",
        "resources/demo/names.json",
        "resources/fonts/DejaVuSansCondensed.ttf",
        "resources/fonts/DejaVuSansCondensed-Bold.ttf",
        "resources/translations/coop_en.qm",
    ]
    babel = ["babel/locale-data/es_PE.dat", "babel/locale-data/en.dat"]
    return [
        f"coop{exe}",
        f"coop-desktop{exe}",
        *(f"_internal/coop_desktop/{p}" for p in ours),
        *(f"_internal/{p}" for p in babel + QT_FILES),
    ]


def locked_closure(extras: tuple[str, ...] = ("test", "package")) -> dict[str, str]:
    """Every installed distribution coop-desktop needs (with `extras`), by normalised name,
    with its installed version."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: dict[str, str] = {}
    todo = [("coop-desktop", extras)]
    while todo:
        name, wanted = todo.pop()
        dist = distribution(name)
        for line in dist.requires or []:
            req = Requirement(line)
            envs = [{"extra": e} for e in wanted] or [{"extra": ""}]
            if req.marker is not None and not any(req.marker.evaluate(env) for env in envs):
                continue
            key = canonicalize_name(req.name)
            try:
                version = distribution(req.name).version
            except PackageNotFoundError:
                continue
            if key not in found:
                found[key] = version
                todo.append((req.name, tuple(req.extras)))
    return found


def pins(path: Path = ROOT / "constraints.txt") -> dict[str, str]:
    from packaging.utils import canonicalize_name

    result = {}
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            result[canonicalize_name(name)] = version.strip()
    return result


def lock_problems() -> list[str]:
    """What differs between the installed build tools and dependencies and constraints.txt."""
    pinned = pins()
    problems = []
    for name, version in sorted(locked_closure().items()):
        if name not in pinned:
            problems.append(f"{name} {version} is not in constraints.txt")
        elif pinned[name] != version:
            problems.append(f"{name} {version} is installed, constraints.txt says {pinned[name]}")
    return problems


def strippable(library: Path, readelf: str) -> bool:
    """A library whose debugging symbols can go. Not the ones a wheel's repair tool
    (auditwheel) rewrote: the libraries it vendors in `*.libs` folders, and the modules it
    pointed at them (their run path names that folder). Stripping those breaks them: a
    stripped OpenBLAS (NumPy's, when the charts needed it) failed to load ("ELF load command
    address/offset not page-aligned")."""
    if any(part.endswith(".libs") for part in library.parts):
        return False
    dynamic = subprocess.run(
        [readelf, "-d", str(library)], capture_output=True, text=True, check=False
    )
    if dynamic.returncode != 0:
        return False
    paths = [line for line in dynamic.stdout.splitlines() if "RPATH" in line or "RUNPATH" in line]
    return not any(".libs" in line for line in paths)


def strip_libraries(folder: Path) -> int:
    """On Linux, strip the debugging symbols of the libraries that can lose them (libpython
    alone: 23 MB → 5.5 MB). PyInstaller's own `strip` option strips every library, including
    the ones `strippable` keeps. Returns the bytes saved."""
    strip, readelf = shutil.which("strip"), shutil.which("readelf")
    if WINDOWS or strip is None or readelf is None:
        return 0
    candidates = [
        p
        for p in (folder / "_internal").rglob("*.so*")
        if p.is_file() and not p.is_symlink() and (p.suffix == ".so" or ".so." in p.name)
    ]
    targets = [p for p in candidates if strippable(p, readelf)]
    before = sum(t.stat().st_size for t in targets)
    for start in range(0, len(targets), 200):
        chunk = [str(t) for t in targets[start : start + 200]]
        subprocess.run([strip, "--strip-unneeded", *chunk], check=True)
    return before - sum(t.stat().st_size for t in targets)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def check(folder: Path) -> list[str]:
    return [rel for rel in must_travel() if not (folder / rel).exists()]


def build(clean: bool) -> None:
    if clean:
        shutil.rmtree(WORK, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    subprocess.run(command, check=True, cwd=ROOT)


def installer(folder: Path) -> Path:
    """The Inno Setup installer (Windows only; needs ISCC.exe, Inno Setup 6)."""
    from coop_desktop import __version__

    iscc = shutil.which("ISCC") or shutil.which("iscc")
    default = Path(os.environ.get("PROGRAMFILES(X86)", "C:/Program Files (x86)"))
    candidate = default / "Inno Setup 6" / "ISCC.exe"
    if iscc is None and candidate.exists():
        iscc = str(candidate)
    if iscc is None:
        raise SystemExit("package: ISCC.exe (Inno Setup 6) not found; see docs/packaging.md")
    script = ROOT / "packaging" / "windows" / "coop-desktop.iss"
    subprocess.run(
        [iscc, f"/DAppVersion={__version__}", f"/DSourceDir={folder}", f"/O{DIST}", str(script)],
        check=True,
        cwd=ROOT,
    )
    return DIST / f"CoopDesktop-{__version__}-setup.exe"


SIZE_BUDGET_MB = 200  # frozen_size_mb, on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="discard PyInstaller's cache")
    parser.add_argument("--check-only", action="store_true", help="check an existing build")
    parser.add_argument("--installer", action="store_true", help="also the Windows installer")
    parser.add_argument(
        "--unlocked", action="store_true", help="build even if versions differ from the lock"
    )
    args = parser.parse_args()
    began = time.perf_counter()
    problems = lock_problems()
    if problems and not args.unlocked:
        print(
            "package: the installed versions are not the locked ones "
            '(pip install -c constraints.txt -e ".[package]"):\n  ' + "\n  ".join(problems),
            file=sys.stderr,
        )
        return 1
    if not args.check_only:
        build(args.clean)
        saved = strip_libraries(FOLDER)
        if saved:
            print(f"package: stripped the libraries' debugging symbols, {saved / 1e6:.1f} MB less")
    missing = check(FOLDER)
    if missing:
        print("package: missing from the build:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    size = folder_size(FOLDER)
    print(
        f"package: {FOLDER.relative_to(ROOT)} {size / 1e6:.1f} MB "
        f"({time.perf_counter() - began:.0f} s)"
    )
    if sys.platform.startswith("linux") and size > SIZE_BUDGET_MB * 1e6:
        # the budget is measured on Linux (docs/packaging.md); Windows' Qt ships no ICU
        print(f"package: over the {SIZE_BUDGET_MB} MB budget", file=sys.stderr)
        return 1
    if args.installer:
        print(f"package: installer {installer(FOLDER)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Start the app on every section, many times each, and fail on any crash.

    python scripts/start_every_section.py [--starts 20] [--jobs 2]

The app remembers the section it was closed on (after a change of language it reopens on
Configuración), so a start builds that section's screen while the window's first reads and
the idle imports of the other screens run. Each start here is a new process, offscreen, as
CI runs it: the app opens on the section, waits for its background work, closes and quits
(the hidden start-up check, ui/startup_check.py). Any exit other than 0 — a segfault is
-11 — fails the run and is listed with the section. CI runs it (.ci/run)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
USER, PASSWORD = "admin", "clave-de-arranque"
HANG_S = 120  # a start takes about 2 s
from ui.main_window import SECTIONS  # noqa: E402  (the sidebar's order, one list)


def make_database(folder: Path) -> Path:
    from datetime import timedelta

    from coop_desktop.core import clock
    from coop_desktop.services.auth import create_first_admin, sign_in
    from coop_desktop.services.demo import load_demo
    from coop_desktop.storage.connect import open_database

    path = folder / "coop.db"
    db = open_database(str(path), create=True)
    create_first_admin(db, USER, PASSWORD)
    sign_in(db, USER, PASSWORD, for_command=True)
    load_demo(db, members=40, days=45, start=clock.today() - timedelta(days=46), seed=7)
    db.dispose()
    return path


def logged(home: Path) -> str:
    """What the app wrote to its log (an unexpected error's traceback), if anything."""
    logs = [p.read_text("utf-8", "replace")[-4000:] for p in home.rglob("coop.log")]
    return "\nlog:\n" + "".join(logs) if logs else ""


def start(database: Path, section: int, run: int, folder: Path) -> tuple[int, int, int, str]:
    """One start of the app on `section`; returns (section, run, exit code, what it said)."""
    home = folder / f"s{section}-r{run}"
    config = home / "config" / "CoopDesktop"
    config.mkdir(parents=True, exist_ok=True)
    (config / "coop-desktop.ini").write_text(f"[window]\nsection={section}\n", "utf-8")
    report = home / "report.jsonl"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "COOP_USER": USER,
        "COOP_PASSWORD": PASSWORD,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    env["PYTHONFAULTHANDLER"] = "1"  # a start that hangs is stopped with every thread's stack
    command = [sys.executable, str(ROOT / "main.py"), "--db", str(database)]
    child = subprocess.Popen(
        [*command, "--quit-after", "0", "--report", str(report)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _, stderr = child.communicate(timeout=HANG_S)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGABRT)  # faulthandler writes each thread's stack first
        _, stderr = child.communicate()
        return section, run, -999, f"no exit after {HANG_S} s:\n{stderr[-6000:]}{logged(home)}"
    done = subprocess.CompletedProcess(child.args, child.returncode, "", stderr)
    lines = (
        [json.loads(x) for x in report.read_text("utf-8").splitlines()] if report.exists() else []
    )
    opened = next((x.get("section") for x in lines if "section" in x and "shown" in x), None)
    code = done.returncode
    said = [*done.stderr.strip().splitlines()[-3:], logged(home)] if code else []
    if code == 0 and opened != SECTIONS[section]:
        code, said = -1, [f"opened on {opened!r}, not {SECTIONS[section]!r}"]
    return section, run, code, " | ".join(said)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=20, help="starts per section")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coop-starts-") as tmp:
        folder = Path(tmp)
        database = make_database(folder)
        work = [(s, r) for r in range(args.starts) for s in range(len(SECTIONS))]
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(lambda sr: start(database, sr[0], sr[1], folder), work))
    failed = [r for r in results if r[2] != 0]
    summary = {
        "starts": len(results),
        "sections": len(SECTIONS),
        "failed": [
            {"section": SECTIONS[s], "run": run, "exit": code, "said": said}
            for s, run, code, said in failed
        ],
        "seconds": round(time.perf_counter() - began, 1),
    }
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

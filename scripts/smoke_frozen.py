"""Smoke test of the frozen build: `python scripts/smoke_frozen.py [dist/CoopDesktop]`.

Runs the frozen programs only, the way a treasurer's PC would: an environment with no Python
on PATH (PATH is the program folder, plus the Windows system folders on Windows), a fresh
home and data folder, Qt offscreen. Each step prints `ok` or `FAIL`, and the last line is
`smoke: N passed, M failed`; the exit code is 1 if anything failed. Details in
docs/packaging.md.

This driver runs under the development Python (it reads PDFs back with pypdf and builds an
older database with the source tree's migrations); the programs it tests never do.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""

# Variables every frozen program gets on top of the clean environment: `coop init` creates
# the administrator with COOP_NEW_PASSWORD, every later command (and the desktop's start-up
# check) signs in as COOP_USER with COOP_PASSWORD.
ADMIN, PASSWORD = "admin", "Prueba-de-humo-2025"
EXTRA_ENV: dict[str, str] = {
    "COOP_USER": ADMIN,
    "COOP_NEW_PASSWORD": PASSWORD,
    "COOP_PASSWORD": PASSWORD,
}

ASSOCIATION = "Asociación de Productores Lecheros Huaychani"
PERIOD = "2025-01"  # a 31-day month safely in the past, so it can be closed
TIMEOUT_S = 120
DESKTOP_TIMEOUT_S = 90


class Smoke:
    def __init__(self, folder: Path, work: Path) -> None:
        self.folder = folder.resolve()
        self.work = work
        self.db = work / "coop.db"
        self.passed: list[str] = []
        self.failed: list[str] = []
        home = work / "home"
        self.home = home
        home.mkdir()
        runtime = work / "runtime"
        runtime.mkdir(mode=0o700)
        if WINDOWS:
            system = os.environ.get("SYSTEMROOT", r"C:\Windows")
            self.base_env = {
                "PATH": os.pathsep.join([str(self.folder), system + r"\System32", system]),
                "SystemRoot": system,
                "windir": system,
                "TEMP": str(work),
                "TMP": str(work),
                "USERPROFILE": str(home),
            }
        else:
            self.base_env = {
                "PATH": str(self.folder),
                "HOME": str(home),
                "XDG_DATA_HOME": str(home / "data"),
                "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_CACHE_HOME": str(home / "cache"),
                "XDG_RUNTIME_DIR": str(runtime),
                "LANG": "C.UTF-8",
                "TMPDIR": str(work),
            }
        self.base_env["QT_QPA_PLATFORM"] = "offscreen"
        self.base_env.update(EXTRA_ENV)

    # -- running the frozen programs ------------------------------------------------------

    def program(self, name: str) -> str:
        return str(self.folder / f"{name}{EXE}")

    def coop(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = TIMEOUT_S
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.program("coop"), *args],
            env={**self.base_env, **(env or {})},
            cwd=self.work,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )

    def step(self, name: str, check: Callable[[], str | None]) -> None:
        began = time.perf_counter()
        try:
            problem = check()
        except Exception as exc:  # a step that crashes is a failed step, the others still run
            problem = f"{type(exc).__name__}: {exc}"
        took = time.perf_counter() - began
        if problem:
            self.failed.append(name)
            print(f"FAIL {name} ({took:.1f} s): {problem}", flush=True)
        else:
            self.passed.append(name)
            print(f"ok   {name} ({took:.1f} s)", flush=True)


def expect(result: subprocess.CompletedProcess[str], *texts: str) -> str | None:
    """None when the program succeeded and printed every text; else what went wrong."""
    if result.returncode != 0:
        return f"exit code {result.returncode}\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
    missing = [t for t in texts if t not in result.stdout]
    return f"output lacks {missing}:\n{result.stdout[-2000:]}" if missing else None


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


# -- the steps ----------------------------------------------------------------------------


def cli_steps(s: Smoke) -> None:
    db = str(s.db)
    s.step("coop --version", lambda: expect(s.coop("--version"), "coop-desktop "))
    s.step(
        "coop init",
        lambda: expect(s.coop("--db", db, "init", "--name", ASSOCIATION, "--cycle", "month")),
    )
    s.step(
        "coop demo --members 50 --days 31",
        lambda: expect(
            s.coop("--db", db, "demo", "--members", "50", "--days", "31", "--start", "2025-01-01"),
            "50",
        ),
    )

    def close() -> str | None:
        # A low threshold makes this small period take the closeout's second process, the
        # one started through multiprocessing; if it fails the close still succeeds, but
        # warns on stderr: that warning fails the step.
        result = s.coop("--db", db, "close", PERIOD, env={"COOP_SPLIT_FROM_DELIVERIES": "1000"})
        if "second closeout process" in result.stderr:
            return result.stderr
        return expect(result, PERIOD)

    s.step(f"coop close {PERIOD} (two processes)", close)

    def print_statements() -> str | None:
        out = s.work / "statements.pdf"
        # A low crossover makes these 50 statements take the batch's two child processes
        # (coop_desktop/core/children.py), as a batch of a thousand does
        low = {"COOP_BATCH_CROSSOVER": "10"}
        problem = expect(s.coop("--db", db, "print", "statements", PERIOD, "-o", str(out), env=low))
        text = pdf_text(out) if problem is None else ""
        if problem is None and ("S0050" not in text or ASSOCIATION not in text):
            problem = f"the statements lack S0050 or the association:\n{text[:500]}"
        return problem

    s.step("coop print statements (worker processes)", print_statements)

    def print_receipts() -> str | None:
        out = s.work / "receipts.pdf"
        problem = expect(s.coop("--db", db, "print", "receipts", PERIOD, "-o", str(out)))
        if problem is None and "SON:" not in pdf_text(out):
            problem = "the receipts lack the amount in words (SON: …)"
        return problem

    s.step("coop print receipts", print_receipts)
    s.step("coop check", lambda: expect(s.coop("--db", db, "check")))

    def indicators_xlsx() -> str | None:
        out = s.work / "indicators.xlsx"
        args = ["report", "indicators", "--from", "2025-01-01", "--to", "2025-01-31"]
        problem = expect(s.coop("--db", db, *args, "-o", str(out)))
        if problem is None and "xl/workbook.xml" not in zipfile.ZipFile(out).namelist():
            problem = f"{out.name} is not a workbook"
        return problem

    s.step("coop report indicators -o .xlsx (openpyxl travels)", indicators_xlsx)


def desktop_step(s: Smoke) -> None:
    def desktop() -> str | None:
        report = s.work / "desktop-report.jsonl"
        command = [
            s.program("coop-desktop"),
            "--db",
            str(s.db),
            "--quit-after",
            "1500",
            "--visit-sections",
            "--check-pdf",
            str(s.work / "statements.pdf"),
            "--report",
            str(report),
        ]
        child = subprocess.Popen(
            command,
            env=s.base_env,
            cwd=s.work,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        foreign = watch_for_foreign_files(child, report, s.folder)
        try:
            output, _ = child.communicate(timeout=DESKTOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            child.kill()
            output, _ = child.communicate()
            return f"still running after {DESKTOP_TIMEOUT_S} s:\n{output.decode()[-2000:]}"
        events = read_report(report)
        if child.returncode != 0:
            return f"exit code {child.returncode}: {events}\n{output.decode()[-2000:]}"
        shown = next((e for e in events if "shown" in e), None)
        pdf = next((e for e in events if "pdf_pages" in e), {})
        visited = next((e["sections"] for e in events if "sections" in e), [])
        if shown is None or ASSOCIATION not in str(shown.get("title")):
            return f"the main window did not open on the database: {events}"
        if not shown.get("translations"):
            return "Qt's Spanish translation did not load"
        if not {"members", "collection", "closeout", "documents"} <= set(map(str, visited)):
            return f"not every section was opened: {visited}"
        if not pdf.get("pdf_pages") or not pdf.get("pdf_inked_pixels"):
            return f"QtPdf did not render the statements: {pdf}"
        if foreign:
            return "the frozen program loaded files from a Python installation:\n" + "\n".join(
                foreign[:10]
            )
        return None

    s.step("coop-desktop opens the window and every section, QtPdf renders a page", desktop)


def read_report(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def watch_for_foreign_files(
    child: subprocess.Popen[bytes], report: Path, folder: Path
) -> list[str]:
    """On Linux, once the window is shown: the files the program has mapped that belong to
    the Python installation of this machine (there must be none)."""
    maps = Path(f"/proc/{child.pid}/maps")
    if not maps.exists():
        return []
    deadline = time.monotonic() + DESKTOP_TIMEOUT_S
    while time.monotonic() < deadline and child.poll() is None and not read_report(report):
        time.sleep(0.1)
    try:
        mapped = {line.split(maxsplit=5)[-1] for line in maps.read_text().splitlines()}
    except OSError:
        return []
    pythons = {str(Path(p).resolve()) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    pythons.add(str(ROOT / ".venv"))
    inside = str(folder)
    return sorted(
        m
        for m in mapped
        if m.startswith("/") and not m.startswith(inside) and m.startswith(tuple(pythons))
    )


def upgrade_step(s: Smoke) -> None:
    """A database of the previous schema revision, made with the source tree's migrations,
    is migrated by the frozen program on first use, with the automatic backup first."""

    def upgrade() -> str | None:
        import sqlite3

        from alembic import command

        from coop_desktop.services.auth import create_first_admin, sign_in
        from coop_desktop.services.demo import load_demo
        from coop_desktop.storage.connect import open_database
        from coop_desktop.storage.migrate import alembic_config, head_revision

        old = s.work / "older.db"
        db = open_database(str(old), backup_dir=s.work / "source-backups", create=True)
        create_first_admin(db, ADMIN, PASSWORD)
        sign_in(db, ADMIN, PASSWORD, for_command=True)
        load_demo(db, members=12, days=5, seed=7)
        with db.engine.connect() as conn:
            command.downgrade(alembic_config(conn), "-1")
            conn.commit()
        db.dispose()
        backups = old.parent / "backups"  # beside the database (docs/storage.md)
        before = set(backups.glob("older-before-*.db")) if backups.exists() else set()
        # The desktop program opens it as a treasurer would after installing a new version.
        # 0: it signed in; 4: the revision taken back created the users, so the first
        # administrator must be made by a person (the first-admin dialog): both are right.
        report = s.work / "older-report.jsonl"
        command_line = [s.program("coop-desktop"), "--db", str(old), "--quit-after", "0"]
        done = subprocess.run(
            [*command_line, "--report", str(report)],
            env=s.base_env,
            cwd=s.work,
            capture_output=True,
            timeout=DESKTOP_TIMEOUT_S,
        )
        if done.returncode not in (0, 4):
            return f"exit code {done.returncode}: {read_report(report)}"
        made = set(backups.glob("older-before-*.db")) - before if backups.exists() else set()
        if not made:
            return f"no backup in {backups} before the migration"
        conn = sqlite3.connect(old)
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            members = conn.execute("SELECT COUNT(*) FROM member").fetchone()[0]
        finally:
            conn.close()
        if revision != head_revision():
            return f"the database is at revision {revision}, not {head_revision()}"
        return None if members == 12 else f"{members} members after the upgrade, expected 12"

    s.step("an older database is migrated, with a backup first", upgrade)


def postgres_step(s: Smoke) -> None:
    """With COOP_TEST_PG_URL (CI starts a server): the frozen `coop` on PostgreSQL."""
    server = os.environ.get("COOP_TEST_PG_URL")
    if not server:
        print("skip PostgreSQL (COOP_TEST_PG_URL is not set)")
        return
    import psycopg

    name = f"coop_smoke_{uuid.uuid4().hex[:8]}"
    admin = server.replace("postgresql+psycopg://", "postgresql://")

    def on_postgres() -> str | None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")  # type: ignore[arg-type]
        url = f"{server.rpartition('/')[0]}/{name}"
        return (
            expect(s.coop("--db", url, "init", "--name", ASSOCIATION))
            or expect(s.coop("--db", url, "demo", "--members", "5", "--days", "3"))
            or expect(s.coop("--db", url, "check"))
        )

    try:
        s.step("coop on PostgreSQL (psycopg travels)", on_postgres)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "dist" / "CoopDesktop"))
    args = parser.parse_args()
    folder = Path(args.folder)
    if not (folder / f"coop{EXE}").exists():
        print(f"smoke: no frozen build in {folder} (python scripts/package.py)")
        return 1
    with tempfile.TemporaryDirectory(prefix="coop-smoke-") as tmp:
        smoke = Smoke(folder, Path(tmp))
        cli_steps(smoke)
        desktop_step(smoke)
        upgrade_step(smoke)
        postgres_step(smoke)
    print(f"smoke: {len(smoke.passed)} passed, {len(smoke.failed)} failed")
    return 1 if smoke.failed else 0


if __name__ == "__main__":
    sys.exit(main())

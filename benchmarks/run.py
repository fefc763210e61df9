"""The one benchmark entry point: builds data with the demo generator, prints one JSON object.

    python benchmarks/run.py            # full sizes (as the issues' budgets state them)
    python benchmarks/run.py --quick    # small sizes, about a minute
    python benchmarks/run.py --only demo_1m_s

Each metric is a function in METRICS; sizes are reported next to the numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The app is imported inside functions, never here: a closeout or a batch starts worker
# processes with multiprocessing's "spawn", which imports this file again in every worker,
# and SQLAlchemy's import time would be added to each worker's start.

Metric = Callable[[Path, bool], dict[str, Any]]
BENCH_USER, BENCH_PASSWORD = "admin", "clave-de-medicion"


def _today() -> date:
    from coop_desktop.core import clock

    return clock.today()


def open_database(target: str, *, create: bool = False) -> Any:
    """The database with its administrator signed in (created on a new file), as `coop`."""
    from coop_desktop.services.auth import create_first_admin, has_users, sign_in
    from coop_desktop.storage import connect

    db = connect.open_database(target, create=create)
    if not has_users(db):
        create_first_admin(db, BENCH_USER, BENCH_PASSWORD)
    sign_in(db, BENCH_USER, BENCH_PASSWORD, for_command=True)
    return db


def load_demo(db: Any, **kwargs: Any) -> Any:
    from coop_desktop.services.demo import load_demo as load

    return load(db, **kwargs)


def sign_in_cost(workdir: Path, quick: bool) -> dict[str, Any]:
    """What signing in adds to a start (Argon2id with the shipped parameters, the account's
    bookkeeping and its audit row), median of several, on SQLite."""
    import statistics

    from coop_desktop.services.auth import sign_in

    db = open_database(str(workdir / "users.db"), create=True)
    times = []
    for _ in range(5 if quick else 15):
        began = time.perf_counter()
        sign_in(db, BENCH_USER, BENCH_PASSWORD)
        times.append(time.perf_counter() - began)
    db.dispose()
    return {"sign_in_s": round(statistics.median(times), 3), "sign_in_max_s": round(max(times), 3)}


def demo_1m(workdir: Path, quick: bool) -> dict[str, Any]:
    """Demo generation by bulk inserts: 2,000 members × 250 days × 2 shifts = 1M deliveries."""
    members, days = (200, 50) if quick else (2000, 250)
    db = open_database(str(workdir / "demo.db"), create=True)
    start = _today() - timedelta(days=days + 1)
    began = time.perf_counter()
    summary = load_demo(db, members=members, days=days, start=start, seed=1)
    elapsed = time.perf_counter() - began
    db.dispose()
    return {"demo_1m_s": round(elapsed, 2), "demo_deliveries": summary.deliveries}


def pricing(workdir: Path, quick: bool) -> dict[str, Any]:
    """Pure pricing on one core, over demo deliveries with their period-average quality:
    amounts only (`price_per_s`) and full breakdowns (`price_breakdown_per_s`)."""
    from coop_desktop.domain.periods import period_of
    from coop_desktop.services.closeout.inputs import read_period
    from coop_desktop.services.schemes import load_timeline

    members, days = (300, 31) if quick else (2000, 75)
    db = open_database(str(workdir / "pricing.db"), create=True)
    start = _today() - timedelta(days=days + 1)
    load_demo(db, members=members, days=days, start=start, seed=2)
    span = period_of(start + timedelta(days=days // 2), "month")
    with db.engine.connect() as conn:
        reading = read_period(conn, span)
    with db.read() as session:
        pricer = load_timeline(session).at(span.end)
    work = []
    for member_id, deliveries in reading.deliveries().items():
        volumes: dict[date, Any] = {}
        for d in deliveries:
            volumes[d.day] = volumes.get(d.day, 0) + d.quantity
        quality = reading.quality[member_id].period_average(span.start, span.end, volumes)
        flags = reading.flags.get(member_id, frozenset())
        work += [(d.quantity, d.unit, quality, flags) for d in deliveries if not d.rejected]
    db.dispose()
    amount = pricer.amount
    began = time.perf_counter()
    for qty, unit, quality, flags in work:
        amount(qty, unit, quality, flags)
    amounts_s = time.perf_counter() - began
    price = pricer.price
    began = time.perf_counter()
    for qty, unit, quality, flags in work:
        price(qty, unit, quality, flags)
    breakdown_s = time.perf_counter() - began
    return {
        "price_per_s": round(len(work) / amounts_s),
        "price_breakdown_per_s": round(len(work) / breakdown_s),
        "price_deliveries": len(work),
    }


PEAK_SCRIPT = """
import os, sys, threading, time
from coop_desktop.core import clock
from coop_desktop.services.auth import sign_in
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.storage.connect import open_database

def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0

def children(pid):
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            found += [int(c) for c in f.read().split()]
    return found

peak, done = [0], threading.Event()

def watch():
    me = os.getpid()
    while not done.is_set():
        peak[0] = max(peak[0], rss_kb(me) + sum(rss_kb(c) for c in children(me)))
        time.sleep(0.02)

watcher = threading.Thread(target=watch, daemon=True)
watcher.start()
db = open_database(sys.argv[1])
sign_in(db, os.environ["COOP_USER"], os.environ["COOP_PASSWORD"], for_command=True)
close_period(db, "2026-10")
done.set()
watcher.join()
print(peak[0])
"""


def _close_peak_mb(source: Path, workdir: Path) -> float:
    """Peak memory of a close in a fresh process: the largest sum, sampled every 20 ms, of
    its resident set and that of the process pricing the other share, in MB (Linux: read
    from /proc; `ru_maxrss` would count the benchmark's own memory inherited at fork)."""
    import os
    import shutil
    import subprocess

    copy = workdir / "close-peak.db"
    shutil.copy(source, copy)
    env = {**os.environ, "COOP_USER": BENCH_USER, "COOP_PASSWORD": BENCH_PASSWORD}
    out = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, str(copy)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,  # not on the command line: secrets stay out of process lists
    ).stdout.split()
    return int(out[-1]) / 1024


def _close_once(workdir: Path, members: int, days: int) -> tuple[float, float, int]:
    """(close seconds, plain sqlite3 read seconds, deliveries) for one demo month; the read
    is of the columns the close reads (`reading.COLUMNS`)."""
    import shutil
    import sqlite3

    from coop_desktop.services.closeout.closing import close_period

    source = workdir / f"close-{members}.db"
    db = open_database(str(source), create=True)
    load_demo(
        db, members=members, days=days, start=date(2026, 10, 1), seed=3, today=date(2026, 11, 27)
    )
    db.dispose()
    from coop_desktop.domain.pricing.reading import COLUMNS

    query = f"SELECT {COLUMNS} FROM delivery WHERE date >= ? AND date <= ?"
    reads = []
    for _ in range(3):
        conn = sqlite3.connect(source)
        began = time.perf_counter()
        count = len(conn.execute(query, ("2026-10-01", "2026-10-31")).fetchall())
        reads.append(time.perf_counter() - began)
        conn.close()
    closes = []
    for attempt in range(2):
        copy = workdir / f"close-{members}-{attempt}.db"
        shutil.copy(source, copy)
        db = open_database(str(copy))
        began = time.perf_counter()
        close_period(db, "2026-10")
        closes.append(time.perf_counter() - began)
        db.dispose()
    return min(closes), min(reads), count


def closeout(workdir: Path, quick: bool) -> dict[str, Any]:
    """Closing a month on SQLite: 2,000 members × 25 days × 2 shifts (100k deliveries) and
    16,130 members × 31 days × 2 (1M); the ratio is close time / plain sqlite3 read time of
    the same deliveries, both measured here (best of runs); `close_1m_peak_mb` is the peak
    memory of a 1M close in a fresh process (budget 500 MB)."""
    close_100k, read_100k, n_100k = _close_once(workdir, 2000, 25)
    result: dict[str, Any] = {
        "close_100k_s": round(close_100k, 2),
        "close_100k_deliveries": n_100k,
        "read_100k_s": round(read_100k, 3),
    }
    if quick:
        result["close_vs_read_ratio"] = round(close_100k / read_100k, 2)
        result["close_100k_peak_mb"] = round(_close_peak_mb(workdir / "close-2000.db", workdir))
        return result
    close_1m, read_1m, n_1m = _close_once(workdir, 16130, 31)
    result |= {
        "close_1m_peak_mb": round(_close_peak_mb(workdir / "close-16130.db", workdir)),
        "close_1m_s": round(close_1m, 2),
        "close_1m_deliveries": n_1m,
        "read_1m_s": round(read_1m, 3),
        "close_vs_read_ratio": round(close_1m / read_1m, 2),
        "close_vs_read_ratio_100k": round(close_100k / read_100k, 2),
    }
    return result


def statements_speed(workdir: Path, quick: bool) -> dict[str, Any]:
    """1,000 monthly statements of 60 deliveries each, rendered on both cores, against the
    same text drawn with plain canvas calls on both cores, in the same run."""
    from coop_desktop.documents.baseline import PlainStatementRenderer
    from coop_desktop.documents.batch import render_all
    from coop_desktop.documents.statement import StatementRenderer
    from coop_desktop.services.statements import statements

    members = 100 if quick else 1000
    db = open_database(str(workdir / "statements.db"), create=True)
    load_demo(
        db, members=members, days=30, start=date(2026, 10, 1), seed=4, today=date(2026, 11, 27)
    )
    began = time.perf_counter()
    docs = statements(db, "2026-10", record=False)
    build_s = time.perf_counter() - began
    db.dispose()
    render_all(StatementRenderer(), docs[:4], workers=1)  # warm fonts and caches
    began = time.perf_counter()
    pdfs = render_all(StatementRenderer(), docs, workers=2)
    render_s = time.perf_counter() - began
    began = time.perf_counter()
    render_all(PlainStatementRenderer(), docs, workers=2)
    plain_s = time.perf_counter() - began
    return {
        "statements": len(pdfs),
        "statement_deliveries": sum(len(d.lines) for d in docs) // max(len(docs), 1),
        "statements_build_s": round(build_s, 2),
        "statements_render_s": round(render_s, 2),
        "statements_per_s": round(len(pdfs) / render_s, 1),
        "statements_plain_canvas_s": round(plain_s, 2),
        "statements_vs_canvas_ratio": round(render_s / plain_s, 2),
    }


def print_statements(workdir: Path, quick: bool) -> dict[str, Any]:
    """The whole command a treasurer runs at closeout, `coop print statements PERIOD -o FILE`,
    for a 40-member association's month (about 60 deliveries each), process start included;
    three runs, the median reported and every run listed."""
    import os
    import resource
    import statistics
    import subprocess

    db = str(workdir / "print.db")
    cpu: list[float] = []

    secret = "clave-de-referencia-2026"  # the first administrator's, as a script signs in
    env = {**os.environ, "COOP_NEW_PASSWORD": secret, "COOP_USER": "admin"}
    env["COOP_PASSWORD"] = secret

    def coop(*args: str) -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "coop_desktop.cli", "--db", db, *args],
            check=True,
            capture_output=True,
            cwd=ROOT,
            env=env,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
        return time.perf_counter() - began

    coop("init", "--name", "Asociación de Productores Lecheros Huaychani", "--cycle", "month")
    coop("demo", "--members", "40", "--days", "31", "--start", "2026-10-01", "--seed", "1")
    coop("close", "2026-10")
    runs = [
        coop("print", "statements", "2026-10", "-o", str(workdir / f"e{i}.pdf")) for i in range(3)
    ]
    return {
        "print_statements_40_s": round(statistics.median(runs), 2),
        "print_statements_40_runs_s": [round(r, 2) for r in runs],
        # CPU seconds of the same runs: what the wall clock would be on an idle machine
        "print_statements_40_cpu_s": [round(c, 2) for c in cpu[-3:]],
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _starts_to_window(program: list[str], database: Path, workdir: Path) -> list[float]:
    """Seconds from launching `program` to its main window shown, signed in, on `database`:
    three starts after one unmeasured start (which writes Python's bytecode cache, as the first
    start on a treasurer's PC does). The window reports when it is shown (the hidden start-up
    check, ui/startup_check.py); its background reads go on after that, as they do for a person,
    and are not counted."""
    import json as json_
    import os
    import subprocess

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(workdir)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a PC keeps the bytecode of its last start
    env.update(COOP_USER=BENCH_USER, COOP_PASSWORD=BENCH_PASSWORD)  # the check signs in so
    env.update(XDG_CONFIG_HOME=str(workdir / "config"), XDG_DATA_HOME=str(workdir / "data"))
    starts = []
    for attempt in range(4):
        report = workdir / f"report-{program[-1].replace('/', '_')}-{attempt}.jsonl"
        began = time.time()
        subprocess.run(
            [*program, "--db", str(database), "--quit-after", "0", "--report", str(report)],
            check=True,
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=120,
        )
        lines = [json_.loads(line) for line in report.read_text().splitlines()]
        if attempt:
            starts.append(next(e["shown"] for e in lines if "shown" in e) - began)
    return starts


def desktop(workdir: Path, quick: bool) -> dict[str, Any]:
    """The desktop app on a demo database of a million deliveries (2,000 members × 250 days):
    launch to the signed-in main window (`startup_s`, best of three), saving a delivery (95th
    percentile), and member search over 10,000 members, per keystroke."""
    import os
    import statistics

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    members, days = (200, 50) if quick else (2000, 250)
    path = workdir / "desktop.db"
    db = open_database(str(path), create=True)
    load_demo(db, members=members, days=days, start=_today() - timedelta(days=days + 1), seed=5)
    db.dispose()
    starts = _starts_to_window([sys.executable, str(ROOT / "main.py")], path, workdir)

    from PySide6.QtWidgets import QApplication

    from ui.collection.collection_view import CollectionView
    from ui.collection.deliveries_view import DeliveriesView
    from ui.members.member_model import MemberModel

    app = QApplication.instance() or QApplication([])
    db = open_database(str(path))
    began = time.perf_counter()
    listing = DeliveriesView(db)
    listing.show()
    app.processEvents()
    open_list_s = time.perf_counter() - began
    listing.table.scrollToBottom()  # scrolling fetches the next page
    began = time.perf_counter()
    app.processEvents()
    scroll_ms = (time.perf_counter() - began) * 1000
    listing.deleteLater()
    app.processEvents()
    del listing
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtTest import QTest

    from ui.common.runner import app_runner

    view = CollectionView(db)
    view.shift.setCurrentIndex(0)
    runner = app_runner()
    while not runner.idle:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    saves = []
    for i in range(1, min(members, 200) + 1):
        view.member.setText(f"S{i:04d}")
        view.quantity.setText(f"{10 + i % 9}.5")
        began = time.perf_counter()  # Enter to the row on screen, saved on the op runner
        QTest.keyClick(view.quantity, Qt.Key.Key_Return)
        while view.saving:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        saves.append((time.perf_counter() - began) * 1000)
        assert not view.error.text(), view.error.text()
    view.deleteLater()
    app.processEvents()
    del view
    db.dispose()

    search_db = open_database(str(workdir / "members.db"), create=True)
    load_demo(search_db, members=10_000, days=1, start=_today() - timedelta(days=2), seed=6)
    from coop_desktop.services.members import list_members

    model = MemberModel()
    model.set_members(list_members(search_db))
    typed = "mamani qu"
    keystrokes = []
    for n in range(1, len(typed) + 1):
        began = time.perf_counter()
        model.set_filter(search=typed[:n])
        keystrokes.append((time.perf_counter() - began) * 1000)
    del model
    search_db.dispose()
    return {
        "startup_s": round(min(starts), 2),
        "save_delivery_ms_p95": round(statistics.quantiles(saves, n=20)[18], 1),
        "save_delivery_ms_median": round(statistics.median(saves), 1),
        "member_search_ms": round(max(keystrokes), 1),
        "open_deliveries_1m_s": round(open_list_s, 2),
        "deliveries_scroll_page_ms": round(scroll_ms, 1),
        "desktop_deliveries": members * days * 2,
    }


REQUIRED_PHASES = (
    "startup",
    "members_search",
    "indicators_run",
    "preview",
    "close",
    "route",
    "print",
)


def heartbeat(workdir: Path, quick: bool) -> dict[str, Any]:
    """The window never stalls: a 10 ms timer ticks on the GUI thread from before the main
    window is built, over a 1M-delivery month (16,130 members × 31 days × 2 shifts), while the
    person signs in (`startup`: the window built, Inicio loading), opens every section of the
    sidebar (`open_<section>`), types a search in Socios key by key (`members_search`),
    previews and closes the month (`preview`, `close`), opens Acopio → Por ruta (`route`) and
    saves 40 statements (`print`). `gui_stall_<phase>_ms` is the longest gap between ticks in
    each phase and `gui_max_stall_ms` the longest over them all (budget 100).
    `route_open_s` (≤ 0.3) is the click on Por ruta to the route on screen; `ui_close_1m_s`
    (≤ 1.5 × `cli_close_1m_s`) the click on Cerrar periodo to the closed numbers on screen,
    against `close_period` of the same month on a copy, in-process. Indicadores' Calcular
    (`indicators_run`: the figures and their QtCharts) counts like every other phase."""
    import os
    import shutil

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from coop_desktop.services.closeout.closing import close_period

    members = 300 if quick else 16130
    source = workdir / "heartbeat.db"
    db = open_database(str(source), create=True)
    load_demo(
        db, members=members, days=31, start=date(2026, 10, 1), seed=3, today=date(2026, 11, 27)
    )
    db.dispose()
    cli_copy = workdir / "cli.db"
    shutil.copy(source, cli_copy)
    db = open_database(str(cli_copy))
    began = time.perf_counter()
    close_period(db, "2026-10")
    cli_close_s = time.perf_counter() - began
    db.dispose()

    sys.setswitchinterval(0.001)  # as ui.app.main does
    from ui.qt_feature import take_back_import

    take_back_import()  # as ui.launch.main does, before the app's modules are imported
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(workdir))
    from ui.common.collector import GuiCollector
    from ui.common.confirm import SafeQuestion
    from ui.common.runner import app_runner, runner_busy

    collector = GuiCollector(app, busy=runner_busy)
    db = open_database(str(source))

    keep_awake = QTimer()  # so the wait below always wakes within 10 ms
    keep_awake.start(10)

    def spin(ready: Any, limit: float = 600) -> None:
        """Run the event loop as app.exec() does (waiting in Qt, not in Python)."""
        deadline = time.perf_counter() + limit
        while not ready() and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if not ready():
            raise TimeoutError("the window never finished")

    def pause(seconds: float) -> None:
        deadline = time.perf_counter() + seconds
        spin(lambda: time.perf_counter() > deadline)

    gaps: list[float] = []
    last = [time.perf_counter(), time.thread_time()]
    phases: dict[str, float] = {}
    busy: dict[str, float] = {}  # the window thread's own CPU time within its longest gap
    phase = ["idle"]  # the machine's own noise: nothing runs in the app meanwhile

    def tick() -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gaps.append(now - last[0])
        phases[phase[0]] = max(phases.get(phase[0], 0.0), now - last[0])
        busy[phase[0]] = max(busy.get(phase[0], 0.0), cpu - last[1])
        last[0], last[1] = now, cpu

    def step(name: str) -> None:
        app.processEvents()  # the tick that ends the previous phase counts there
        phase[0] = name

    from ui.admin.sign_in import SignInDialog
    from ui.main_window import MainWindow  # imported before sign-in, as the app does

    signing = SignInDialog(db, last_user=BENCH_USER)  # what the person sees first
    signing.show()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    pause(1)
    signing.close()
    pause(1)
    step("startup")

    built: list[Any] = []
    QTimer.singleShot(0, lambda: built.append(MainWindow(db)))
    spin(lambda: bool(built))
    window = built[0]
    window.resize(1366, 768)
    window.show()
    runner = app_runner()
    spin(lambda: window.views["home"].estimate is not None and runner.idle)
    spin(lambda: window.warmup.finished, limit=120)
    collector.freeze()  # as the app does once started
    pause(0.5)

    def click(widget: Any) -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    for key in list(window.views)[1:]:  # every section of the sidebar, as clicked
        step(f"open_{key}")
        nav = window.nav
        item = nav.item(list(window.views).index(key))
        QTest.mouseClick(
            nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center()
        )
        pause(0.3)
        spin(lambda: runner.idle)
        pause(0.3)

    step("members_search")
    socios: Any = window.open_section("members")
    spin(lambda: runner.idle and not socios.loading)
    socios.search.setFocus()
    for letter in "mamani qu":
        QTest.keyClick(socios.search, letter)
        pause(0.15)
    searched = socios.model.rowCount()

    step("indicators_run")
    indicadores: Any = window.open_section("indicators")
    spin(lambda: runner.idle)
    click(indicadores.run_button)
    spin(lambda: runner.idle and indicadores.run_button.isEnabled(), limit=300)
    pause(0.5)

    step("preview")
    closeout: Any = window.open_section("closeout")
    spin(lambda: runner.idle)
    closeout.period.setText("2026-10")
    QTest.keyClick(closeout.period, Qt.Key.Key_Return)
    spin(lambda: runner.idle)
    click(closeout.preview_button)
    spin(lambda: closeout.shown is not None and closeout.shown.status == "preview")
    spin(lambda: runner.idle)
    step("close")

    def answer_yes() -> None:  # the close's question, answered with a click
        dialog = app.activeModalWidget()
        if isinstance(dialog, SafeQuestion):
            dialog.yes.click()
        else:
            QTimer.singleShot(10, answer_yes)

    QTimer.singleShot(0, answer_yes)
    began = time.perf_counter()
    click(closeout.close_button)
    spin(lambda: closeout.shown is not None and closeout.shown.closed)
    ui_close_s = time.perf_counter() - began
    spin(lambda: runner.idle)
    assert closeout.rows.rows[0].number, closeout.status.text()

    step("route")
    began = time.perf_counter()
    acopio: Any = window.open_section("collection")
    tabs = acopio.tabBar()
    QTest.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
    route: Any = acopio.page(1)
    spin(lambda: route.model.rowCount() > 0)
    route_open_s = time.perf_counter() - began
    spin(lambda: route.model.history_loaded)

    step("print")
    window.open_section("closeout")
    spin(lambda: runner.idle)
    selection = closeout.table.selectionModel()
    from PySide6.QtCore import QItemSelectionModel

    for row in range(40):
        selection.select(
            closeout.rows.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    target = workdir / "estados.pdf"
    began = time.perf_counter()
    closeout.after.save_batch_to(target, "statements")  # the 40 selected, into one PDF
    spin(lambda: target.exists() and closeout.print_button.isEnabled())
    print_s = time.perf_counter() - began
    timer.stop()
    window.close()
    db.dispose()
    counted = {k: v for k, v in phases.items() if k != "idle"}
    missing = [p for p in REQUIRED_PHASES if p not in counted]
    assert not missing, missing
    worst = max(counted.values())
    return {
        "gui_max_stall_ms": round(worst * 1000, 1),
        "gui_max_stall_phase": max(counted, key=lambda k: counted[k]),
        **{f"gui_stall_{k}_ms": round(v * 1000, 1) for k, v in phases.items()},
        # the window thread's own CPU in its longest gap: what the app did, not the load
        "gui_max_busy_ms": round(max(v for k, v in busy.items() if k in counted) * 1000, 1),
        **{f"gui_busy_{k}_ms": round(v * 1000, 1) for k, v in busy.items()},
        "gui_stalls_over_100ms": sum(1 for g in gaps if g > 0.1),
        "load_average": round(os.getloadavg()[0], 1),
        "members_search_rows": searched,
        "route_open_s": round(route_open_s, 2),
        "ui_close_1m_s": round(ui_close_s, 2),
        "cli_close_1m_s": round(cli_close_s, 2),
        "ui_vs_cli_close_ratio": round(ui_close_s / cli_close_s, 2),
        "print_40_statements_s": round(print_s, 2),
        "heartbeat_deliveries": members * 31 * 2,
    }


def _import_rows(members: int, days: int) -> list[tuple[str, str, date, str, str, str]]:
    """An association's month: each member's two daily deliveries, quantities drawn from a
    continuous range (a scale's reading to the hundredth: a few thousand distinct values),
    a temperature on about a third of them."""
    import random

    rng = random.Random(26)
    names = ["Mamani Quispe", "Condori Apaza", "Ñaupa Ccama", "Huanca Chambi", "Pari Cutipa"]
    rows = []
    for d in range(days):
        day = date(2026, 10, 1) + timedelta(days=d)
        for shift in ("mañana", "tarde"):
            for i in range(1, members + 1):
                litres = f"{rng.uniform(3, 30):.2f}"
                temp = f"{rng.uniform(4, 12):.1f}" if rng.random() < 0.3 else ""
                rows.append((f"S{i:04d}", names[i % len(names)], day, shift, litres, temp))
    return rows


def _import_database(workdir: Path, name: str, members: int) -> Any:
    db = open_database(str(workdir / name), create=True)
    load_demo(db, members=members, days=1, start=date(2026, 9, 1), today=date(2026, 11, 27))
    return db


def _timed_import(db: Any, path: Path) -> tuple[float, float, Any]:
    from coop_desktop.services.imports import import_file

    began, cpu = time.perf_counter(), time.process_time()
    report = import_file(db, path, "deliveries", today=date(2026, 11, 27))
    return time.perf_counter() - began, time.process_time() - cpu, report


def import_100k(workdir: Path, quick: bool) -> dict[str, Any]:
    """Importing 100,000 deliveries (2,000 members × 25 days × 2 shifts) from a CSV as
    Spanish Windows Excel saves it: Windows-1252, CRLF, semicolons, decimal comma,
    dd/mm/yyyy, mañana/tarde, a name column, quantities from a continuous range: read, every
    row validated by the typed rules, written in one transaction; then the same file again
    (every row recognised as already in the database, nothing written)."""
    import os

    members, days = (200, 25) if quick else (2000, 25)
    db = _import_database(workdir, "import.db", members)
    rows = _import_rows(members, days)
    lines = ["Código;Nombre;Fecha;Turno;Litros;Temperatura"]
    lines += [
        f"{c};{n};{d:%d/%m/%Y};{s};{q.replace('.', ',')};{t.replace('.', ',')}"
        for c, n, d, s, q, t in rows
    ]
    path = workdir / "entregas.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    elapsed, cpu, report = _timed_import(db, path)
    assert report.ok and report.written == len(rows), report.problems[:3]
    again_s, _cpu, again = _timed_import(db, path)
    assert again.written == 0 and again.already_imported == report.written
    db.dispose()
    return {
        "import_100k_s": round(elapsed, 2),
        "import_100k_cpu_s": round(cpu, 2),  # this process alone (load inflates the wall)
        "import_rows": report.written,
        "import_distinct_quantities": len({r[4] for r in rows}),
        "reimport_100k_s": round(again_s, 2),
        "import_load_avg": round(os.getloadavg()[0], 2),
    }


def _as_excel_saves_it(path: Path, ref: str) -> None:
    """Rewrite an openpyxl write-only workbook the way Excel saves one: the sheet's size in a
    <dimension> element at its top, and its texts in the shared strings table (openpyxl
    writes every text inline and leaves the size out, which doubles a reader's work)."""
    import re
    import shutil
    import zipfile

    strings: dict[bytes, int] = {}
    inline = re.compile(rb'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>([^<]*)</t></is></c>')

    def shared(m: re.Match[bytes]) -> bytes:
        index = strings.setdefault(m.group(2), len(strings))
        return b'<c r="' + m.group(1) + b'" t="s"><v>' + str(index).encode() + b"</v></c>"

    temp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = inline.sub(shared, data)
                data = data.replace(
                    b"<sheetViews>", f'<dimension ref="{ref}"/><sheetViews>'.encode(), 1
                )
            elif item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            out.writestr(item, data)
        table = b"".join(b"<si><t>" + text + b"</t></si>" for text in strings)
        out.writestr(
            "xl/sharedStrings.xml",
            b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">%b</sst>'
            % (len(strings), len(strings), table),
        )
    shutil.move(temp, path)


def import_100k_xlsx(workdir: Path, quick: bool) -> dict[str, Any]:
    """The same 100,000 deliveries as a workbook, a title row above the header, dates as date
    cells, shifts M/T, quantities as numbers, saved two ways: as openpyxl writes it (every
    text inline, no sheet size: `import_100k_xlsx_openpyxl_s`) and as Excel saves it (shared
    strings, the sheet's size at its top: `import_100k_xlsx_s`). Each into a fresh database."""
    import os
    import shutil

    from openpyxl import Workbook

    members, days = (200, 25) if quick else (2000, 25)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Octubre")
    sheet.append(["Acopio de octubre 2026"])
    sheet.append(["Código", "Nombre", "Fecha", "Turno", "Litros", "Temperatura"])
    for c, n, d, s, q, t in _import_rows(members, days):
        sheet.append([c, n, d, s[0].upper(), float(q), float(t) if t else None])
    written = workdir / "entregas-openpyxl.xlsx"
    book.save(written)
    excel = workdir / "entregas-excel.xlsx"
    shutil.copy(written, excel)
    _as_excel_saves_it(excel, f"A1:F{members * days * 2 + 2}")
    result: dict[str, Any] = {}
    for key, path in (("import_100k_xlsx_openpyxl", written), ("import_100k_xlsx", excel)):
        db = _import_database(workdir, f"{path.stem}.db", members)
        elapsed, cpu, report = _timed_import(db, path)
        assert report.ok and report.written == members * days * 2, report.problems[:3]
        db.dispose()
        result[f"{key}_s"] = round(elapsed, 2)
        result[f"{key}_cpu_s"] = round(cpu, 2)
    result["import_xlsx_rows"] = members * days * 2
    result["import_xlsx_load_avg"] = round(os.getloadavg()[0], 2)
    return result


def print_statement(workdir: Path, quick: bool) -> dict[str, Any]:
    """One 60-delivery statement printed on a CUPS file queue (a private cupsd, as the tests
    start it, through pdftopdf): the bytes the printer receives and the time from Print to
    job submitted (the document built again, as a print is, placed on the paper, sent)."""
    import os
    import shutil
    import subprocess

    script = ROOT / "scripts" / "cups-throwaway.sh"
    # its own folder, readable by lp: as root, cupsd runs the filters as lp
    cups_dir = Path(tempfile.mkdtemp(prefix="coop-cups-"))
    cups_dir.chmod(0o755)
    started = subprocess.run(
        ["bash", str(script), "start", str(cups_dir)], text=True, capture_output=True
    )
    if started.returncode:
        return {"print_statement_job_mb": None, "print_statement_note": started.stderr.strip()}
    os.environ["CUPS_SERVER"] = str(cups_dir / "cups.sock")
    try:
        from coop_desktop.printing import cups
        from coop_desktop.printing.jobs import print_on
        from coop_desktop.printing.plan import Plan
        from coop_desktop.services.printouts import render

        cups.reset_server()
        db = open_database(str(workdir / "print.db"), create=True)
        load_demo(db, members=3, days=30, start=date(2026, 10, 1), seed=7, today=date(2026, 11, 27))
        render(db, "statement", "2026-10", "S0001")  # warm fonts

        def build(plan: Plan) -> tuple[bytes, str]:
            printout = render(db, "statement", "2026-10", "S0001", roll=plan.roll)
            return printout.pdf, printout.title

        out = cups_dir / "out"
        times = []
        for _ in range(3):
            before = set(out.glob("*.done"))
            began = time.perf_counter()
            print_on("Oficina-PDF", "statement", build)  # checked, built, placed, sent
            times.append(time.perf_counter() - began)
            deadline = time.monotonic() + 10
            while set(out.glob("*.done")) == before and time.monotonic() < deadline:
                time.sleep(0.01)
        [done] = sorted(set(out.glob("*.done")) - before)
        job = done.with_suffix(".data").read_bytes()
        assert job.startswith(b"%PDF"), "the filters produced nothing (see the cupsd log)"
        from coop_desktop.services.statements import statements

        deliveries = len(statements(db, "2026-10", "S0001")[0].lines)
        db.dispose()
    finally:
        subprocess.run(["bash", str(script), "stop", str(cups_dir)], capture_output=True)
        shutil.rmtree(cups_dir, ignore_errors=True)
    return {
        "print_statement_job_mb": round(len(job) / 1_000_000, 3),
        "print_statement_job_s": round(min(times), 3),
        "print_statement_deliveries": deliveries,
    }


def indicators_speed(workdir: Path, quick: bool) -> dict[str, Any]:
    """The indicator report over a year of deliveries grouped by district: 1,370 members ×
    365 days × 2 shifts (1M deliveries), built by the demo generator like `demo_1m`. Measured
    as a treasurer meets it (every month closed but the last, which is the close preview),
    and with every month still open (twelve previews: the worst case). Best of three runs."""
    import os

    from coop_desktop.services.closeout.closing import close_period
    from coop_desktop.services.indicators import indicators

    members, days = (140, 365) if quick else (1370, 365)
    db = open_database(str(workdir / "indicators.db"), create=True)
    start, end, today = date(2025, 1, 1), date(2025, 12, 31), date(2026, 1, 15)
    summary = load_demo(db, members=members, days=days, start=start, seed=7, today=today)

    def best() -> tuple[float, list[float]]:
        runs = []
        for _ in range(3):
            began = time.perf_counter()
            indicators(db, start, end, by=["district"], today=today)
            runs.append(round(time.perf_counter() - began, 2))
        return min(runs), runs

    all_open, all_open_runs = best()
    for month in range(1, 12):
        close_period(db, f"2025-{month:02d}")
    closed, closed_runs = best()
    db.dispose()
    return {
        "indicators_1m_s": closed,
        "indicators_1m_runs_s": closed_runs,
        "indicators_1m_all_open_s": all_open,
        "indicators_1m_all_open_runs_s": all_open_runs,
        "indicators_deliveries": summary.deliveries,
        "indicators_load_avg": round(os.getloadavg()[0], 2),
    }


def sales_speed(workdir: Path, quick: bool) -> dict[str, Any]:
    """The daily milk balance of every centre-day of a year (`balance_year_s`) and the
    year's margin (`margin_year_s`) on the indicators' year of a million deliveries, spread
    over 20 centres, with a year of dispatches (two a day per centre, each received).
    Every month closed but the last (the close preview), as a treasurer meets it. Best of 3."""
    import os

    from coop_desktop.services.sales.balance import balance_report
    from coop_desktop.services.sales.margin import margin_report

    db, deliveries, dispatches = sales_database(workdir, quick)
    start, end = date(2025, 1, 1), date(2025, 12, 31)

    def best(fn: Callable[[], Any]) -> tuple[float, list[float]]:
        runs = []
        for _ in range(3):
            began = time.perf_counter()
            fn()
            runs.append(round(time.perf_counter() - began, 2))
        return min(runs), runs

    balance_s, balance_runs = best(lambda: balance_report(db, start, end))
    margin_s, margin_runs = best(lambda: margin_report(db, start, end))
    db.dispose()
    return {
        "balance_year_s": balance_s,
        "balance_year_runs_s": balance_runs,
        "margin_year_s": margin_s,
        "margin_year_runs_s": margin_runs,
        "sales_deliveries": deliveries,
        "sales_dispatches": dispatches,
        "sales_load_avg": round(os.getloadavg()[0], 2),
    }


def sales_database(workdir: Path, quick: bool) -> tuple[Any, int, int]:
    """The sales benchmark's database (also used to profile it): (db, deliveries, dispatches)."""
    from coop_desktop.services.closeout.closing import close_period
    from coop_desktop.services.sales.buyers import add_buyer
    from coop_desktop.storage.bulk import insert_rows

    members, days = (140, 365) if quick else (1370, 365)
    db = open_database(str(workdir / "sales.db"), create=True)
    start, today = date(2025, 1, 1), date(2026, 1, 15)
    summary = load_demo(db, members=members, days=days, start=start, seed=7, today=today)
    add_buyer(db, "QSR", "Quesería San Román", kind="queseria", price="1.70", per="L")
    with db.write_connection() as conn:
        have = conn.exec_driver_sql("SELECT COUNT(*) FROM centre").scalar()
        extra = [(i, f"C{i:02d}", f"Centro {i}", None, None) for i in range(have + 1, 21)]
        insert_rows(conn, "centre", ("id", "code", "name", "district", "community"), extra)
        conn.exec_driver_sql("UPDATE member SET centre_id = (id % 20) + 1")
        conn.exec_driver_sql(
            "UPDATE delivery SET centre_id = (SELECT centre_id FROM member m "
            "WHERE m.id = delivery.member_id)"
        )
        volume = {
            (int(c), str(d)): int(q)
            for c, d, q in conn.exec_driver_sql(
                "SELECT centre_id, date, SUM(quantity) FROM delivery WHERE rejected = 0 "
                "GROUP BY centre_id, date"
            )
        }
        stamp = "2026-01-15 10:00:00"
        dispatches, receptions = [], []
        number = 0
        for (centre, day), millilitres in sorted(volume.items()):
            for shift in ("am", "pm"):
                number += 1
                half = millilitres // 2 // 1000 * 1000  # whole litres
                dispatches.append(
                    (
                        number,
                        "G001",
                        number,
                        day,
                        shift,
                        centre,
                        1,
                        half,
                        "L",
                        half,
                        half * 103 // 100,
                        "bench",
                        stamp,
                    )
                )
                got = half - 2000
                receptions.append(
                    (
                        number,
                        number,
                        day,
                        got,
                        "L",
                        got,
                        got * 103 // 100,
                        False,
                        17000,
                        got * 17 // 10000,
                        "bench",
                        stamp,
                    )
                )
        insert_rows(
            conn,
            "dispatch",
            (
                "id",
                "guide_series",
                "guide_number",
                "date",
                "shift",
                "centre_id",
                "buyer_id",
                "quantity",
                "unit",
                "litres",
                "kg",
                "recorded_by",
                "recorded_at",
            ),
            dispatches,
        )
        insert_rows(
            conn,
            "dispatch_reception",
            (
                "id",
                "dispatch_id",
                "date",
                "quantity",
                "unit",
                "litres",
                "kg",
                "rejected",
                "unit_price",
                "amount",
                "recorded_by",
                "recorded_at",
            ),
            receptions,
        )
        conn.exec_driver_sql(
            f"INSERT INTO document_counter (series, last_number) VALUES ('G001', {number})"
        )
    for month in range(1, 12):
        close_period(db, f"2025-{month:02d}")
    return db, summary.deliveries, len(dispatches)


FROZEN = ROOT / "dist" / "CoopDesktop"


def frozen(workdir: Path, quick: bool) -> dict[str, Any]:
    """The frozen build (`python scripts/package.py`), when dist/CoopDesktop exists: its size
    on disk, and the frozen desktop program from launch to its main window on a demo
    database of a million deliveries (2,000 members × 250 days), best of three starts timed
    as the source program's (`_starts_to_window`)."""

    program = FROZEN / ("coop-desktop.exe" if sys.platform == "win32" else "coop-desktop")
    if not program.exists():
        return {"frozen": f"no build in {FROZEN} (python scripts/package.py)"}
    size = sum(p.stat().st_size for p in FROZEN.rglob("*") if p.is_file() and not p.is_symlink())
    members, days = (200, 50) if quick else (2000, 250)
    path = workdir / "frozen.db"
    db = open_database(str(path), create=True)
    load_demo(db, members=members, days=days, start=_today() - timedelta(days=days + 1), seed=5)
    db.dispose()
    starts = _starts_to_window([str(program)], path, workdir)
    return {
        "frozen_size_mb": round(size / 1e6, 1),
        "frozen_startup_s": round(min(starts), 2),
        "frozen_deliveries": members * days * 2,
    }


METRICS: dict[str, Metric] = {
    "sign_in_s": sign_in_cost,
    "print_statement_job_mb": print_statement,
    "startup_s": desktop,
    "statements_per_s": statements_speed,
    "print_statements_40_s": print_statements,
    "demo_1m_s": demo_1m,
    "price_per_s": pricing,
    "close_1m_s": closeout,
    "gui_max_stall_ms": heartbeat,
    "import_100k_s": import_100k,
    "import_100k_xlsx_s": import_100k_xlsx,
    "indicators_1m_s": indicators_speed,
    "balance_year_s": sales_speed,
    "frozen_startup_s": frozen,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", action="append", choices=sorted(METRICS))
    args = parser.parse_args()
    results: dict[str, Any] = {"quick": args.quick}
    with tempfile.TemporaryDirectory(prefix="coop-bench-") as tmp:
        for name in args.only or METRICS:
            folder = Path(tmp) / name
            folder.mkdir()
            results.update(METRICS[name](folder, args.quick))
    json.dump(results, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Save one PNG per screen, tab and dialog, in Spanish and in English, at 1366×768 (the
laptops these associations use), with demo data, offscreen:

    python scripts/screenshots.py OUTDIR [--lang es|en]

Files are named LANG-SCREEN.png (es-home.png, en-closeout.png, …)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZE = (1366, 768)


def settle(app: Any, seconds: float = 0.5) -> None:
    """Let background ops deliver and the window paint (QPdfView renders asynchronously)."""
    from ui.common.runner import app_runner

    app_runner().wait_idle()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    app_runner().wait_idle()
    app.processEvents()


def shoot(app: Any, widget: Any, path: Path) -> None:
    settle(app)
    widget.grab().save(str(path))
    print(path)


def screens(window: Any) -> list[tuple[str, Callable[[], Any]]]:
    """(name, make it current and return what to photograph) for every screen."""

    def section(key: str, then: Callable[[Any], None] | None = None) -> Callable[[], Any]:
        def show() -> Any:
            view = window.open_section(key)
            if then is not None:
                then(view)
            return window

        return show

    def tab(index: int, then: Callable[[Any], None] | None = None) -> Callable[[], Any]:
        def show() -> Any:
            acopio = window.open_section("collection")
            acopio.setCurrentIndex(index)
            if then is not None:
                then(acopio.page(index))
            return window

        return show

    def yesterday(view: Any) -> None:
        from ui.common.runner import app_runner

        entry = view.collection
        app_runner().wait_idle()
        entry.day.setDate(entry.day.date().addDays(-1))

    def statement(view: Any) -> None:
        from ui.common.runner import app_runner

        app_runner().wait_idle()  # the period on view is read first
        view.kind.setCurrentIndex(1)
        view.member.setText("S0001")
        view.preview()

    def account(view: Any) -> None:
        view.member.setText("S0001")
        view.show_ledger()

    def whatif(view: Any) -> None:
        from ui.common.runner import app_runner

        app_runner().wait_idle()  # the period to try it on is read first
        view.whatif.run()

    def preview(view: Any) -> None:
        from ui.common.runner import app_runner

        app_runner().wait_idle()  # the oldest open period is read first
        view.preview()

    def indicators(view: Any) -> None:  # the demo's days by district
        view.start.setDate(view.start.date().currentDate().addDays(-45))
        view.calculate()

    def sales_tab(index: int) -> Callable[[], Any]:
        def show() -> Any:
            view = window.open_section("sales")
            view.tabs.setCurrentIndex(index)
            if view.tabs.currentWidget() is view.balance:
                view.balance.reload()
            return window

        return show

    return [
        ("home", section("home")),
        ("members", section("members")),
        ("collection", section("collection", yesterday)),
        ("route", tab(1)),
        ("deliveries", tab(2)),
        ("centres", tab(3)),
        ("quality", section("quality")),
        ("prices", section("prices", whatif)),
        ("accounts", section("accounts", account)),
        ("closeout", section("closeout", preview)),
        ("documents", section("documents", statement)),
        ("settings", section("settings")),
        ("sales", sales_tab(0)),
        ("sales-receptions", sales_tab(1)),
        ("sales-buyers", sales_tab(2)),
        ("sales-tank", sales_tab(3)),
        ("sales-balance", sales_tab(4)),
        ("sales-expenses", sales_tab(5)),
        ("sales-plant", sales_tab(6)),
        *(
            (key, section(key, indicators if key == "indicators" else None))
            for key in ("indicators", "audit", "users")
            if key in window.views
        ),
    ]


def demo_sales(db: Any) -> None:
    """Two buyers and this month's dispatches of every centre (about what came in, a few
    litres short), each received a little under; the last two days still waiting."""
    from decimal import Decimal

    from coop_desktop.core import clock
    from coop_desktop.services.sales.balance import centre_flows
    from coop_desktop.services.sales.buyers import add_buyer
    from coop_desktop.services.sales.dispatches import add_dispatch, receive_dispatch
    from coop_desktop.services.sales.expenses import add_expense
    from coop_desktop.services.sales.plant import add_batch
    from coop_desktop.services.sales.tanks import record_tank

    add_buyer(db, "QSR", "Quesería San Román", kind="queseria", price="1.70", per="L")
    add_buyer(db, "LOC", "Venta local", kind="local", price="2.00", per="L")
    today = clock.today()
    with db.read() as session:
        flows = centre_flows(session, today.replace(day=1), today)
    for centre, days in flows.items():
        for n, f in enumerate(days):
            sold = (f.accepted_l * Decimal("0.985")).quantize(Decimal(1))
            if sold <= 10:
                continue
            shipped = add_dispatch(db, "QSR", sold - 10, "L", f.day, "pm", centre=centre)
            add_dispatch(db, "LOC", "10", "L", f.day, "pm", centre=centre)
            if f.day < today - timedelta(days=1):
                short = Decimal(3 + (n % 4) * 4)
                receive_dispatch(db, shipped.id, shipped.quantity - short, "L")
    first = today.replace(day=1)
    for centre in list(flows)[:1]:
        record_tank(db, centre, "40", first, "closing")
    add_expense(db, "transport", "60.00", first, "Flete del camión")
    add_expense(db, "cleaning", "25.50", first, "Detergente")
    add_batch(db, first, "700", "L", "Queso fresco", "85")


def dialogs(db: Any) -> list[tuple[str, Callable[[], Any]]]:
    from coop_desktop.core.numbers import D
    from coop_desktop.services.closeout.stored import PayrollRow
    from coop_desktop.services.members import list_members
    from ui.admin.first_run import FirstRunDialog
    from ui.closeout.money_actions import PaymentDialog
    from ui.members.member_dialog import MemberDialog
    from ui.members.member_page import MemberPage

    members = list_members(db)
    member = members[0]
    rows = [
        PayrollRow(m.code, m.full_name, D("0"), D("0"), D("0"), D("0"), D("0"), D(f"{100 + i}.50"))
        for i, m in enumerate(members[:12])
    ]
    return [
        ("first-run", lambda: FirstRunDialog(db)),
        ("member-dialog", lambda: MemberDialog(db, member)),
        ("member-page", lambda: MemberPage(db, member)),
        ("payment-dialog", lambda: PaymentDialog("2026-10", rows, True, None)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="screenshots")
    parser.add_argument("--lang", choices=["es", "en"], action="append")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from coop_desktop.core import clock
    from coop_desktop.services.demo import load_demo
    from coop_desktop.storage.connect import open_database
    from ui.app import install_translations
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        db = open_database(str(Path(tmp) / "demo.db"), create=True)
        from coop_desktop.services.auth import create_first_admin, sign_in

        create_first_admin(db, "admin", "clave-de-capturas", "Tesorería")
        sign_in(db, "admin", "clave-de-capturas", for_command=True)
        load_demo(db, members=60, days=45, start=clock.today() - timedelta(days=45), seed=1)
        demo_sales(db)
        for lang in args.lang or ["es", "en"]:
            install_translations(app, lang)
            window = MainWindow(db)
            window.setWindowState(Qt.WindowState.WindowNoState)
            window.resize(*SIZE)
            window.show()
            for name, show in screens(window):
                shoot(app, show(), out / f"{lang}-{name}.png")
            for name, make in dialogs(db):
                dialog = make()
                dialog.show()
                shoot(app, dialog, out / f"{lang}-{name}.png")
                dialog.close()
            window.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())

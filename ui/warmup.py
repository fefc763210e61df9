"""The program's modules, imported before the screens need them, so opening a section never
waits for Python to read and compile them — and, above all, so two threads never import the
same modules at the same time.

Python guards each module with a lock; two threads importing overlapping groups of modules
can each wait for a module the other holds, and Python then hands one of them a module only
half run ("cannot import name …"), or the program dies in Qt's code. So:

- the first op of the runner imports every module of the program (no Qt: `coop_desktop`),
  before any other op runs; after it, an op imports nothing new;
- the window builds no screen until that op is done (`core_done`): a section opened earlier
  waits a moment behind "Cargando…";
- the screens' modules and the Qt libraries they use are imported on the window's thread, one
  per tick of a timer and only while the runner is idle (nothing can run on the worker while
  the window's thread imports). A worker never imports or builds anything of Qt."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ui.common.runner import OpRunner

LEFT_OUT = ("coop_desktop.cli", "coop_desktop.__main__", "coop_desktop.core.resources")
LIBRARIES = ("pypdf", "xml.dom.minidom", "ctypes.util", "openpyxl", "PIL.Image")


def core_modules() -> list[str]:
    """Every module of the program (the command line's and the migrations' apart), and the
    libraries its functions import when first called."""
    import coop_desktop

    found = [
        m.name
        for m in pkgutil.walk_packages(coop_desktop.__path__, "coop_desktop.")
        if not m.name.startswith(LEFT_OUT) and ".migrations" not in m.name
    ]
    return [*found, *LIBRARIES]


SCREEN_MODULES = (
    "PySide6.QtPrintSupport",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "ui.common.export_dialog",
    "ui.members.member_model",
    "ui.members.members_view",
    "ui.members.member_dialog",
    "ui.members.member_page",
    "ui.collection.collection_view",
    "ui.collection.collection_section",
    "ui.collection.route_view",
    "ui.collection.deliveries_view",
    "ui.collection.centres_view",
    "ui.collection.delivery_dialogs",
    "ui.quality.quality_view",
    "ui.prices.scheme_form",
    "ui.prices.scheme_editor",
    "ui.prices.price_tools",
    "ui.prices.prices_view",
    "ui.accounts.accounts_view",
    "ui.closeout.payroll_model",
    "ui.closeout.money_actions",
    "ui.closeout.closeout_view",
    "ui.closeout.after_close",
    "ui.sales.sales_view",
    "ui.printing.print_jobs",
    "ui.documents.documents_view",
    "ui.admin.settings_view",
    "ui.admin.audit_view",
    "ui.admin.users_view",
    "PySide6.QtCharts",
    "ui.home.home_charts",
    "ui.home.indicators_view",
)
TICK_MS = 40


def _import_core(_context: object) -> None:
    for name in core_modules():
        importlib.import_module(name)


class Warmup(QObject):
    """Imports the program's modules on the worker first (the runner's first op), then the
    screens' modules one at a time on the window's thread while the runner is idle."""

    def __init__(self, runner: OpRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.pending = list(SCREEN_MODULES)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.core_done = False
        done: Callable[[object], None] = lambda _r: setattr(self, "core_done", True)  # noqa: E731
        self.core = runner.run(_import_core, done, done)
        self.timer.start()

    def wait_core(self) -> None:
        """Wait for the worker's imports (a screen asked for at once, by the program): the
        window's thread imports nothing meanwhile, it only waits."""
        if not self.core_done and self.core is not None:
            self.core.exception()  # waits; an import error shows when the screen is built
            self.core_done = True

    @property
    def finished(self) -> bool:
        return self.core_done and not self.pending

    def _tick(self) -> None:
        if not self.core_done or not self.runner.idle:
            return  # the window's first reads go first
        if self.pending:
            importlib.import_module(self.pending.pop(0))
        if not self.pending:
            self.timer.stop()

"""The modules of the screens not shown at start, imported ahead while the window is idle, so
opening a section never waits for Python to read and compile them.

The program's own modules (services, documents: no Qt) are imported on the op runner's
worker; the screens' modules and the Qt libraries they use are imported on the window's
thread, one per tick of a timer and only while nothing else runs, each a few milliseconds:
a worker thread never imports or builds anything of Qt."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ui.common.runner import OpRunner

CORE_MODULES = (
    "coop_desktop.services.dashboard",
    "coop_desktop.services.closeout.closing",
    "coop_desktop.services.closeout.stored",
    "coop_desktop.services.settlements",
    "coop_desktop.services.members",
    "coop_desktop.services.deliveries",
    "coop_desktop.services.routes",
    "coop_desktop.services.quality",
    "coop_desktop.services.accounts",
    "coop_desktop.services.schemes",
    "coop_desktop.services.centres",
    "coop_desktop.services.printouts",
    "coop_desktop.services.statements",
    "coop_desktop.services.indicators",
    "coop_desktop.services.audit_trail",
    "coop_desktop.services.users",
    "coop_desktop.services.backups",
    "coop_desktop.documents.batch",
    "coop_desktop.documents.statement",
    "coop_desktop.documents.receipt",
)
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
    "ui.printing.print_jobs",
    "ui.documents.documents_view",
    "ui.admin.settings_view",
    "ui.admin.audit_view",
    "ui.admin.users_view",
    "ui.home.indicators_view",
)
TICK_MS = 40


def _import_core(_context: object) -> None:
    for name in CORE_MODULES:
        importlib.import_module(name)


class Warmup(QObject):
    """Imports the screens' modules one at a time while the runner is idle."""

    def __init__(self, runner: OpRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.pending = list(SCREEN_MODULES)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.core_done = False
        done: Callable[[object], None] = lambda _r: setattr(self, "core_done", True)  # noqa: E731
        runner.run(_import_core, done, done)
        self.timer.start()

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

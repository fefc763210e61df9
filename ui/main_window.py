"""The main window: a navigation on the left, one screen per section, the association, the
open period and the database in the status bar. Window state is remembered (QSettings, INI);
without a saved state it opens maximised on a small screen (1366×768 laptops).

It owns the app's one op runner and the watcher of the data version, and stops both when it
closes; a screen with unsaved edits (`can_leave()`) is asked before it is left."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.domain.periods import period_of
from coop_desktop.services.association import get_association
from coop_desktop.storage.engine import Database
from ui.admin.idle_lock import IdleLock
from ui.admin.sign_in import install_reauthentication
from ui.common import fmt, settings
from ui.common.changes import ChangeWatcher, follow
from ui.common.runner import app_runner
from ui.common.wheel_guard import guard_everywhere
from ui.common.words import QT_TRANSLATE_NOOP
from ui.home.home_view import HomeView

# Imported with this module, before any worker runs: imported inside the window's constructor,
# it raced Inicio's first reading on the worker, both threads importing pydantic at once (a
# circular ImportError in one start of a hundred, the app waiting on the error's message box).
# The panel leaves the sales themselves to the runner's first op.
from ui.sales.margin_panel import MarginPanel
from ui.warmup import Warmup

SMALL_SCREEN = (1440, 900)


ROLE_WORDS = {  # the stored roles, marked for translation
    "administrador": QT_TRANSLATE_NOOP("Roles", "administrador"),
    "tesorero": QT_TRANSLATE_NOOP("Roles", "tesorero"),
    "acopiador": QT_TRANSLATE_NOOP("Roles", "acopiador"),
    "vigilancia": QT_TRANSLATE_NOOP("Roles", "vigilancia"),
}


def role_name(role: str) -> str:
    """A stored role in the screen's language."""
    return QCoreApplication.translate("Roles", ROLE_WORDS.get(role, role))


# The sidebar's sections, in its order (the row a saved section names).
SECTIONS = (
    "home",
    "members",
    "collection",
    "quality",
    "prices",
    "accounts",
    "sales",
    "closeout",
    "documents",
    "settings",
    "indicators",
    "audit",
    "users",
)


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.runner = app_runner()
        self.runner.setParent(self)  # the window owns it, and stops it when it closes
        self.warmup = Warmup(self.runner, self)  # the runner's first op: every module
        self.period_label = QLabel()
        self.read_period()  # first on the worker: it also loads the formatter's locale data
        association = get_association(db)
        name = association.name if association else self.tr("(sin asociación)")
        self.association_name = name
        self.setWindowTitle(self.tr("Coop Desktop — %1").replace("%1", name))
        self.nav = QListWidget()
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 11pt; border: none; "
            "background: #eef2f6; } QListWidget::item { padding: 7px 10px; }"
            " QListWidget::item:selected { background: #2d5f8a; "
            "color: white; }"
        )
        self.stack = QStackedWidget()
        self.views: dict[str, QWidget] = {}
        home = HomeView(db)
        home.open_section = self.open_section
        box = home.layout()
        assert isinstance(box, QBoxLayout)
        box.insertWidget(3, MarginPanel(db))  # the month's margin, below the cards
        titles = {
            "home": self.tr("Inicio"),
            "members": self.tr("Socios"),
            "collection": self.tr("Acopio"),
            "quality": self.tr("Calidad"),
            "prices": self.tr("Precios"),
            "accounts": self.tr("Cuentas"),
            "sales": self.tr("Ventas"),
            "closeout": self.tr("Cierre"),
            "documents": self.tr("Documentos"),
            "settings": self.tr("Configuración"),
            "indicators": self.tr("Indicadores"),
            "audit": self.tr("Auditoría"),
            "users": self.tr("Usuarios"),
        }
        assert tuple(titles) == SECTIONS
        self._add("home", titles["home"], home)
        for key in SECTIONS[1:]:
            self._add_lazy(key, titles[key])
        self.nav.currentRowChanged.connect(self._show)
        self.shown_row = -1
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._menus()
        self.statusBar().addWidget(QLabel(name))
        self.statusBar().addWidget(self.period_label)
        principal = db.principal
        self.user_label = QLabel(
            self.tr("Usuario: %1 (%2)")
            .replace("%1", principal.name)
            .replace("%2", role_name(str(principal.role)))
            if principal is not None
            else ""
        )
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(
            QLabel(self.tr("Base de datos: %1").replace("%1", db.location.describe()))
        )
        self.resize(1280, 720)
        geometry = settings.WINDOW_GEOMETRY.get()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            size = screen.availableGeometry().size() if screen is not None else None
            if size is None or (
                size.width() <= SMALL_SCREEN[0] or size.height() <= SMALL_SCREEN[1]
            ):
                self.setWindowState(Qt.WindowState.WindowMaximized)
        section = settings.WINDOW_SECTION.get()
        guard_everywhere()  # every window, dialogs too
        self.nav.setCurrentRow(section)
        self.watcher = ChangeWatcher(db, self.runner, self)
        follow(
            self.period_label, self.runner, ("periods", "deliveries", "ledger"), self.read_period
        )
        install_reauthentication(db, self)  # sensitive actions ask for the password again
        self.idle_lock = IdleLock(self, db)

    def read_period(self) -> None:
        """The status bar names the period that must close next (periods close in order),
        read again after every change, here or on another PC; read and written out on the
        worker (the formatter's locale data loads there, not in the window)."""
        db, lang = self.db, fmt.lang()

        def read(_context: object) -> tuple[str, str]:
            from coop_desktop.language import formatting
            from coop_desktop.services.closeout.period_status import cycle_of, oldest_open

            with db.read() as session:
                oldest = oldest_open(session)
                current = period_of(clock.today(), cycle_of(session))
            return (
                formatting.period(oldest, lang) if oldest and oldest != current else "",
                formatting.period(current, lang),
            )

        self.runner.run(read, self._period_read, lambda _e: None)

    def _period_read(self, found: tuple[str, str]) -> None:
        oldest, current = found
        self.period_label.setText(
            self.tr("Por cerrar: %1 · en curso: %2").replace("%1", oldest).replace("%2", current)
            if oldest
            else self.tr("Periodo en curso: %1").replace("%1", current)
        )

    def _add(self, key: str, title: str, widget: QWidget) -> None:
        self.views[key] = widget
        self.nav.addItem(title)
        self.stack.addWidget(widget)

    def _add_lazy(self, key: str, title: str) -> None:
        """Screens that read many rows are built the first time they are shown."""
        holder = QWidget()
        holder.setObjectName(f"lazy-{key}")
        QVBoxLayout(holder).addWidget(QLabel(self.tr("Cargando…")), 0, Qt.AlignmentFlag.AlignCenter)
        self._add(key, title, holder)

    def _can_leave(self, widget: QWidget | None) -> bool:
        ask = getattr(widget, "can_leave", None)
        return ask is None or bool(ask())

    def _show(self, row: int) -> None:
        if 0 <= self.shown_row != row and not self._can_leave(self.stack.currentWidget()):
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.shown_row)  # stay: the screen has unsaved edits
            self.nav.blockSignals(False)
            return
        self.shown_row = row
        key = list(self.views)[row]
        widget = self.views[key]
        if widget.objectName().startswith("lazy-") and not self.warmup.core_done:
            # the program's modules are still being imported on the worker: the screen is
            # built once they are (two threads never import the same modules at once)
            self.stack.setCurrentIndex(row)
            QTimer.singleShot(50, lambda: self._show(row) if self.shown_row == row else None)
            return
        if widget.objectName().startswith("lazy-"):
            widget = self._build(key)
            self.stack.removeWidget(self.views[key])
            self.stack.insertWidget(row, widget)
            self.views[key] = widget
        self.stack.setCurrentIndex(row)
        if key == "collection":
            widget.collection.member.setFocus()  # type: ignore[attr-defined]

    def _build(self, key: str) -> QWidget:
        if key == "members":
            from ui.members.members_view import MembersView

            return MembersView(self.db)
        if key == "accounts":
            from ui.accounts.accounts_view import AccountsView

            return AccountsView(self.db)
        if key == "closeout":
            from ui.closeout.closeout_view import CloseoutView

            closeout = CloseoutView(self.db)
            closeout.open_section = self.open_section
            return closeout
        if key == "settings":
            from ui.admin.settings_view import SettingsView

            return SettingsView(self.db)
        if key == "prices":
            from ui.prices.prices_view import PricesView

            return PricesView(self.db)
        if key == "documents":
            from ui.documents.documents_view import DocumentsView

            return DocumentsView(self.db)
        if key == "quality":
            from ui.quality.quality_view import QualityView

            return QualityView(self.db)
        if key == "indicators":
            from ui.common.settings import language as ui_language
            from ui.home.indicators_view import IndicatorsView

            view = IndicatorsView(self.db, lang=ui_language())
            box = view.layout()
            assert box is not None
            box.addWidget(MarginPanel(self.db, with_range=True))
            return view
        if key == "sales":
            from ui.sales.sales_view import SalesView

            return SalesView(self.db)
        if key == "audit":
            from ui.admin.audit_view import AuditView

            return AuditView(self.db)
        if key == "users":
            from ui.admin.users_view import UsersView

            return UsersView(self.db)
        from ui.collection.collection_section import CollectionSection

        return CollectionSection(self.db)

    def open_section(self, key: str) -> QWidget:
        """Show a section and return its screen, built now if it was not (a warning's Fix
        opens the screen it names and acts on it at once)."""
        self.warmup.wait_core()
        self.nav.setCurrentRow(list(self.views).index(key))
        return self.views[key]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.watcher.poll()  # back from another program: has anyone written meanwhile?
        super().changeEvent(event)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Archivo"))
        import_action = QAction(self.tr("&Importar…"), self)
        import_action.triggered.connect(self.open_import)
        file_menu.addAction(import_action)
        export_action = QAction(self.tr("&Exportar…"), self)
        export_action.triggered.connect(self.open_export)
        file_menu.addAction(export_action)
        quit_action = QAction(self.tr("&Salir"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go = self.menuBar().addMenu(self.tr("&Ir a"))
        for row in range(self.nav.count()):
            action = QAction(self.nav.item(row).text(), self)
            if row < 10:  # Ctrl+1…9, Ctrl+0
                action.setShortcut(QKeySequence(f"Ctrl+{(row + 1) % 10}"))
            action.triggered.connect(lambda _c=False, r=row: self.nav.setCurrentRow(r))
            go.addAction(action)
        edit = self.menuBar().addMenu(self.tr("&Editar"))
        undo = QAction(self.tr("&Deshacer entrega"), self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(self.undo)
        edit.addAction(undo)

    def open_import(self) -> None:
        from ui.admin.import_dialog import ImportDialog

        self.import_dialog = ImportDialog(self.db, parent=self)
        self.import_dialog.open()

    def open_export(self) -> None:
        from ui.common.export_dialog import ExportDialog

        self.export_dialog = ExportDialog(self.db, parent=self)
        self.export_dialog.open()

    def undo(self) -> None:
        """Ctrl+Z undoes the last save of the shift on screen, and only there: not from Por
        ruta, another section, or a dialog (a save elsewhere is not this stack's)."""
        view = getattr(self.views.get("collection"), "collection", None)
        stack = getattr(view, "undo_stack", None)
        if stack is None or view is None or not view.isVisible() or not stack.canUndo():
            return
        if QApplication.activeModalWidget() is not None:
            return
        stack.undo()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(self._can_leave(w) for w in self.views.values()):
            event.ignore()
            return
        settings.WINDOW_GEOMETRY.set(self.saveGeometry())
        settings.WINDOW_SECTION.set(self.nav.currentRow())
        self.watcher.timer.stop()
        self.runner.shutdown()  # running ops are asked to cancel; nothing arrives after
        super().closeEvent(event)

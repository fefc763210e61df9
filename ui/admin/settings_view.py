"""Configuración: the language of the screens, where the data lives (a SQLite file or a
PostgreSQL server) and the printers (ui/printing/printer_settings.py). These are UI settings of this
PC (QSettings, INI); they apply at the next start. Business settings live in the database: the
association's RUC (ui/admin/association_box.py) is saved there at once."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database
from coop_desktop.storage.location import refuse_network_share, resolve
from coop_desktop.storage.secrets import location_to_save
from ui.admin.association_box import AssociationBox
from ui.common import settings
from ui.common.error_text import message
from ui.common.runner import OpContext, app_runner
from ui.printing.printer_settings import PrinterSettings


class SettingsView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = app_runner()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setObjectName("language-choice")  # each language named in its own
        self.language.addItem("Español", "es")
        self.language.addItem("English", "en")
        current = settings.LANGUAGE.get()
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        form.addRow(self.tr("Idioma de las pantallas:"), self.language)
        self.location = QLineEdit(settings.DB_LOCATION.get())
        self.location.setPlaceholderText(db.location.describe())
        form.addRow(self.tr("Datos (archivo o servidor):"), self.location)
        hint = QLabel(
            self.tr(
                "Vacío: el archivo de siempre en la carpeta de datos. Para compartir los datos "
                "entre varias PC use un servidor PostgreSQL, por ejemplo "
                "postgresql://tesoreria:clave@192.168.1.10/coop"
            )
        )
        hint.setWordWrap(True)
        form.addRow("", hint)
        layout.addLayout(form)
        self.association = AssociationBox(db, self)
        layout.addWidget(self.association)
        self.printers = PrinterSettings(self)
        layout.addWidget(self.printers)
        buttons = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Probar conexión"))
        self.test_button.clicked.connect(self.test_connection)
        self.save_button = QPushButton(self.tr("Guardar"))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch()

    def save(self) -> None:
        settings.LANGUAGE.set(self.language.currentData())
        # A server's password never lands in the INI: it goes to the credential store.
        self.location.setText(location_to_save(self.location.text().strip()))
        settings.DB_LOCATION.set(self.location.text())
        self.printers.save()
        self.status.setText(self.tr("Guardado. Se aplica la próxima vez que abra el programa."))

    def test_connection(self) -> None:
        """Open the named database in the background: refused files and unreachable servers
        are reported in plain words; nothing is created or changed there."""
        target = self.location.text().strip() or None
        self.status.setText(self.tr("Probando…"))
        self.test_button.setEnabled(False)
        # Ops run on the worker thread and must not touch widgets, self.tr() included.
        will_create = self.tr("%1 (se creará al abrir el programa)")

        def op(_context: OpContext) -> str:
            where = resolve(target)
            refuse_network_share(where)
            if where.path is not None and not where.path.exists():
                return will_create.replace("%1", str(where.path))
            database = open_database(target, migrate=False)
            try:
                with database.engine.connect() as conn:
                    conn.exec_driver_sql("SELECT 1")
                return database.location.describe()
            finally:
                database.dispose()

        def done(where: str) -> None:
            self.test_button.setEnabled(True)
            self.status.setText(self.tr("Conexión correcta: %1").replace("%1", where))

        def failed(error: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.status.setText(message(error))

        self.runner.run(op, done, failed)

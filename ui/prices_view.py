"""Precios: the schemes and their versions by effective date; the editor (start from a preset,
a stored version or a file), the calculator and the what-if panel beside it; save the edited
scheme as a new version in force from a date, or export it to a file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.pricing.model import Scheme
from coop_desktop.errors import CoopError
from coop_desktop.services import schemes as svc
from coop_desktop.storage.engine import Database
from ui.closeout_view import default_period
from ui.errors import message
from ui.price_tools import PriceCalculator, WhatIfPanel
from ui.runner import OpRunner
from ui.scheme_editor import SchemeEditor

VERSION_ROLE = Qt.ItemDataRole.UserRole


class PricesView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = OpRunner(self)
        layout = QHBoxLayout(self)
        splitter = QSplitter()
        layout.addWidget(splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        self.versions = QTreeWidget()
        self.versions.setHeaderHidden(True)
        self.versions.itemClicked.connect(self.open_version)
        left_layout.addWidget(QLabel(self.tr("<b>Esquemas y versiones</b>")))
        left_layout.addWidget(self.versions, 1)
        start = QGroupBox(self.tr("Empezar de"))
        start_layout = QVBoxLayout(start)
        self.preset = QComboBox()
        self.preset.addItems(svc.preset_names())
        use = QPushButton(self.tr("Usar plantilla"))
        use.clicked.connect(self.use_preset)
        load = QPushButton(self.tr("Importar archivo…"))
        load.clicked.connect(self.import_file)
        for w in (self.preset, use, load):
            start_layout.addWidget(w)
        left_layout.addWidget(start)
        splitter.addWidget(left)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        self.editor = SchemeEditor()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        middle_layout.addWidget(scroll, 1)
        save_row = QHBoxLayout()
        self.effective = QDateEdit(QDate.currentDate())
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("dd/MM/yyyy")
        self.save_button = QPushButton(self.tr("Guardar como versión"))
        self.save_button.clicked.connect(self.save)
        export = QPushButton(self.tr("Exportar…"))
        export.clicked.connect(self.export_file)
        save_row.addWidget(QLabel(self.tr("En vigor desde:")))
        save_row.addWidget(self.effective)
        save_row.addWidget(self.save_button)
        save_row.addStretch()
        save_row.addWidget(export)
        middle_layout.addLayout(save_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        middle_layout.addWidget(self.status)
        splitter.addWidget(middle)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.calculator = PriceCalculator()
        self.whatif = WhatIfPanel(db, self.runner)
        self.whatif.period.setText(default_period(db))
        right_layout.addWidget(self.calculator)
        right_layout.addWidget(self.whatif, 1)
        splitter.addWidget(right)
        splitter.setSizes([170, 500, 530])

        self.editor.changed.connect(self._edited)
        self.refresh()
        self._open_current()

    def refresh(self) -> None:
        self.versions.clear()
        by_name: dict[str, QTreeWidgetItem] = {}
        today = date.today()
        infos = svc.list_schemes(self.db)
        in_force = max(
            (i for i in infos if i.effective_from <= today),
            default=None,
            key=lambda i: i.effective_from,
        )
        for info in infos:
            parent = by_name.get(info.name)
            if parent is None:
                parent = by_name[info.name] = QTreeWidgetItem([info.title])
                parent.setToolTip(0, info.name)
                self.versions.addTopLevelItem(parent)
            text = self.tr("desde %1").replace("%1", info.effective_from.strftime("%d/%m/%Y"))
            if in_force is not None and info.id == in_force.id:
                text += self.tr(" (en vigor)")
            child = QTreeWidgetItem([text])
            child.setData(0, VERSION_ROLE, info.id)
            parent.addChild(child)
        self.versions.expandAll()

    def _open_current(self) -> None:
        """Open the version in force today, else the first preset."""
        today = date.today()
        infos = [i for i in svc.list_schemes(self.db) if i.effective_from <= today]
        if infos:
            self._load(svc.version_definition(self.db, infos[-1].id))
        elif self.preset.count():
            self.use_preset()

    def _load(self, text: str) -> None:
        try:
            self.editor.load_text(text)
        except (CoopError, ValueError) as exc:
            self.status.setText(message(exc) if isinstance(exc, CoopError) else str(exc))

    def open_version(self, item: QTreeWidgetItem) -> None:
        version_id = item.data(0, VERSION_ROLE)
        if version_id is not None:
            self._load(svc.version_definition(self.db, int(version_id)))
            self.status.setText(self.tr("Versión abierta: al guardar se crea una nueva."))

    def use_preset(self) -> None:
        self._load(svc.preset_text(self.preset.currentText()))
        self.status.setText(
            self.tr("Plantilla %1 abierta.").replace("%1", self.preset.currentText())
        )

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Importar esquema"), "", self.tr("Esquemas (*.json)")
        )
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        self._load(path.read_text("utf-8"))
        self.status.setText(self.tr("Archivo abierto: %1").replace("%1", path.name))

    def export_file(self) -> None:
        name = str(self.editor.data.get("name") or "esquema")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Exportar esquema"), f"{name}.json", self.tr("Esquemas (*.json)")
        )
        if path:
            self.export_path(Path(path))

    def export_path(self, path: Path) -> None:
        from coop_desktop.outputs import write_file

        write_file(path, self.editor.text().encode("utf-8"), force=True)
        self.status.setText(self.tr("Exportado a %1").replace("%1", str(path)))

    def _edited(self, scheme: Scheme | None) -> None:
        self.save_button.setEnabled(scheme is not None)
        self.calculator.set_scheme(scheme)
        self.whatif.set_scheme_text(self.editor.text(), scheme is not None)

    def save(self) -> None:
        if self.editor.validate() is None:
            self.status.setText(self.tr("El esquema tiene problemas: no se guardó."))
            return
        day = self.effective.date().toPython()
        assert isinstance(day, date)
        try:
            info = svc.import_scheme(self.db, self.editor.text(), day)
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.refresh()
        self.status.setText(
            self.tr("Guardado: %1, en vigor desde %2.")
            .replace("%1", info.title)
            .replace("%2", info.effective_from.strftime("%d/%m/%Y"))
        )

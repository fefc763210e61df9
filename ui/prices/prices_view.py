"""Precios: the schemes and their versions by effective date; the editor (start from a preset,
a stored version or a file), the calculator and the what-if panel beside it; save the edited
scheme as a new version in force from a date, or export it to a file.

It opens on the association's own scheme (the version in force), or on the Peruvian preset;
presets have names in the screen's language; edits not yet saved are guarded: replacing them
or leaving the screen asks first, with "keep editing" as the default."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
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

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError
from coop_desktop.domain.pricing.model import Scheme
from coop_desktop.services import schemes as svc
from coop_desktop.services.closeout.closing import default_period
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.changes import follow
from ui.common.confirm import ask
from ui.common.error_text import message
from ui.common.preset_names import PRESET_NAMES, preset_title
from ui.common.runner import app_runner
from ui.common.tables import stored_text
from ui.prices.price_tools import PriceCalculator, WhatIfPanel
from ui.prices.scheme_editor import SchemeEditor

VERSION_ROLE = Qt.ItemDataRole.UserRole


class PricesView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        layout = QHBoxLayout(self)
        splitter = QSplitter()
        layout.addWidget(splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        self.versions = QTreeWidget()
        stored_text(self.versions, 0)  # each scheme's own title
        self.versions.setHeaderHidden(True)
        self.versions.setWordWrap(True)  # long scheme titles wrap instead of being cut
        self.versions.setUniformRowHeights(False)
        self.versions.header().setStretchLastSection(True)
        self.versions.itemClicked.connect(self.open_version)
        left_layout.addWidget(QLabel(self.tr("<b>Esquemas y versiones</b>")))
        left_layout.addWidget(self.versions, 1)
        start = QGroupBox(self.tr("Empezar de"))
        start_layout = QVBoxLayout(start)
        self.preset = QComboBox()
        names = svc.preset_names()
        for name in sorted(
            names,
            key=lambda n: (
                n not in PRESET_NAMES,
                list(PRESET_NAMES).index(n) if n in PRESET_NAMES else 0,
                n,
            ),
        ):
            self.preset.addItem(preset_title(name), name)
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
        self.effective = dates.DateField(future=True)  # a version may start later
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
        self.runner.run(  # the period to try it on: the oldest open one, read on the worker
            lambda _c: default_period(db),
            lambda code: (
                self.whatif.period.setText(code) if not self.whatif.period.text() else None
            ),
            lambda _e: None,
        )
        right_layout.addWidget(self.calculator)
        right_layout.addWidget(self.whatif, 1)
        splitter.addWidget(right)
        splitter.setSizes([250, 520, 420])  # fits a 1366-pixel screen beside the menu
        for pane, stretch in ((0, 0), (1, 1), (2, 1)):
            splitter.setStretchFactor(pane, stretch)

        self.editor.changed.connect(self._edited)
        self.clean_text = ""  # the editor's text when last opened or saved
        self.refresh()
        self._open_current()
        follow(self, self.runner, ("schemes",), self.refresh)

    # -- unsaved edits ----------------------------------------------------------------------

    def has_unsaved_edits(self) -> bool:
        return self.editor.text() != self.clean_text

    def can_leave(self) -> bool:
        """True when nothing is lost: no unsaved edits, or the person chose to drop them."""
        if not self.has_unsaved_edits():
            return True
        if not ask(
            self,
            self.tr("Cambios sin guardar"),
            self.tr(
                "El esquema tiene cambios que no se guardaron como versión. "
                "¿Descartar esos cambios?"
            ),
            self.tr("Descartar los cambios"),
            self.tr("Seguir editando"),
        ):
            return False
        self._load(self.clean_text)  # dropped: back to what was opened or saved
        return True

    def refresh(self) -> None:
        self.versions.clear()
        by_name: dict[str, QTreeWidgetItem] = {}
        today = clock.today()
        infos = svc.list_schemes(self.db)
        in_force = max(
            (i for i in infos if i.effective_from <= today),
            default=None,
            key=lambda i: i.effective_from,
        )
        for info in infos:
            parent = by_name.get(info.name)
            if parent is None:
                # long titles on two or three lines: never cut
                title = textwrap.fill(info.title, 30)
                parent = by_name[info.name] = QTreeWidgetItem([title])
                parent.setToolTip(0, info.title)
                self.versions.addTopLevelItem(parent)
            text = self.tr("desde %1").replace("%1", fmt.day(info.effective_from))
            if in_force is not None and info.id == in_force.id:
                text += self.tr(" (en vigor)")
            child = QTreeWidgetItem([text])
            child.setData(0, VERSION_ROLE, info.id)
            parent.addChild(child)
        self.versions.expandAll()

    def _open_current(self) -> None:
        """Open the version in force today, else the first preset."""
        today = clock.today()
        infos = [i for i in svc.list_schemes(self.db) if i.effective_from <= today]
        if infos:
            self._load(svc.version_definition(self.db, infos[-1].id))
        elif self.preset.count():  # a new association: the Peruvian preset
            self.preset.setCurrentIndex(0)
            self._load(svc.preset_text(str(self.preset.currentData())))
            self.status.setText(
                self.tr("Plantilla «%1» abierta: ajústela y guárdela como versión.").replace(
                    "%1", self.preset.currentText()
                )
            )

    def _load(self, text: str) -> bool:
        try:
            self.editor.load_text(text)
        except (CoopError, ValueError) as exc:
            self.status.setText(message(exc) if isinstance(exc, CoopError) else str(exc))
            return False
        self.clean_text = self.editor.text()
        return True

    def open_version(self, item: QTreeWidgetItem) -> None:
        version_id = item.data(0, VERSION_ROLE)
        if version_id is not None and self.can_leave():
            self._load(svc.version_definition(self.db, int(version_id)))
            self.status.setText(self.tr("Versión abierta: al guardar se crea una nueva."))

    def use_preset(self) -> None:
        if not self.can_leave():
            return
        self._load(svc.preset_text(str(self.preset.currentData())))
        self.status.setText(
            self.tr("Plantilla «%1» abierta.").replace("%1", self.preset.currentText())
        )

    def import_file(self) -> None:
        if not self.can_leave():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Importar esquema"), "", self.tr("Esquemas (*.json)")
        )
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        if self._load(path.read_text("utf-8")):
            self.status.setText(self.tr("Archivo abierto: %1").replace("%1", path.name))

    def export_file(self) -> None:
        name = str(self.editor.data.get("name") or "esquema")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Exportar esquema"), f"{name}.json", self.tr("Esquemas (*.json)")
        )
        if path:
            self.export_path(Path(path))

    def export_path(self, path: Path) -> None:
        from coop_desktop.core.outputs import write_file

        write_file(path, self.editor.text().encode("utf-8"), force=True)
        self.status.setText(self.tr("Exportado a %1").replace("%1", str(path)))

    def _edited(self, scheme: Scheme | None) -> None:
        self.save_button.setEnabled(scheme is not None)
        self.calculator.set_scheme(scheme)
        self.whatif.set_scheme_text(self.editor.text(), scheme is not None)

    def save(self) -> None:
        """Save the edited scheme as a version in force from the chosen date: a date in
        another month is said back, the password is asked here, then the save runs on the
        op runner."""
        if self.editor.validate() is None:
            self.status.setText(self.tr("El esquema tiene problemas: no se guardó."))
            return
        try:
            day = self.effective.value()
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        if not self.effective.confirm_far(self):
            return
        from ui.common.password import sensitive_op, typed_password

        password = typed_password(self.db, "schemes", self)
        if password is None:
            return
        db, text = self.db, self.editor.text()

        def done(info: Any) -> None:
            self.clean_text = text
            self.refresh()
            self.status.setText(
                self.tr("Guardado: %1, en vigor desde %2.")
                .replace("%1", info.title)
                .replace("%2", fmt.day(info.effective_from))
            )

        self.runner.run(
            sensitive_op(password, lambda: svc.import_scheme(db, text, day)),
            done,
            lambda e: self.status.setText(message(e)),
            source=self,
        )

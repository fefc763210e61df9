"""The first-start dialog: create the association, or load demo data to try the program."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError
from coop_desktop.services.association import create_association
from coop_desktop.services.demo import load_demo
from coop_desktop.storage.engine import Database
from ui.common.error_text import message
from ui.common.runner import OpContext, app_runner


class FirstRunDialog(QDialog):
    """Offers «Crear asociación» or «Cargar datos de demostración» on an empty database."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.setWindowTitle(self.tr("Bienvenido a Coop Desktop"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "No hay una asociación en esta base de datos.\n"
                "Cree su asociación o cargue datos de demostración para conocer el programa."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Asociación de Productores Lecheros …"))
        self.ruc = QLineEdit()
        self.ruc.setPlaceholderText(self.tr("11 dígitos (opcional)"))
        self.ruc.setMaxLength(11)
        form.addRow(self.tr("Nombre de la asociación:"), self.name)
        form.addRow(self.tr("RUC:"), self.ruc)
        self.address = QLineEdit()
        self.district = QLineEdit()
        self.province = QLineEdit()
        self.department = QLineEdit("Puno")
        form.addRow(self.tr("Dirección:"), self.address)
        form.addRow(self.tr("Distrito:"), self.district)
        form.addRow(self.tr("Provincia:"), self.province)
        form.addRow(self.tr("Departamento:"), self.department)
        self.cycle = QComboBox()
        for value, text in (
            ("month", self.tr("Mensual")),
            ("fortnight", self.tr("Quincenal (1–15 y 16–fin de mes)")),
            ("decade", self.tr("Por décadas (cada 10 días)")),
            ("week", self.tr("Semanal")),
        ):
            self.cycle.addItem(text, value)
        form.addRow(self.tr("Ciclo de pago:"), self.cycle)
        self.series = QLineEdit("L001")
        self.series.setMaxLength(4)
        form.addRow(self.tr("Serie de liquidaciones:"), self.series)
        self.centre = QLineEdit()
        self.centre.setPlaceholderText(self.tr("Centro de acopio Huaychani (opcional)"))
        form.addRow(self.tr("Primer centro de acopio:"), self.centre)
        centre_hint = QLabel(
            self.tr(
                "Con un centro, Acopio → Por ruta lista a sus socios en el orden del recorrido; "
                "más centros y el orden de cada ruta, en Acopio → Centros y rutas."
            )
        )
        centre_hint.setWordWrap(True)
        centre_hint.setStyleSheet("color: #555")
        form.addRow("", centre_hint)
        logo_row = QHBoxLayout()
        self.logo_label = QLabel(self.tr("(sin logo)"))
        choose = QPushButton(self.tr("Elegir logo…"))
        choose.clicked.connect(self.choose_logo)
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(choose)
        form.addRow(self.tr("Logo:"), logo_row)
        self.logo: bytes | None = None
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.create_button = QPushButton(self.tr("Crear asociación"))
        self.demo_button = QPushButton(self.tr("Cargar datos de demostración"))
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.create_button.clicked.connect(self.create_clicked)
        self.demo_button.clicked.connect(self.demo_clicked)
        layout.addWidget(buttons)

    def _say(self, text: str) -> None:
        """An error under the fields: the dialog grows to hold it, the hints stay whole."""
        self.error.setText(text)
        self.adjustSize()

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Logo de la asociación"), "", self.tr("Imágenes (*.png *.jpg *.jpeg)")
        )
        if path:
            self.set_logo(Path(path))

    def set_logo(self, path: Path) -> None:
        self.logo = path.read_bytes()
        self.logo_label.setText(path.name)

    def create_clicked(self) -> None:
        centre = self.centre.text().strip()
        try:
            create_association(
                self.db,
                self.name.text(),
                self.ruc.text() or None,
                address=self.address.text() or None,
                district=self.district.text() or None,
                province=self.province.text() or None,
                department=self.department.text() or None,
                cycle=self.cycle.currentData(),
                settlement_series=self.series.text().strip().upper() or "L001",
                logo=self.logo,
            )
        except CoopError as exc:
            self._say(message(exc))
            (self.ruc if exc.field == "ruc" else self.name).setFocus()
            return
        if centre:
            from coop_desktop.services.centres import add_centre

            add_centre(self.db, "C01", centre, self.district.text() or None)
        self.accept()

    def demo_clicked(self) -> None:
        """Demo data loads in the background op runner, with progress and cancel."""
        db = self.db

        def op(context: OpContext) -> object:
            def progress(done: int, total: int) -> bool:
                context.progress(done, total)
                return not context.cancelled.is_set()

            return load_demo(db, members=50, days=31, seed=1, progress=progress)

        def failed(error: BaseException) -> None:
            self.demo_button.setEnabled(True)
            self._say(message(error))

        self.demo_button.setEnabled(False)
        self.runner.run(
            op,
            lambda _summary: self.accept(),
            failed,
            label=self.tr("Cargando datos de demostración…"),
            parent=self,
            cancellable=True,
        )

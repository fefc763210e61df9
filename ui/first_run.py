"""The first-start dialog: create the association, or load demo data to try the program."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.errors import CoopError
from coop_desktop.services.association import create_association
from coop_desktop.services.demo import load_demo
from coop_desktop.storage.engine import Database
from ui.errors import message
from ui.runner import OpContext, OpRunner


class FirstRunDialog(QDialog):
    """Offers «Crear asociación» or «Cargar datos de demostración» on an empty database."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = OpRunner(self)
        self.setWindowTitle(self.tr("Bienvenido a Coop Desktop"))
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

    def create_clicked(self) -> None:
        try:
            create_association(self.db, self.name.text(), self.ruc.text() or None)
        except CoopError as exc:
            self.error.setText(exc.render("es"))
            (self.ruc if exc.field == "ruc" else self.name).setFocus()
            return
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
            self.error.setText(message(error))

        self.demo_button.setEnabled(False)
        self.runner.run(
            op,
            lambda _summary: self.accept(),
            failed,
            label=self.tr("Cargando datos de demostración…"),
            parent=self,
            cancellable=True,
        )

    def done(self, result: int) -> None:
        self.runner.shutdown()
        super().done(result)

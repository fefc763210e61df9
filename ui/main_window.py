"""The main window. For now it shows the association and where its data lives."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from coop_desktop.services.association import get_association
from coop_desktop.storage.engine import Database


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        association = get_association(db)
        name = association.name if association else self.tr("(sin asociación)")
        self.setWindowTitle(self.tr("Coop Desktop — %1").replace("%1", name))
        central = QWidget()
        layout = QVBoxLayout(central)
        self.association_label = QLabel(name)
        self.association_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.association_label.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.association_label.setFont(font)
        self.location_label = QLabel(
            self.tr("Base de datos: %1").replace("%1", db.location.describe())
        )
        self.location_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()
        layout.addWidget(self.association_label)
        layout.addWidget(self.location_label)
        layout.addStretch()
        self.setCentralWidget(central)
        self.statusBar().showMessage(db.location.describe())
        self.resize(900, 600)

"""Configuración → Asociación: the association's RUC, recorded or corrected on a database that
already exists (without it receipts print as CONSTANCIA DE PAGO). A business setting: it is
saved in the database at once, audited, for every PC."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from coop_desktop.core.errors import CoopError
from coop_desktop.services.association import get_association, set_ruc
from coop_desktop.storage.engine import Database
from ui.common.error_text import message


class AssociationBox(QGroupBox):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Asociación"), parent)
        self.db = db
        info = get_association(db)
        form = QFormLayout(self)
        self.ruc = QLineEdit(info.ruc or "" if info else "")
        self.ruc.setPlaceholderText(self.tr("11 dígitos, por ejemplo 20131312955"))
        self.ruc.setMaxLength(11)
        self.save_ruc = QPushButton(self.tr("Guardar RUC"))
        self.save_ruc.setEnabled(info is not None)
        self.save_ruc.clicked.connect(lambda: self.record_ruc())
        form.addRow(self.tr("RUC:"), self.ruc)
        form.addRow("", self.save_ruc)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form.addRow("", self.status)

    def record_ruc(self) -> None:
        try:
            info = set_ruc(self.db, self.ruc.text())
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.ruc.setText(info.ruc or "")
        self.status.setText(
            self.tr("RUC guardado: %1. Los recibos salen como liquidación de compra.").replace(
                "%1", info.ruc or ""
            )
        )

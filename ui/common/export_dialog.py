"""Exportar: what (payroll, ledger, deliveries, quality, members, the accountant's purchases,
the payment list), which period or date range, and where: an XLSX or CSV file, written in
the background by the op runner. Each screen's Exportar button opens it with its own kind
and period already chosen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.services.exports import export_to_file
from coop_desktop.storage.engine import Database
from ui.common.error_text import message
from ui.common.fmt import lang
from ui.common.runner import app_runner


class ExportDialog(QDialog):
    def __init__(
        self, db: Database, kind: str = "payroll", period: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.setWindowTitle(self.tr("Exportar"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for key, label in (
            ("payroll", self.tr("Planilla de pago (periodo cerrado)")),
            ("purchases", self.tr("Compras para el contador (periodo cerrado)")),
            ("payments", self.tr("Lista de pagos para banco o caja (periodo cerrado)")),
            ("ledger", self.tr("Movimientos de cuentas")),
            ("deliveries", self.tr("Entregas")),
            ("quality", self.tr("Análisis de calidad")),
            ("members", self.tr("Socios")),
        ):
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.period = QLineEdit(period)
        self.period.setPlaceholderText(self.tr("2026-10, 2026-10-q1 o 2026-10-01..2026-10-31"))
        self.format = QComboBox()
        self.format.addItem(self.tr("Excel (.xlsx)"), ".xlsx")
        self.format.addItem(self.tr("Texto CSV (.csv)"), ".csv")
        form.addRow(self.tr("Qué"), self.kind)
        form.addRow(self.tr("Periodo o rango"), self.period)
        form.addRow(self.tr("Formato"), self.format)
        layout.addLayout(form)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.save_button = QPushButton(self.tr("Guardar como…"))
        self.save_button.clicked.connect(lambda: self.save())
        layout.addWidget(self.save_button)
        self.written: Path | None = None

    def save(self, target: str | None = None) -> None:
        kind = str(self.kind.currentData())
        period = self.period.text().strip()
        suffix = str(self.format.currentData())
        if target is None:
            words = {  # the file's name in the screen's language
                "payroll": self.tr("planilla"),
                "purchases": self.tr("compras"),
                "payments": self.tr("pagos"),
                "ledger": self.tr("movimientos"),
                "deliveries": self.tr("entregas"),
                "quality": self.tr("calidad"),
                "members": self.tr("socios"),
            }
            name = f"{words.get(kind, kind)}-{period or self.tr('todo')}{suffix}".replace("..", "_")
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("Exportar"), name, "Excel (*.xlsx);;CSV (*.csv)"
            )
            if not target:
                return
        path = Path(target)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(suffix)
        db = self.db  # the op runs on the worker thread and touches no widget
        language = lang()  # the file in the screen's language

        def op(_context: Any) -> tuple[Path, int]:
            return export_to_file(db, kind, period or None, path, language, force=True)

        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Exportando…"))
        self.runner.run(op, self._done, self._failed, label=self.tr("Exportando…"), parent=self)

    def _done(self, result: tuple[Path, int]) -> None:
        self.save_button.setEnabled(True)
        self.written = result[0]
        self.status.setText(
            self.tr("%1 filas guardadas en %2")
            .replace("%1", str(result[1]))
            .replace("%2", str(result[0]))
        )

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(message(error))

    def done(self, result: int) -> None:  # closing waits for a running export
        self.runner.wait_idle()  # the shared runner: wait for this dialog's op
        super().done(result)


class ExportButton(QPushButton):
    """A screen's Exportar button: opens the dialog with the screen's kind and period (kept
    on the screen as `export_dialog`, so it stays alive while open)."""

    def __init__(self, screen: QWidget, db: Database, kind: str, period: Callable[[], str]) -> None:
        super().__init__()
        self.setText(self.tr("Exportar…"))
        self.clicked.connect(lambda: self.open_dialog(screen, db, kind, period()))

    def open_dialog(self, screen: QWidget, db: Database, kind: str, period: str) -> None:
        dialog = ExportDialog(db, kind, period, screen)
        screen.export_dialog = dialog  # type: ignore[attr-defined]
        dialog.open()


def export_button(
    screen: QWidget, db: Database, kind: str, period: Callable[[], str]
) -> QPushButton:
    return ExportButton(screen, db, kind, period)

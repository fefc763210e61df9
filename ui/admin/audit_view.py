"""Auditoría (read-only): who did what and when, with the values before and after, filtered
by user, dates and entity; and the check of the hash chain that makes the trail
tamper-evident. Nothing here writes."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError
from coop_desktop.services.audit_trail import AuditEntry, describe, list_audit, verify_audit
from coop_desktop.storage.engine import Database
from ui.common import dates
from ui.common.error_text import message
from ui.common.runner import app_runner
from ui.common.words import QT_TRANSLATE_NOOP

SHOWN = 2000  # newest rows shown; the filters reach any older one


def _text(value: object) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)


# What the trail records, in words (the stored codes are the program's table names).
ENTITIES = {
    "association": QT_TRANSLATE_NOOP("AuditView", "asociación"),
    "member": QT_TRANSLATE_NOOP("AuditView", "socio"),
    "delivery": QT_TRANSLATE_NOOP("AuditView", "entrega"),
    "quality_test": QT_TRANSLATE_NOOP("AuditView", "análisis"),
    "ledger_entry": QT_TRANSLATE_NOOP("AuditView", "movimiento de cuenta"),
    "charge": QT_TRANSLATE_NOOP("AuditView", "cargo"),
    "loan": QT_TRANSLATE_NOOP("AuditView", "préstamo"),
    "product": QT_TRANSLATE_NOOP("AuditView", "producto"),
    "period": QT_TRANSLATE_NOOP("AuditView", "periodo"),
    "settlement": QT_TRANSLATE_NOOP("AuditView", "liquidación"),
    "price_scheme_version": QT_TRANSLATE_NOOP("AuditView", "esquema de precios"),
    "centre": QT_TRANSLATE_NOOP("AuditView", "centro de acopio"),
    "route": QT_TRANSLATE_NOOP("AuditView", "ruta"),
    "import_batch": QT_TRANSLATE_NOOP("AuditView", "importación"),
    "setting": QT_TRANSLATE_NOOP("AuditView", "configuración"),
    "user": QT_TRANSLATE_NOOP("AuditView", "usuario"),
    "permission": QT_TRANSLATE_NOOP("AuditView", "permiso"),
    "database": QT_TRANSLATE_NOOP("AuditView", "base de datos"),
    "audit_log": QT_TRANSLATE_NOOP("AuditView", "registro de auditoría"),
}


def entity_name(code: str) -> str:
    shown = ENTITIES.get(code)
    return QCoreApplication.translate("AuditView", shown) if shown else code


class AuditView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.entries: list[AuditEntry] = []
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("usuario"))
        self.entity = QComboBox()
        self.entity.addItem(self.tr("todas las entidades"), "")
        for code in ENTITIES:
            self.entity.addItem(entity_name(code), code)
        self.use_dates = QCheckBox(self.tr("Del"))
        self.start = dates.DateField(dates.today().addMonths(-1), field="start", marks_far=False)
        self.end = dates.DateField(field="end", marks_far=False)
        self.search_button = QPushButton(self.tr("Buscar"))
        self.search_button.clicked.connect(lambda: self.refresh())
        self.verify_button = QPushButton(self.tr("Verificar la cadena"))
        self.verify_button.clicked.connect(self.verify)
        for widget in (
            self.user,
            self.entity,
            self.use_dates,
            self.start,
            QLabel(self.tr("al")),
            self.end,
            self.search_button,
            self.verify_button,
        ):
            filters.addWidget(widget)
        layout.addLayout(filters)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("N.º"),
                self.tr("Fecha y hora"),
                self.tr("Usuario"),
                self.tr("Acción"),
                self.tr("Entidad"),
                self.tr("Id"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_detail(row))
        layout.addWidget(self.table, 3)
        self.detail = QTextEdit()
        self.detail.setReadOnly(True)
        layout.addWidget(self.detail, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        """Read the entries matching the filters on the worker, then show them."""
        start: date | None = None
        end: date | None = None
        try:
            if self.use_dates.isChecked():
                start, end = dates.pydate(self.start), dates.pydate(self.end)
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        db, user = self.db, self.user.text() or None
        entity = str(self.entity.currentData() or "") or None
        self.runner.run(
            lambda _c: list_audit(
                db,
                user=user,
                start=start,
                end=end,
                entity=entity,
                limit=SHOWN,
                newest_first=True,
            ),
            self._show,
            lambda e: self.status.setText(message(e)),
        )

    def _show(self, entries: list[Any]) -> None:
        self.entries = entries
        self.table.setRowCount(len(self.entries))
        names = self.action_names()
        for r, e in enumerate(self.entries):
            cells = (
                str(e.seq or ""),
                e.at.strftime("%d/%m/%Y %H:%M:%S"),
                e.user,
                names.get(e.action, e.action),
                entity_name(e.entity),
                e.entity_id or "",
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.status.setText(
            self.tr("%Ln registro(s) (los más recientes primero).", "", len(self.entries))
        )

    def action_names(self) -> dict[str, str]:
        """The recorded action codes, as people say them."""
        return {
            "create": self.tr("alta"),
            "update": self.tr("modificación"),
            "delete": self.tr("eliminación"),
            "status": self.tr("cambio de estado"),
            "print": self.tr("impresión"),
            "close": self.tr("cierre"),
            "reopen": self.tr("reapertura"),
            "pay": self.tr("pago"),
            "reverse_payment": self.tr("reversión de pago"),
            "void": self.tr("anulación"),
            "sign_in": self.tr("ingreso"),
            "sign_in_failed": self.tr("ingreso fallido"),
            "refused": self.tr("rechazado (rol)"),
            "set_password": self.tr("contraseña"),
            "disable": self.tr("desactivación"),
            "enable": self.tr("activación"),
            "demo": self.tr("datos de demostración"),
            "restore": self.tr("restauración"),
            "seal": self.tr("sello de registros anteriores"),
        }

    def show_detail(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            self.detail.clear()
            return
        e = self.entries[row]
        parts = []
        if e.before is not None:
            parts.append(self.tr("Antes:") + "\n" + _text(e.before))
        if e.after is not None:
            parts.append(self.tr("Después:") + "\n" + _text(e.after))
        self.detail.setPlainText("\n\n".join(parts))

    def verify(self) -> None:
        """Walk the whole chain on the worker (every row is hashed again)."""
        db = self.db
        self.status.setText(self.tr("Verificando…"))
        self.runner.run(
            lambda _c: verify_audit(db),
            self._verified,
            lambda e: self.status.setText(message(e)),
            label=self.tr("Verificando la cadena de auditoría…"),
            parent=self,
        )

    def _verified(self, report: Any) -> None:
        if report.findings:
            self.status.setStyleSheet("color: #b00020")
            self.status.setText(
                self.tr("La cadena de auditoría está rota:")
                + "\n"
                + "\n".join(describe(f) for f in report.findings)
            )
            return
        self.status.setStyleSheet("")
        self.status.setText(
            self.tr(
                "Cadena de auditoría íntegra: %Ln registro(s); el último es el n.º %2, huella %3.",
                "",
                report.rows,
            )
            .replace("%2", str(report.last_seq))
            .replace("%3", report.last_hash[:16])
        )

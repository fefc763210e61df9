"""Ventas › Recepciones: the dispatches waiting for the buyer's measure; type what the buyer
measured (quantity in L or kg, fat, density) and record it, or reject it with the reason.
Below, the receptions of the last month's dispatches: one typed wrong is annulled (its sale
reversed in the buyer's account) and can be recorded again."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError
from coop_desktop.services.sales.dispatch_list import (
    DispatchInfo,
    list_dispatches,
    pending_dispatches,
)
from coop_desktop.services.sales.dispatches import receive_dispatch, void_reception
from coop_desktop.storage.engine import Database
from ui.common import fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.runner import app_runner
from ui.sales.widgets import left

ID_ROLE = Qt.ItemDataRole.UserRole
RECENT_DAYS = 31  # the receptions listed for annulment: the last month's dispatches


class ReceptionTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Despachos sin recepción</b>")))
        self.pending = QListWidget()
        layout.addWidget(self.pending, 1)
        row = QHBoxLayout()
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(self.tr("Cantidad que midió el comprador"))
        self.unit = QComboBox()
        for unit in ("L", "kg"):
            self.unit.addItem(unit, unit)
        self.fat = QLineEdit()
        self.fat.setPlaceholderText(self.tr("Grasa %"))
        self.density = QLineEdit()
        self.density.setPlaceholderText(self.tr("Densidad"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Motivo del rechazo"))
        self.receive_button = QPushButton(self.tr("Registrar recepción"))
        self.reject_button = QPushButton(self.tr("Rechazado"))
        self.receive_button.clicked.connect(lambda: self.record(False))
        self.reject_button.clicked.connect(lambda: self.record(True))
        for w in (
            self.quantity,
            self.unit,
            self.fat,
            self.density,
            self.receive_button,
            self.reason,
            self.reject_button,
        ):
            row.addWidget(w)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("<b>Recepciones registradas</b>")))
        self.received = QListWidget()
        layout.addWidget(self.received, 1)
        self.void_button = QPushButton(self.tr("Anular recepción…"))
        self.void_button.clicked.connect(lambda: self.void())
        layout.addLayout(left(self.void_button))
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        follow(self, self.runner, ("sales",), self.reload)
        self.reload()

    def reload(self) -> None:
        self.pending.clear()
        self.received.clear()
        for d in pending_dispatches(self.db):
            item = QListWidgetItem(self.text(d))
            item.setData(ID_ROLE, d.id)
            self.pending.addItem(item)
        if self.pending.count():
            self.pending.setCurrentRow(0)
        today = clock.today()
        for d in list_dispatches(self.db, today - timedelta(days=RECENT_DAYS), today):
            r = d.reception
            if r is None or d.void:
                continue
            got = (
                self.tr("rechazado: %1").replace("%1", r.reason or "")
                if r.rejected
                else f"{fmt.quantity(r.quantity, r.unit)} · {fmt.money(r.amount)}"
            )
            item = QListWidgetItem(f"{self.text(d)}  →  {got}")
            item.setData(ID_ROLE, d.id)
            self.received.addItem(item)

    def text(self, d: DispatchInfo) -> str:
        return (
            f"{d.guide}  {fmt.day(d.day)} {fmt.word(d.shift)}  {d.buyer} {d.buyer_name}  "
            f"{fmt.quantity(d.quantity, d.unit)}"
        )

    def record(self, reject: bool) -> None:
        item = self.pending.currentItem()
        if item is None:
            self.status.setText(self.tr("No hay despachos pendientes."))
            return
        measures = {
            key: edit.text()
            for key, edit in (("fat", self.fat), ("density", self.density))
            if edit.text().strip()
        }
        try:
            d = receive_dispatch(
                self.db,
                int(item.data(ID_ROLE)),
                self.quantity.text(),
                str(self.unit.currentData()),
                measures=measures,
                reject=reject,
                reason=self.reason.text() or None,
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        r = d.reception
        assert r is not None
        self.status.setText(
            self.tr("Guía %1: rechazada.").replace("%1", d.guide)
            if r.rejected
            else self.tr("Guía %1: venta de %2.")
            .replace("%1", d.guide)
            .replace("%2", fmt.money(r.amount))
        )
        for edit in (self.quantity, self.fat, self.density, self.reason):
            edit.clear()
        self.runner.announce_writes(source=self)
        self.reload()

    def void(self) -> None:
        item = self.received.currentItem()
        if item is None:
            self.status.setText(self.tr("Elija la recepción a anular."))
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Anular recepción"), self.tr("Motivo para anular la recepción:")
        )
        if not ok:
            return
        try:
            d = void_reception(self.db, int(item.data(ID_ROLE)), reason)
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.status.setText(
            self.tr("Guía %1: recepción anulada; puede registrarla de nuevo.").replace(
                "%1", d.guide
            )
        )
        self.runner.announce_writes(source=self)
        self.reload()

"""Cierre: preview every settlement with its warnings, close in the background (cancelling
leaves the period open), then print the batch and record payments. The previewed numbers are
the closed numbers: both come from the same computation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.periods import parse_period, period_of
from coop_desktop.errors import Refused
from coop_desktop.services.association import get_association
from coop_desktop.services.closeout import (
    CloseResult,
    close_period,
    next_to_close,
    preview_close,
)
from coop_desktop.services.settlements import pay, reopen_period, reverse_payment
from coop_desktop.storage.engine import Database
from ui.errors import message
from ui.export_dialog import export_button
from ui.runner import OpContext, OpRunner
from ui.tables import tidy

COLUMNS = (
    "Código",
    "Socio",
    "kg",
    "Bruto S/",
    "Descuentos S/",
    "Pasa S/",
    "Neto S/",
    "Liquidación",
)


def default_period(db: Database) -> str:
    """The oldest period still open: periods close in order. With nothing open, the period
    before the current one."""
    try:
        return next_to_close(db)
    except Refused:
        association = get_association(db)
        cycle = association.cycle if association else "month"
        return period_of(date.today(), cycle).previous().code


class CloseoutView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = OpRunner(self)
        self.result: CloseResult | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.period = QLineEdit(default_period(db))
        self.period.setMaximumWidth(140)
        self.preview_button = QPushButton(self.tr("Vista previa"))
        self.close_button = QPushButton(self.tr("Cerrar periodo"))
        self.reopen_button = QPushButton(self.tr("Reabrir…"))
        self.print_button = QPushButton(self.tr("Imprimir…"))
        self.save_button = QPushButton(self.tr("Guardar PDF…"))
        self.print_job: object = None  # the batch being printed (kept alive while it runs)
        self.pay_button = QPushButton(self.tr("Registrar pagos…"))
        self.reverse_button = QPushButton(self.tr("Revertir un pago…"))
        self.export_button = export_button(self, db, "payroll", lambda: self.period.text().strip())
        top.addWidget(QLabel(self.tr("Periodo:")))
        for w in (
            self.period,
            self.preview_button,
            self.close_button,
            self.reopen_button,
            self.print_button,
            self.save_button,
            self.pay_button,
            self.reverse_button,
            self.export_button,
        ):
            top.addWidget(w)
        top.addStretch()
        layout.addLayout(top)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.warnings = QListWidget()
        self.warnings.setMaximumHeight(110)
        self.warnings.setToolTip(self.tr("Doble clic: ir a la pantalla que lo corrige"))
        self.warnings.itemActivated.connect(self.fix)
        self.warnings.itemDoubleClicked.connect(self.fix)
        fix_row = QHBoxLayout()
        fix_row.addWidget(self.warnings, 1)
        self.fix_button = QPushButton(self.tr("Corregir…"))
        self.fix_button.clicked.connect(lambda: self.fix(self.warnings.currentItem()))
        fix_row.addWidget(self.fix_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(fix_row)
        # set by the main window: open a section by key and return its screen
        self.open_section: Callable[[str], QWidget] | None = None
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        tidy(self.table, stretch=1)
        layout.addWidget(self.table)
        self.totals = QLabel()
        layout.addWidget(self.totals)
        self.preview_button.clicked.connect(self.preview)
        self.close_button.clicked.connect(self.close_period)
        self.reopen_button.clicked.connect(self.reopen)
        self.pay_button.clicked.connect(self.record_payments)
        self.reverse_button.clicked.connect(self.reverse_one_payment)
        # clicked(bool) must not reach print_batch's arguments
        self.print_button.clicked.connect(lambda: self.print_batch())
        self.save_button.clicked.connect(lambda: self.save_batch())

    def _busy(self, busy: bool) -> None:
        for b in (
            self.preview_button,
            self.close_button,
            self.reopen_button,
            self.print_button,
            self.save_button,
            self.pay_button,
            self.reverse_button,
        ):
            b.setEnabled(not busy)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.status.setText(message(error))

    def preview(self) -> None:
        code = self.period.text().strip()
        db = self.db  # ops run on the worker thread and touch no widget
        self._busy(True)
        self.status.setText(self.tr("Calculando…"))
        self.runner.run(
            lambda _c: preview_close(db, code),
            self.show_result,
            self._failed,
            label=self.tr("Calculando la vista previa…"),
            parent=self,
        )

    def show_result(self, result: CloseResult) -> None:
        self._busy(False)
        self.result = result
        self.table.setRowCount(len(result.members))
        for row, m in enumerate(result.members):
            cells = (
                m.code,
                m.name,
                f"{m.milk.kg:,.3f}",
                f"{m.calc.gross:,.2f}",
                f"{m.calc.applied_total:,.2f}",
                f"{m.calc.carried_out:,.2f}",
                f"{m.calc.net:,.2f}",
                m.number or "",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 2 <= col <= 6:  # amounts line up on the right
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        self.warnings.clear()
        for code, delivery, measures in result.missing:
            text = (
                self.tr("%1: la entrega %2 no tiene %3")
                if delivery
                else self.tr("%1: ninguna muestra del periodo tiene %3")
            )
            self._warn(
                text.replace("%1", code)
                .replace("%2", str(delivery))
                .replace("%3", ", ".join(measures)),
                ("quality", code, delivery or None),
            )
        for m in result.members:
            if m.milk.rejected_litres:
                self._warn(
                    self.tr("%1: %2 L rechazados")
                    .replace("%1", m.code)
                    .replace("%2", f"{m.milk.rejected_litres:,.1f}"),
                    ("members", m.code, None),
                )
            if m.calc.carried_out:
                self._warn(
                    self.tr("%1: los descuentos superan la leche; pasan S/ %2 al periodo siguiente")
                    .replace("%1", m.code)
                    .replace("%2", f"{m.calc.carried_out:,.2f}"),
                    ("accounts", m.code, None),
                )
        self.fix_button.setEnabled(self.warnings.count() > 0)
        totals = result.totals()
        self.totals.setText(
            self.tr("%1 socios · %2 kg · bruto S/ %3 · descuentos S/ %4 · neto S/ %5")
            .replace("%1", str(totals["members"]))
            .replace("%2", f"{totals['kg']:,.3f}")
            .replace("%3", f"{totals['gross']:,.2f}")
            .replace("%4", f"{totals['deductions_total']:,.2f}")
            .replace("%5", f"{totals['net']:,.2f}")
        )
        closed = any(m.number for m in result.members)
        self.status.setText(
            self.tr("Periodo %1 cerrado.").replace("%1", result.span.code)
            if closed
            else self.tr("Vista previa de %1: nada se ha guardado.").replace("%1", result.span.code)
        )

    def _warn(self, text: str, target: tuple[str, str, int | None]) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, target)
        self.warnings.addItem(item)

    def fix(self, item: QListWidgetItem | None) -> None:
        """Open the screen that fixes a warning, on the member (and delivery) it names."""
        if item is None or self.open_section is None:
            return
        section, code, delivery = item.data(Qt.ItemDataRole.UserRole)
        screen = self.open_section(section)
        screen.focus_on(code, delivery)  # type: ignore[attr-defined]

    def close_period(self) -> None:
        """Close in the background; warnings are confirmed once; Cancel leaves it open."""
        code = self.period.text().strip()
        db = self.db  # ops run on the worker thread and touch no widget
        count = self.warnings.count()
        if (
            count
            and QMessageBox.question(
                self,
                self.tr("Cerrar con avisos"),
                self.tr(
                    "Hay %1 avisos en la vista previa. ¿Cerrar el periodo de todos modos?"
                ).replace("%1", str(count)),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        early = self._confirm_early(code)
        if early is None:
            return

        def op(context: OpContext) -> CloseResult:
            def progress(_phase: str, done: int, total: int) -> None:
                context.progress(done, total)
                if context.cancelled.is_set():
                    raise Refused("cancelled")  # rolls the whole close back

            return close_period(db, code, progress, before_end=early)

        self._busy(True)
        self.runner.run(
            op,
            self.show_result,
            self._failed,
            label=self.tr("Cerrando el periodo…"),
            parent=self,
            cancellable=True,
        )

    def _confirm_early(self, code: str) -> bool | None:
        """False for a period that has ended; for one that has not, True only when the
        treasurer confirms (the safe answer, No, is the default); None to stop."""
        try:
            end = parse_period(code).end
        except Exception as exc:  # shown in the user's words
            self._failed(exc)
            return None
        if end < date.today():
            return False
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Cerrar antes de tiempo"),
            self.tr(
                "El periodo %1 todavía no termina (termina el %2). Lo que se entregue después "
                "de cerrarlo irá al periodo siguiente como ajuste. ¿Cerrar de todos modos?"
            )
            .replace("%1", code)
            .replace("%2", end.strftime("%d/%m/%Y")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return True if box.exec() == QMessageBox.StandardButton.Yes else None

    def reverse_one_payment(self) -> None:
        """Cancel a payment recorded by mistake: a reversal entry, the settlement unpaid."""
        code = self.period.text().strip()
        member, ok = QInputDialog.getText(
            self, self.tr("Revertir un pago"), self.tr("Código del socio:")
        )
        if not ok or not member.strip():
            return
        reason, ok = QInputDialog.getText(self, self.tr("Revertir un pago"), self.tr("Motivo:"))
        if not ok:
            return
        try:
            number = reverse_payment(self.db, code, member.strip(), reason)
        except Exception as exc:  # shown in the user's words
            self._failed(exc)
            return
        self.status.setText(
            self.tr("Pago de %1 revertido; la liquidación vuelve a estar por pagar.").replace(
                "%1", number
            )
        )

    def reopen(self) -> None:
        code = self.period.text().strip()
        reason, ok = QInputDialog.getText(
            self, self.tr("Reabrir periodo"), self.tr("Motivo para reabrir %1:").replace("%1", code)
        )
        if not ok:
            return
        try:
            count = reopen_period(self.db, code, reason)
        except Exception as exc:  # shown in the user's words
            self._failed(exc)
            return
        self.status.setText(
            self.tr("Periodo %1 reabierto; %2 liquidaciones anuladas.")
            .replace("%1", code)
            .replace("%2", str(count))
        )

    def record_payments(self) -> None:
        code = self.period.text().strip()
        methods = {
            self.tr("Efectivo"): "cash",
            self.tr("Transferencia bancaria"): "bank",
            self.tr("Billetera móvil"): "wallet",
        }
        choice, ok = QInputDialog.getItem(
            self, self.tr("Registrar pagos"), self.tr("Forma de pago:"), list(methods), 0, False
        )
        if not ok:
            return
        try:
            count = pay(self.db, code, methods[choice])
        except Exception as exc:  # shown in the user's words
            self._failed(exc)
            return
        self.status.setText(
            self.tr("%1 liquidaciones marcadas como pagadas.").replace("%1", str(count))
        )

    def _batch_kind(self, title: str) -> str | None:
        kinds = {
            self.tr("Recibos"): "receipts",
            self.tr("Estados de cuenta"): "statements",
            self.tr("Planilla de pago"): "payroll",
        }
        choice, ok = QInputDialog.getItem(self, title, self.tr("Documento:"), list(kinds), 0, False)
        return kinds[choice] if ok else None

    def print_batch(self, kind: str | None = None) -> None:
        """Receipts, statements or the payroll of the period to a printer, built in the
        background (progress, cancel); receipts count as printed only once sent."""
        from ui.batch_print import build_batch, record_batch
        from ui.print_jobs import print_document

        code = self.period.text().strip()
        kind = kind or self._batch_kind(self.tr("Imprimir"))
        if kind is None:
            return
        db = self.db

        def report(text: str) -> None:
            self._busy(False)
            self.status.setText(text)

        self._busy(True)
        self.print_job = print_document(
            self,
            self.runner,
            f"{kind}-{code}",
            lambda context: build_batch(db, code, kind, context),
            lambda batch: record_batch(db, batch),
            report,
        )

    def save_batch(self, target: str | None = None, kind: str | None = None) -> None:
        """Receipts, statements or the payroll of the period into one PDF, in the background."""
        from ui.batch_print import save_batch

        code = self.period.text().strip()
        kind = kind or self._batch_kind(self.tr("Guardar PDF"))
        if kind is None:
            return
        if target is None:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("Guardar PDF"), f"{kind}-{code}.pdf", "PDF (*.pdf)"
            )
            if not target:
                return
        path = Path(target)
        db = self.db

        def done(paths: list[Path]) -> None:
            self._busy(False)
            self.status.setText(self.tr("Guardado en %1").replace("%1", str(paths[0])))

        self._busy(True)
        self.runner.run(
            lambda context: save_batch(db, code, kind, path, context),
            done,
            self._failed,
            label=self.tr("Preparando los documentos…"),
            parent=self,
            cancellable=True,
        )

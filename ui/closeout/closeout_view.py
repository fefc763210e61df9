"""Cierre: preview every settlement with its warnings, close in the background (cancelling
leaves the period open), then print the batch and record payments. The previewed numbers are
the closed numbers: both come from the same computation.

The settlements and the warnings are table models over the result (cells are formatted only
when painted), so a period of 16,000 members shows at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.core.errors import Refused
from coop_desktop.domain.periods import parse_period, period_of
from coop_desktop.domain.settlement import ZERO_SUMMARY
from coop_desktop.services.association import get_association
from coop_desktop.services.closeout.closing import (
    CloseResult,
    MemberClose,
    close_period,
    next_to_close,
    preview_close,
)
from coop_desktop.services.settlements import pay, reopen_period, reverse_payment
from coop_desktop.storage.engine import Database
from ui.common import fmt
from ui.common.changes import follow
from ui.common.confirm import ask
from ui.common.error_text import message
from ui.common.export_dialog import export_button
from ui.common.runner import OpContext, app_runner
from ui.common.tables import Index, RowsModel, tidy
from ui.common.words import QT_TRANSLATE_NOOP

# The settlement's figures under the words every document uses (domain/settlement.py
# SUMMARY_WORDS): the statement, the payroll and the receipt say the same.
COLUMNS = (
    QT_TRANSLATE_NOOP("CloseoutView", "Código"),
    QT_TRANSLATE_NOOP("CloseoutView", "Socio"),
    QT_TRANSLATE_NOOP("CloseoutView", "L"),
    QT_TRANSLATE_NOOP("CloseoutView", "kg"),
    QT_TRANSLATE_NOOP("CloseoutView", "Valor de la leche S/"),
    QT_TRANSLATE_NOOP("CloseoutView", "Abonos S/"),
    QT_TRANSLATE_NOOP("CloseoutView", "Descuentos del periodo S/"),
    QT_TRANSLATE_NOOP("CloseoutView", "Deuda anterior S/"),
    QT_TRANSLATE_NOOP("CloseoutView", "Deuda que pasa S/"),
    QT_TRANSLATE_NOOP("CloseoutView", "Neto a pagar S/"),
    QT_TRANSLATE_NOOP("CloseoutView", "Liquidación"),
)
FIGURES = ("milk", "credits", "deductions", "carried_in", "carried_out", "net")
Target = tuple[str, str, int | None]  # section, member code, delivery


def default_period(db: Database) -> str:
    """The oldest period still open: periods close in order. With nothing open, the period
    before the current one."""
    try:
        return next_to_close(db)
    except Refused:
        association = get_association(db)
        cycle = association.cycle if association else "month"
        return period_of(clock.today(), cycle).previous().code


@dataclass(frozen=True)
class Shown:
    """A close or preview with what Cierre shows of it, built on the worker thread."""

    result: CloseResult
    warnings: list[tuple[str, Target]]
    totals: str


def summarise(result: CloseResult) -> Shown:
    """The warnings (each with the screen that fixes it) and the totals line of a result:
    thread-safe (translations and the formatter only, no widget)."""
    warnings: list[tuple[str, Target]] = []
    for code, delivery, measures in result.missing:
        text = (
            QCoreApplication.translate("CloseoutView", "%1: la entrega %2 no tiene %3")
            if delivery
            else QCoreApplication.translate(
                "CloseoutView", "%1: ninguna muestra del periodo tiene %3"
            )
        )
        warnings.append(
            (
                text.replace("%1", code)
                .replace("%2", str(delivery))
                .replace("%3", ", ".join(measures)),
                ("quality", code, delivery or None),
            )
        )
    for m in result.members:
        if m.milk.rejected_litres:
            warnings.append(
                (
                    QCoreApplication.translate("CloseoutView", "%1: %2 rechazados")
                    .replace("%1", m.code)
                    .replace("%2", fmt.quantity(m.milk.rejected_litres, "L")),
                    ("members", m.code, None),
                )
            )
        if m.calc.carried_out:
            warnings.append(
                (
                    QCoreApplication.translate(
                        "CloseoutView",
                        "%1: los descuentos superan la leche; pasan %2 al periodo siguiente",
                    )
                    .replace("%1", m.code)
                    .replace("%2", fmt.money(m.calc.carried_out)),
                    ("accounts", m.code, None),
                )
            )
    totals = result.totals()
    summary = sum((m.calc.summary for m in result.members), ZERO_SUMMARY)
    line = (
        QCoreApplication.translate(
            "CloseoutView",
            "%1 · %6 L · %2 kg · valor de la leche %3 · descuentos del periodo %4 · "
            "deuda anterior %7 · deuda que pasa %8 · neto a pagar %5",
        )
        .replace(
            "%1",
            fmt.plural(
                totals["members"],
                QCoreApplication.translate("CloseoutView", "socio"),
                QCoreApplication.translate("CloseoutView", "socios"),
            ),
        )
        .replace("%6", fmt.quantity(totals["litres"]))
        .replace("%2", fmt.quantity(totals["kg"]))
        .replace("%3", fmt.money(summary.milk))
        .replace("%4", fmt.money(summary.deductions))
        .replace("%7", fmt.money(summary.carried_in))
        .replace("%8", fmt.money(summary.carried_out))
        .replace("%5", fmt.money(summary.net))
    )
    return Shown(result, warnings, line)


class SettlementsModel(RowsModel):
    """One row per member of the result; amounts right-aligned, formatted when shown."""

    def __init__(self) -> None:
        super().__init__([QCoreApplication.translate("CloseoutView", c) for c in COLUMNS])
        self.rows: list[MemberClose] = []

    def set_rows(self, rows: tuple[MemberClose, ...]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= col <= 9:
            return fmt.RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        m = self.rows[index.row()]
        if col == 0:
            return m.code
        if col == 1:
            return m.name
        if col == 2:
            return fmt.quantity(m.milk.litres)
        if col == 3:
            return fmt.quantity(m.milk.kg)
        if col == 10:
            return m.number or ""
        return fmt.amount(getattr(m.calc.summary, FIGURES[col - 4]))


class WarningsModel(RowsModel):
    """The preview's warnings, each with the screen (and member) that fixes it."""

    def __init__(self) -> None:
        super().__init__([""])
        self.rows: list[tuple[str, Target]] = []

    def set_rows(self, rows: list[tuple[str, Target]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text, target = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.UserRole:
            return target
        return None


class CloseoutView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
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
        for button in (self.print_button, self.save_button):
            button.setToolTip(
                self.tr("Los socios seleccionados en la tabla, o todos si no hay selección")
            )
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
        self.warning_rows = WarningsModel()
        self.warnings = QListView()
        self.warnings.setModel(self.warning_rows)
        self.warnings.setUniformItemSizes(True)
        self.warnings.setMaximumHeight(110)
        self.warnings.setToolTip(self.tr("Doble clic: ir a la pantalla que lo corrige"))
        self.warnings.activated.connect(self.fix)
        self.warnings.doubleClicked.connect(self.fix)
        fix_row = QHBoxLayout()
        fix_row.addWidget(self.warnings, 1)
        self.fix_button = QPushButton(self.tr("Corregir…"))
        self.fix_button.clicked.connect(lambda: self.fix(self.warnings.currentIndex()))
        fix_row.addWidget(self.fix_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(fix_row)
        # set by the main window: open a section by key and return its screen
        self.open_section: Callable[[str], QWidget] | None = None
        self.rows = SettlementsModel()
        self.table = QTableView()
        self.table.setModel(self.rows)
        tidy(self.table, stretch=1)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(30)  # sized from the first rows, not 16,000
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.totals = QLabel()
        layout.addWidget(self.totals)
        self.preview_button.clicked.connect(lambda: self.preview())
        self.close_button.clicked.connect(lambda: self.close_period())
        self.reopen_button.clicked.connect(lambda: self.reopen())
        self.pay_button.clicked.connect(lambda: self.record_payments())
        self.reverse_button.clicked.connect(lambda: self.reverse_one_payment())
        # clicked(bool) must not reach the methods' arguments
        self.print_button.clicked.connect(lambda: self.print_batch())
        self.save_button.clicked.connect(lambda: self.save_batch())
        self.fix_button.setEnabled(False)
        follow(
            self,
            self.runner,
            ("deliveries", "quality", "schemes", "ledger", "periods", "members"),
            self._data_changed,
        )

    # -- running -------------------------------------------------------------------------

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

    def _data_changed(self) -> None:
        """A preview on view is stale once the data changed; a closed period's result is
        what was stored (its own close is one of those changes) and stays."""
        previewed = self.result is not None and not any(m.number for m in self.result.members)
        if previewed and self.preview_button.isEnabled():
            self.status.setText(
                self.tr("Los datos cambiaron después de la vista previa: vuelva a calcularla.")
            )

    def preview(self) -> None:
        code = self.period.text().strip()
        db = self.db  # ops run on the worker thread and touch no widget

        def op(context: OpContext) -> Shown:
            def progress(_phase: str, done: int, total: int) -> None:
                context.progress(done, total)
                if context.cancelled.is_set():
                    raise Refused("cancelled")

            return summarise(preview_close(db, code, progress))

        self._busy(True)
        self.status.setText(self.tr("Calculando…"))
        self.runner.run(
            op,
            self.show_result,
            self._failed,
            label=self.tr("Calculando la vista previa…"),
            parent=self,
            cancellable=True,
        )

    def show_result(self, shown: Shown) -> None:
        """On the GUI thread: only hand the rows to the models and set the texts the worker
        wrote (a 16,000-member period's warnings and totals are built off this thread)."""
        result = shown.result
        self._busy(False)
        self.result = result
        self.rows.set_rows(result.members)
        self.warning_rows.set_rows(shown.warnings)
        self.fix_button.setEnabled(bool(shown.warnings))
        self.totals.setText(shown.totals)
        closed = any(m.number for m in result.members)
        self.status.setText(
            self.tr("Periodo %1 cerrado.").replace("%1", fmt.period(result.span))
            if closed
            else self.tr("Vista previa de %1: nada se ha guardado.").replace(
                "%1", fmt.period(result.span)
            )
        )

    def fix(self, index: QModelIndex) -> None:
        """Open the screen that fixes a warning, on the member (and delivery) it names."""
        if not index.isValid() or self.open_section is None:
            return
        section, code, delivery = index.data(Qt.ItemDataRole.UserRole)
        screen = self.open_section(section)
        screen.focus_on(code, delivery)  # type: ignore[attr-defined]

    def close_period(self) -> None:
        """Close in the background; warnings are confirmed once; Cancel leaves it open."""
        code = self.period.text().strip()
        db = self.db  # ops run on the worker thread and touch no widget
        count = self.warning_rows.rowCount()
        if count and not ask(
            self,
            self.tr("Cerrar con avisos"),
            self.tr("La vista previa tiene %1. ¿Cerrar el periodo de todos modos?").replace(
                "%1", fmt.plural(count, self.tr("aviso"), self.tr("avisos"))
            ),
            self.tr("Cerrar el periodo"),
            self.tr("No cerrar"),
        ):
            return
        early = self._confirm_early(code)
        if early is None:
            return

        def op(context: OpContext) -> Shown:
            def progress(_phase: str, done: int, total: int) -> None:
                context.progress(done, total)
                if context.cancelled.is_set():
                    raise Refused("cancelled")  # rolls the whole close back

            return summarise(close_period(db, code, progress, before_end=early))

        self._busy(True)
        self.runner.run(
            op,
            self.show_result,
            self._failed,
            label=self.tr("Cerrando el periodo…"),
            parent=self,
            cancellable=True,
            changes=("periods", "ledger"),
        )

    def _confirm_early(self, code: str) -> bool | None:
        """False for a period that has ended; for one that has not, True only when the
        treasurer confirms (the safe answer is the default); None to stop."""
        try:
            end = parse_period(code).end
        except Exception as exc:  # shown in the user's words
            self._failed(exc)
            return None
        if end < clock.today():
            return False
        if ask(
            self,
            self.tr("Cerrar antes de tiempo"),
            self.tr(
                "El periodo %1 todavía no termina (termina el %2). Lo que se entregue después "
                "de cerrarlo irá al periodo siguiente como ajuste. ¿Cerrar de todos modos?"
            )
            .replace("%1", fmt.period(code))
            .replace("%2", fmt.day(end)),
            self.tr("Cerrar el periodo"),
            self.tr("No cerrar"),
        ):
            return True
        return None

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
        self.runner.announce("periods", "ledger", source=self)
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
        db = self.db

        def done(count: int) -> None:
            self._busy(False)
            self.status.setText(
                self.tr("Periodo %1 reabierto; %2 anuladas.")
                .replace("%1", code)
                .replace("%2", fmt.plural(count, self.tr("liquidación"), self.tr("liquidaciones")))
            )

        self._busy(True)
        self.runner.run(
            lambda _c: reopen_period(db, code, reason),
            done,
            self._failed,
            label=self.tr("Reabriendo el periodo…"),
            parent=self,
            changes=("periods", "ledger"),
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
        db, method = self.db, methods[choice]

        def done(count: int) -> None:
            self._busy(False)
            self.status.setText(
                self.tr("%1 marcadas como pagadas.").replace(
                    "%1", fmt.plural(count, self.tr("liquidación"), self.tr("liquidaciones"))
                )
            )

        self._busy(True)
        self.runner.run(lambda _c: pay(db, code, method), done, self._failed, changes=("periods",))

    # -- printing ------------------------------------------------------------------------

    def selected_codes(self) -> list[str] | None:
        """The members selected in the table, or None (all of them)."""
        model = self.table.selectionModel()
        rows = sorted({i.row() for i in model.selectedRows()}) if model else []
        return [self.rows.rows[r].code for r in rows] or None

    def _batch_kind(self, title: str, sizes: bool = False) -> tuple[str, str] | None:
        """The document (and, for saving, the receipt size): printing takes the size of the
        printer chosen next (its roll, or A5)."""
        receipts = (
            {
                self.tr("Recibos A5"): ("receipts", "A5"),
                self.tr("Recibos de 80 mm"): ("receipts", "80mm"),
                self.tr("Recibos de 58 mm"): ("receipts", "58mm"),
            }
            if sizes
            else {self.tr("Recibos"): ("receipts", "A5")}
        )
        kinds = {
            **receipts,
            self.tr("Estados de cuenta"): ("statements", "A5"),
            self.tr("Planilla de pago"): ("payroll", "A5"),
        }
        choice, ok = QInputDialog.getItem(self, title, self.tr("Documento:"), list(kinds), 0, False)
        return kinds[choice] if ok else None

    def print_batch(self, kind: str | None = None) -> None:
        """Receipts, statements or the payroll of the period (the selected members, or all)
        to a printer, built in the background (progress, cancel); receipts count as printed
        only once sent. Receipts take the printer's size: its roll, or A5."""
        from ui.closeout.batch_print import build_batch, record_batch
        from ui.printing.print_jobs import print_document

        code = self.period.text().strip()
        if kind is None:
            chosen = self._batch_kind(self.tr("Imprimir"))
            if chosen is None:
                return
            kind = chosen[0]
        db, members, what = self.db, self.selected_codes(), kind

        def report(text: str) -> None:
            self._busy(False)
            self.status.setText(text)

        self._busy(True)
        self.print_job = print_document(
            self,
            self.runner,
            self._file_name(kind, code),
            lambda context, plan: build_batch(
                db, code, what, context, members, plan.roll if plan else None
            ),
            lambda batch: record_batch(db, batch),
            report,
            kind=kind,
        )

    def _file_name(self, kind: str, code: str) -> str:
        """ "recibos-2026-10": the batch's name in the screen's language."""
        names = {
            "receipts": self.tr("recibos"),
            "statements": self.tr("estados"),
            "payroll": self.tr("planilla"),
        }
        return f"{names[kind]}-{code}"

    def save_batch(
        self, target: Path | None = None, kind: str | None = None, size: str = "A5"
    ) -> None:
        """Receipts (A5, 80 or 58 mm), statements or the payroll of the period (the selected
        members, or all) into one PDF, in the background."""
        from ui.closeout.batch_print import save_batch

        code = self.period.text().strip()
        if kind is None:
            picked = self._batch_kind(self.tr("Guardar PDF"), sizes=True)
            if picked is None:
                return
            kind, size = picked
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Guardar PDF"),
                f"{self._file_name(kind, code)}.pdf",
                self.tr("Documentos PDF (*.pdf)"),
            )
            if not chosen:
                return
            target = Path(chosen)
        path, db, members, what = target, self.db, self.selected_codes(), kind

        def done(paths: list[Path]) -> None:
            self._busy(False)
            self.status.setText(self.tr("Guardado en %1").replace("%1", str(paths[0])))

        self._busy(True)
        self.runner.run(
            lambda context: save_batch(db, code, what, path, context, members, size),
            done,
            self._failed,
            label=self.tr("Preparando los documentos…"),
            parent=self,
            cancellable=True,
        )

"""Cierre: preview every settlement with its warnings, close in the background (cancelling
leaves the period open), then print the batch, record payments, reverse one, or reopen. The
previewed numbers are the closed numbers: both come from the same computation.

Money never moves without saying first what will happen: a close names the period, the
members and the total; payments name who is paid (the members selected in the table, or
everyone still unpaid) with each one's net and the total; reopening and reversing ask for the
password on this screen before the work starts on the op runner. After every change — here,
in Documentos, on another PC — a closed period is read again as it is stored."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
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
from coop_desktop.domain.periods import parse_period
from coop_desktop.services.closeout.closing import default_period
from coop_desktop.storage.engine import Database
from ui.closeout.after_close import AfterClose
from ui.closeout.payroll_model import (
    SettlementsModel,
    Shown,
    WarningsModel,
    Words,
    stored,
    summarise,
)
from ui.common import fmt
from ui.common.changes import follow
from ui.common.confirm import ask
from ui.common.error_text import message
from ui.common.export_dialog import export_button
from ui.common.runner import OpContext, app_runner
from ui.common.tables import tidy


def _cancellable(context: OpContext) -> Callable[[str, int, int], None]:
    def progress(_phase: str, done: int, total: int) -> None:
        context.progress(done, total)
        if context.cancelled.is_set():
            raise Refused("cancelled")  # a close rolls back whole

    return progress


class CloseoutView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.shown: Shown | None = None
        self.stale = False  # the data changed after the preview on view
        self.busy = False
        self.loaded_code = ""
        self.note = ""  # what the last change did, said with the period read again
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.period = QLineEdit()
        self.period.setMaximumWidth(140)
        self.preview_button = QPushButton(self.tr("Vista previa"))
        self.close_button = QPushButton(self.tr("Cerrar periodo…"))
        self.reopen_button = QPushButton(self.tr("Reabrir…"))
        self.print_button = QPushButton(self.tr("Imprimir…"))
        self.save_button = QPushButton(self.tr("Guardar PDF…"))
        self.pay_button = QPushButton(self.tr("Registrar pagos…"))
        self.reverse_button = QPushButton(self.tr("Revertir un pago…"))
        for button in (self.print_button, self.save_button, self.pay_button):
            button.setToolTip(
                self.tr("Los socios seleccionados en la tabla, o todos si no hay selección")
            )
        self.print_job: object = None  # the batch being printed (kept alive while it runs)
        self.export_button = export_button(self, db, "payroll", lambda: self.code())
        top.addWidget(QLabel(self.tr("Periodo:")))
        self.buttons = (
            self.preview_button,
            self.close_button,
            self.reopen_button,
            self.print_button,
            self.save_button,
            self.pay_button,
            self.reverse_button,
        )
        for w in (self.period, *self.buttons, self.export_button):
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
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.totals = QLabel()
        layout.addWidget(self.totals)
        # clicked(bool) must not reach the methods' arguments
        self.preview_button.clicked.connect(lambda: self.preview())
        self.close_button.clicked.connect(lambda: self.close_period())
        self.after = AfterClose(self)  # pay, reverse, reopen, print and save
        self.reopen_button.clicked.connect(lambda: self.after.reopen())
        self.pay_button.clicked.connect(lambda: self.after.record_payments())
        self.reverse_button.clicked.connect(lambda: self.after.reverse_one_payment())
        self.print_button.clicked.connect(lambda: self.after.print_batch())
        self.save_button.clicked.connect(lambda: self.after.save_batch())
        self.period.editingFinished.connect(self._period_typed)
        self.fix_button.setEnabled(False)
        self._enable()
        follow(
            self,
            self.runner,
            ("deliveries", "quality", "schemes", "ledger", "periods", "members"),
            self._data_changed,
        )
        self._choose_default()

    # -- state ---------------------------------------------------------------------------

    def code(self) -> str:
        return self.period.text().strip()

    def _choose_default(self) -> None:
        """The oldest open period, read on the worker; then its state."""
        db = self.db
        self.busy = True
        self._enable()
        self.runner.run(lambda _c: default_period(db), self._default_read, self._failed)

    def _default_read(self, code: str) -> None:
        self.busy = False
        if not self.code():
            self.period.setText(code)
        self.load_state()

    def _period_typed(self) -> None:
        if self.code() != self.loaded_code:
            self.load_state()

    def load_state(self) -> None:
        """Read the period as it stands: a closed one's stored settlements; an open one
        keeps its preview (marked stale if the data changed) or asks for one."""
        code, db = self.code(), self.db
        try:
            parse_period(code)
        except Exception as exc:  # said in the user's words
            self._failed(exc)
            return
        from coop_desktop.services.closeout.stored import period_state

        self.busy = True
        self._enable()
        self.runner.run(lambda _c: stored(period_state(db, code)), self._state_read, self._failed)

    def _state_read(self, shown: Shown) -> None:
        self.busy = False
        code = shown.span.code
        same = self.loaded_code == code and self.shown is not None
        self.loaded_code = code
        if shown.closed or not (same and self.shown is not None and self.shown.status == "preview"):
            self.stale = False
            self._show(shown)
        if shown.closed:
            text = self._closed_text(shown)
        elif self.shown is not None and self.shown.status == "preview":
            text = self._preview_text(self.shown)
        else:
            text = self.tr(
                "Periodo %1 abierto: «Vista previa» muestra lo que pagaría su cierre."
            ).replace("%1", fmt.period(code))
        self.status.setText(f"{self.note} {text}" if self.note else text)
        self.note = ""
        self._enable()

    def _show(self, shown: Shown) -> None:
        self.shown = shown
        self.rows.set_rows(shown.rows, shown.places)
        self.warning_rows.set_rows(shown.warnings)
        self.fix_button.setEnabled(bool(shown.warnings))
        self.totals.setText(self._totals_line(shown) if shown.rows else "")

    def _totals_line(self, shown: Shown) -> str:
        """ "8 socios · 1,234.5 L · … · neto S/ 1,000.00"."""
        totals = shown.totals()
        summary = totals["summary"]
        line = (
            self.tr(
                "%1 · %6 L · %2 kg · valor de la leche %3 · descuentos del periodo %4 · "
                "deuda anterior %7 · deuda que pasa %8 · neto a pagar %5"
            )
            .replace("%1", self.tr("%Ln socio(s)", "", totals["members"]))
            .replace("%6", fmt.number(totals["litres"], shown.places[0]))
            .replace("%2", fmt.number(totals["kg"], shown.places[1]))
            .replace("%3", fmt.money(summary.milk))
            .replace("%4", fmt.money(summary.deductions))
            .replace("%7", fmt.money(summary.carried_in))
            .replace("%8", fmt.money(summary.carried_out))
            .replace("%5", fmt.money(summary.net))
        )
        if shown.closed:
            line += " · " + self.tr("%Ln pagada(s)", "", totals["paid"])
        return line

    def _closed_text(self, shown: Shown) -> str:
        text = (
            self.tr("Periodo %1 pagado.")
            if shown.status == "paid"
            else self.tr("Periodo %1 cerrado.")
        )
        return text.replace("%1", fmt.period(shown.span))

    def _preview_text(self, shown: Shown) -> str:
        if self.stale:
            return self.tr("Los datos cambiaron después de la vista previa: vuelva a calcularla.")
        text = self.tr("Vista previa de %1: nada se ha guardado.").replace(
            "%1", fmt.period(shown.span)
        )
        if shown.missing:
            text += " " + self.tr(
                "No se puede cerrar todavía: faltan %Ln análisis (ver avisos).", "", shown.missing
            )
        elif shown.refusal is not None:
            text += " " + message(shown.refusal)
        return text

    def _enable(self) -> None:
        busy = getattr(self, "busy", False)
        shown = self.shown
        closed = shown is not None and shown.closed and shown.span.code == self.code()
        open_ = not closed
        for button, on in (
            (self.preview_button, open_),
            (self.close_button, open_),
            (self.reopen_button, closed),
            (self.print_button, closed),
            (self.save_button, closed),
            (self.pay_button, closed and shown is not None and shown.status != "paid"),
            (self.reverse_button, closed),
        ):
            button.setEnabled(on and not busy)

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        self._enable()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.status.setText(message(error))

    def _data_changed(self) -> None:
        """A closed period is read again as stored; a preview on view is marked stale."""
        if self.shown is not None and self.shown.status == "preview":
            self.stale = True
            self.status.setText(self._preview_text(self.shown))
        if not self.busy:
            self.load_state()

    # -- preview and close ---------------------------------------------------------------

    def preview(self, then: Callable[[Shown], None] | None = None) -> None:
        code = self.code()
        db, words = self.db, Words.current()  # ops touch no widget and nothing of Qt

        def op(context: OpContext) -> Shown:
            from coop_desktop.services.closeout.closing import close_refusal, preview_close

            result = preview_close(db, code, _cancellable(context))
            refusal = close_refusal(db, code, before_end=True)
            return summarise(result, words, refusal)

        def done(shown: Shown) -> None:
            self._busy(False)
            self.loaded_code = shown.span.code
            self.stale = False
            self._show(shown)
            self.status.setText(self._preview_text(shown))
            self._enable()
            if then is not None:
                then(shown)

        self._busy(True)
        self.status.setText(self.tr("Calculando…"))
        self.runner.run(
            op,
            done,
            self._failed,
            label=self.tr("Calculando la vista previa…"),
            parent=self,
            cancellable=True,
        )

    def fix(self, index: QModelIndex) -> None:
        """Open the screen that fixes a warning, on the member (and delivery) it names."""
        if not index.isValid() or self.open_section is None:
            return
        section, code, delivery = index.data(Qt.ItemDataRole.UserRole)
        screen = self.open_section(section)
        screen.focus_on(code, delivery)  # type: ignore[attr-defined]

    def close_period(self) -> None:
        """Always asked first, with the period, its members and its total (from a fresh
        preview, computed now if there is none); a close that would be refused is said
        instead of asked. Cancel in the progress leaves the period open."""
        shown = self.shown
        if (
            shown is None
            or shown.status != "preview"
            or self.stale
            or shown.span.code != self.code()
        ):
            self.preview(then=lambda fresh: self._confirm_close(fresh))
            return
        self._confirm_close(shown)

    def _confirm_close(self, shown: Shown) -> None:
        if shown.missing or shown.refusal is not None or not shown.rows:
            if not shown.rows and not shown.missing and shown.refusal is None:
                self.status.setText(
                    self.tr("El periodo %1 no tiene nada que cerrar.").replace(
                        "%1", fmt.period(shown.span)
                    )
                )
            return  # the preview's text already says why it cannot close
        end = shown.span.end
        early = end >= clock.today()
        totals = shown.totals()
        text = (
            self.tr(
                "¿Cerrar el periodo %1? Se emitirán las liquidaciones de %2: valor de la leche "
                "%3, neto a pagar %4."
            )
            .replace("%1", fmt.period(shown.span))
            .replace("%2", self.tr("%Ln socio(s)", "", totals["members"]))
            .replace("%3", fmt.money(totals["summary"].milk))
            .replace("%4", fmt.money(totals["summary"].net))
        )
        if shown.warnings:
            text += " " + self.tr("La vista previa tiene %Ln aviso(s).", "", len(shown.warnings))
        if early:
            text += " " + self.tr(
                "El periodo todavía no termina (termina el %1): lo que se entregue después "
                "irá al periodo siguiente como ajuste."
            ).replace("%1", fmt.day(end))
        if not ask(
            self,
            self.tr("Cerrar el periodo"),
            text,
            self.tr("Cerrar el periodo"),
            self.tr("No cerrar"),
        ):
            self.status.setText(self.tr("No se cerró el periodo."))
            return
        code, db, words = shown.span.code, self.db, Words.current()

        def op(context: OpContext) -> Shown:
            from coop_desktop.services.closeout.closing import close_period

            return summarise(close_period(db, code, _cancellable(context), before_end=early), words)

        def done(closed: Shown) -> None:
            self._busy(False)
            self.stale = False
            self._show(closed)
            self.status.setText(self._closed_text(closed))
            self._enable()

        self._busy(True)
        self.runner.run(
            op,
            done,
            self._failed,
            label=self.tr("Cerrando el periodo…"),
            parent=self,
            cancellable=True,
        )

"""Cierre after a close: pay the members chosen (or everyone unpaid), reverse a payment,
reopen, and print or save the period's receipts, statements or payroll. Money never moves
without saying first what will happen (`PaymentDialog`); reopening and reversing ask for the
password on the screen before the work starts on the op runner; after each change the period
is read again as stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from ui.common import fmt
from ui.common.password import sensitive_op, typed_password

if TYPE_CHECKING:
    from ui.closeout.closeout_view import CloseoutView


class AfterClose(QObject):
    """What Cierre does with a closed period (the screen's buttons call these)."""

    def __init__(self, view: CloseoutView) -> None:
        super().__init__(view)
        self.view = view

    def _after(self, text: str) -> Callable[[object], None]:
        """When a change is done: say it, and read the period again as stored."""

        def done(_result: object) -> None:
            self.view._busy(False)
            self.view.note = text
            self.view.load_state()

        return done

    def _chosen_rows(self) -> list[int]:
        model = self.view.table.selectionModel()
        return sorted({i.row() for i in model.selectedRows()}) if model else []

    def selected_codes(self) -> list[str] | None:
        """The members selected in the table, or None (all of them)."""
        return [self.view.rows.rows[r].code for r in self._chosen_rows()] or None

    def record_payments(self) -> None:
        """Pay the selected members (or everyone unpaid), once the question naming them,
        each with their net, and the total is answered."""
        from ui.closeout.money_actions import PaymentDialog

        chosen = self._chosen_rows()
        rows = [self.view.rows.rows[r] for r in chosen] if chosen else list(self.view.rows.rows)
        unpaid = [r for r in rows if r.status == "issued"]
        code = self.view.code()
        if not unpaid:
            self.view.status.setText(
                self.tr("Las liquidaciones elegidas ya están pagadas.")
                if chosen
                else self.tr("No hay liquidaciones por pagar en %1.").replace(
                    "%1", fmt.period(code)
                )
            )
            return
        dialog = PaymentDialog(code, unpaid, not chosen, self.view)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        method = str(dialog.method.currentData())
        reference = dialog.reference.text()
        total = dialog.total
        dialog.deleteLater()
        if not accepted:
            self.view.status.setText(self.tr("No se registró ningún pago."))
            return
        db = self.view.db
        members = [r.code for r in unpaid] if chosen else None
        from coop_desktop.services.settlements import pay

        def done(count: int) -> None:
            self._after(
                self.tr("%Ln liquidación(es) pagada(s)", "", count) + " — " + fmt.money(total) + "."
            )(count)

        self.view._busy(True)
        self.view.runner.run(
            lambda _c: pay(db, code, method, reference=reference or None, members=members),
            done,
            self.view._failed,
        )

    def reverse_one_payment(self) -> None:
        """Cancel a payment recorded by mistake (the selected member's, or the code typed):
        a reversal entry, the settlement unpaid again. The reason, then the password, are
        asked before anything runs."""
        from coop_desktop.services.settlements import reverse_payment

        code = self.view.code()
        paid = [
            self.view.rows.rows[r]
            for r in self._chosen_rows()
            if self.view.rows.rows[r].status == "paid"
        ]
        member, ok = QInputDialog.getText(
            self.view,
            self.tr("Revertir un pago"),
            self.tr("Código del socio:"),
            text=paid[0].code if paid else "",
        )
        if not ok or not member.strip():
            return
        reason, ok = QInputDialog.getText(
            self.view, self.tr("Revertir un pago"), self.tr("Motivo:")
        )
        if not ok:
            return
        password = typed_password(self.view.db, "reverse_payment", self.view)
        if password is None:
            return
        db, who = self.view.db, member.strip()

        def done(number: str) -> None:
            self._after(
                self.tr("Pago de %1 revertido; la liquidación vuelve a estar por pagar.").replace(
                    "%1", number
                )
            )(number)

        self.view._busy(True)
        self.view.runner.run(
            sensitive_op(password, lambda: reverse_payment(db, code, who, reason)),
            done,
            self.view._failed,
        )

    def reopen(self) -> None:
        """Reopen with a reason; the password is asked here, then the reopen runs."""
        from coop_desktop.services.settlements import reopen_period

        code = self.view.code()
        reason, ok = QInputDialog.getText(
            self.view,
            self.tr("Reabrir periodo"),
            self.tr("Motivo para reabrir %1:").replace("%1", fmt.period(code)),
        )
        if not ok:
            return
        password = typed_password(self.view.db, "reopen", self.view)
        if password is None:
            return
        db = self.view.db

        def done(count: int) -> None:
            self.view.shown = None  # nothing stored any more: a preview is the next step
            self._after(
                self.tr("Periodo %1 reabierto; %2.")
                .replace("%1", fmt.period(code))
                .replace("%2", self.tr("%Ln liquidación(es) anulada(s)", "", count))
            )(count)

        self.view._busy(True)
        self.view.runner.run(
            sensitive_op(password, lambda: reopen_period(db, code, reason)),
            done,
            self.view._failed,
            label=self.tr("Reabriendo el periodo…"),
            parent=self.view,
        )

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
        choice, ok = QInputDialog.getItem(
            self.view, title, self.tr("Documento:"), list(kinds), 0, False
        )
        return kinds[choice] if ok else None

    def print_batch(self) -> None:
        """Receipts, statements or the payroll of the period (the selected members, or all)
        to a printer, built in the background (progress, cancel); receipts count as printed
        only once sent. Receipts take the printer's size: its roll, or A5."""
        from ui.closeout.batch_print import build_batch, record_batch
        from ui.printing.print_jobs import print_document

        code = self.view.code()
        chosen = self._batch_kind(self.tr("Imprimir"))
        if chosen is None:
            return
        kind = chosen[0]
        db, members = self.view.db, self.selected_codes()

        def report(text: str) -> None:
            self.view._busy(False)
            self.view.status.setText(text)

        self.view._busy(True)
        self.view.print_job = print_document(
            self.view,
            self.view.runner,
            self._file_name(kind, code),
            lambda context, plan: build_batch(
                db, code, kind, context, members, plan.roll if plan else None
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

    def save_batch(self) -> None:
        """Receipts (A5, 80 or 58 mm), statements or the payroll of the period (the selected
        members, or all) into one PDF, in the background."""
        code = self.view.code()
        picked = self._batch_kind(self.tr("Guardar PDF"), sizes=True)
        if picked is None:
            return
        kind, size = picked
        chosen, _ = QFileDialog.getSaveFileName(
            self.view,
            self.tr("Guardar PDF"),
            f"{self._file_name(kind, code)}.pdf",
            self.tr("Documentos PDF (*.pdf)"),
        )
        if chosen:
            self.save_batch_to(Path(chosen), kind, size)

    def save_batch_to(self, path: Path, kind: str, size: str = "A5") -> None:
        from ui.closeout.batch_print import save_batch

        code, db, members = self.view.code(), self.view.db, self.selected_codes()

        def done(paths: list[Path]) -> None:
            self.view._busy(False)
            self.view.status.setText(self.tr("Guardado en %1").replace("%1", str(paths[0])))

        self.view._busy(True)
        self.view.runner.run(
            lambda context: save_batch(db, code, kind, path, context, members, size),
            done,
            self.view._failed,
            label=self.tr("Preparando los documentos…"),
            parent=self.view,
            cancellable=True,
        )

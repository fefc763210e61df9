"""Documentos: preview any document in the app (QtPdf), print it through the print dialog (a
ticket goes straight to the ticket printer), save it as PDF, and void a receipt with a reason.

The preview is built without counting as a print; printing and saving build the document
again and record it once it was sent or saved, so a reprint comes out marked COPIA.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError
from coop_desktop.services.closeout.closing import default_period
from coop_desktop.services.printouts import Printout, delivery_number, record_printout, render
from coop_desktop.services.settlements import void_receipt
from coop_desktop.storage.engine import Database
from ui.common import dates
from ui.common.error_text import message
from ui.common.member_lookup import MemberField, shared_index
from ui.common.password import sensitive_op, typed_password
from ui.common.runner import app_runner
from ui.printing.pdf_print import pdf_buffer, save_pdf


class DocumentsView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.printout: Printout | None = None
        self.print_job: object = None  # the print under way (kept alive while it runs)
        self.notice = ""  # said once, with the next preview
        # One document for the viewer, loaded again for each preview: replacing the viewer's
        # document object on every preview deadlocked inside QPdfView.setDocument.
        self.document = QPdfDocument(self)
        self.buffer: QBuffer | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.kind = QComboBox()
        for kind, text in (
            ("receipt", self.tr("Liquidación (recibo)")),
            ("statement", self.tr("Estado de cuenta")),
            ("payroll", self.tr("Planilla de pago")),
            ("ticket", self.tr("Ticket de entrega")),
            ("collection", self.tr("Parte diario de acopio")),
            ("advance", self.tr("Recibo de adelanto")),
        ):
            self.kind.addItem(text, kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.key_label = QLabel()
        self.key = QLineEdit()
        self.day = dates.DateField()  # the day of a collection report
        self.day.edit.returnPressed.connect(self.preview)
        self.period_code = ""  # the oldest open period, read on the worker
        self.member_label = QLabel(self.tr("Socio:"))
        self.receipt_size_label = QLabel(self.tr("Tamaño:"))
        self.receipt_size = QComboBox()  # what a receipt is previewed and saved at; a printer
        for size, text in (("A5", "A5"), ("80mm", "80 mm"), ("58mm", "58 mm")):  # takes its own
            self.receipt_size.addItem(text, size)
        self.receipt_size.setToolTip(
            self.tr("Al imprimir, el recibo toma el tamaño de la impresora: su rollo, o A5")
        )
        self.index = shared_index(db)
        self.member = MemberField(self.index)
        self.preview_button = QPushButton(self.tr("Vista previa"))
        self.preview_button.clicked.connect(self.preview)
        self.key.returnPressed.connect(self.preview)
        self.member.returnPressed.connect(self.preview)
        for w in (self.kind, self.key_label, self.key, self.day, self.member_label):
            row.addWidget(w)
        row.addWidget(self.member, 1)
        row.addWidget(self.receipt_size_label)
        row.addWidget(self.receipt_size)
        row.addWidget(self.preview_button)
        layout.addLayout(row)
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        layout.addWidget(self.view, 1)
        actions = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Imprimir…"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.tr("Guardar PDF…"))
        self.save_button.clicked.connect(self.save_document)
        self.void_button = QPushButton(self.tr("Anular recibo…"))
        self.void_button.clicked.connect(self.void)
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions.addWidget(self.status, 1)
        for b in (self.void_button, self.save_button, self.print_button):
            actions.addWidget(b)
        layout.addLayout(actions)
        self._kind_changed()
        db = self.db
        self.runner.run(lambda _c: default_period(db), self._period_read, lambda _e: None)

    def _period_read(self, code: str) -> None:
        self.period_code = code
        if self.kind.currentData() in ("receipt", "statement", "payroll") and not self.key.text():
            self.key.setText(code)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        labels = {
            "ticket": self.tr("Entrega N.º:"),
            "collection": self.tr("Día:"),
            "advance": self.tr("Recibo N.º:"),
        }
        self.key_label.setText(labels.get(kind, self.tr("Periodo:")))
        self.key.setVisible(kind != "collection")
        self.day.setVisible(kind == "collection")
        if kind in ("ticket", "advance"):
            self.key.clear()
        elif kind != "collection":
            self.key.setText(self.period_code)
        needs_member = kind in ("receipt", "statement")
        self.member.setVisible(needs_member)
        self.member_label.setVisible(needs_member)
        self.receipt_size.setVisible(kind == "receipt")
        self.receipt_size_label.setVisible(kind == "receipt")
        self._show(None)

    def _request(self) -> tuple[str, str, str]:
        """(kind, key, member code); the member may be typed by code or by name."""
        typed = self.member.text().strip()
        member = ""
        kind = str(self.kind.currentData())
        if typed and kind in ("receipt", "statement"):
            member = self.index.resolve(typed).code  # refuses unknown or ambiguous names
        key = dates.pydate(self.day).isoformat() if kind == "collection" else self.key.text()
        return kind, key, member

    def preview(self) -> None:
        try:
            request = self._request()
        except CoopError as exc:
            self._failed(exc)
            return
        db, (kind, key, member), size = self.db, request, str(self.receipt_size.currentData())
        self.status.setText(self.tr("Preparando el documento…"))
        self.runner.run(
            lambda _c: render(db, kind, key, member, receipt_size=size),
            self._show,
            self._failed,
            label=self.tr("Preparando el documento…"),
            parent=self,
        )

    def _failed(self, error: BaseException) -> None:
        self._show(None)
        self.status.setText(message(error))

    def _show(self, printout: Printout | None) -> None:
        self.printout = printout
        self.document.close()
        if self.buffer is not None:
            self.buffer.close()
            self.buffer.deleteLater()
            self.buffer = None
        if printout is not None:
            self.buffer = pdf_buffer(printout.pdf, self)
            self.document.load(self.buffer)
        for b in (self.print_button, self.save_button):
            b.setEnabled(printout is not None)
        self.void_button.setEnabled(
            printout is not None and printout.kind == "receipt" and printout.mark != "ANULADO"
        )
        if printout is not None:
            pages = self.document.pageCount()
            mark = f" — {printout.mark}" if printout.mark else ""
            shown = (
                self.tr("%1: %Ln página(s)%3", "", pages)
                .replace("%1", printout.title)
                .replace("%3", mark)
            )
            notes = " ".join(printout.notes())  # e.g. the association has no RUC
            self.status.setText(f"{self.notice} {shown} {notes}".strip())
            self.notice = ""
        else:
            self.status.setText("")

    def print_document(self) -> None:
        """Tickets go straight to the configured ticket printer; everything else (and a
        ticket when none is configured) to the printer chosen, at the document's own size.
        The print is recorded (the next one is a COPIA) only once it was sent."""
        from ui.printing.print_jobs import print_document
        from ui.printing.ticket_printer import print_delivery_ticket, ticket_settings

        try:
            db, (kind, key, member) = self.db, self._request()
            if kind == "ticket" and ticket_settings().configured:
                where = print_delivery_ticket(self, db, delivery_number(key))
                if where is None:
                    self.status.setText(self.tr("No se imprimió el ticket."))
                    return
                saved = where.lower().endswith(".pdf")  # Guardar PDF… instead of printing
                said = self.tr("Guardado en %1") if saved else self.tr("Ticket enviado a %1.")
                self.status.setText(said.replace("%1", where))
                self._refresh_mark()
                return
        except CoopError as exc:
            self.status.setText(message(exc))
            return

        def sent(printout: Printout) -> None:
            record_printout(db, printout)
            self._refresh_mark()

        size = str(self.receipt_size.currentData())
        self.print_job = print_document(
            self,
            self.runner,
            self.file_name(self.printout) if self.printout else kind,
            lambda _c, plan: render(
                db,
                kind,
                key,
                member,
                receipt_size=size,
                roll=plan.roll if plan is not None else None,
            ),
            sent,
            self.status.setText,
            kind=kind,
        )

    def _refresh_mark(self) -> None:
        """After a print the preview is stale: the next print of it says COPIA."""
        if self.printout is not None and self.printout.printed_as is not None:
            self.notice = self.status.text()
            self.preview()

    def file_name(self, printout: Printout) -> str:
        """The document's suggested file name in the screen's language ("estado-2026-10-
        S0001" / "statement-2026-10-S0001")."""
        words = {  # the prefix the title has, and the screen's word for it
            "receipt": ("", self.tr("liquidacion")),
            "statement": ("estado-", self.tr("estado")),
            "payroll": ("planilla-", self.tr("planilla")),
            "ticket": ("ticket-", self.tr("ticket")),
            "collection": ("acopio-", self.tr("acopio")),
            "advance": ("adelanto-", self.tr("adelanto")),
        }
        prefix, word = words.get(printout.kind, ("", ""))
        rest = printout.title.removeprefix(prefix)
        return f"{word}-{rest}" if word else printout.title

    def save_document(self) -> None:
        """Build the document on the op runner, then ask where to save it."""
        try:
            db, (kind, key, member) = self.db, self._request()
            size = str(self.receipt_size.currentData())
        except CoopError as exc:
            self.status.setText(message(exc))
            return

        def built(printout: Printout) -> None:
            saved = save_pdf(self, printout.pdf, self.file_name(printout))
            if saved is not None:
                self.runner.run(
                    lambda _c: record_printout(db, printout), lambda _r: None, self._failed
                )
                self.status.setText(self.tr("Guardado en %1").replace("%1", str(saved)))

        self.runner.run(
            lambda _c: render(db, kind, key, member, receipt_size=size),
            lambda printout: QTimer.singleShot(0, lambda: built(printout)),
            lambda e: self.status.setText(message(e)),
            label=self.tr("Preparando el documento…"),
            parent=self,
        )

    def void(self) -> None:
        """Void the receipt on view with a reason; the password is asked here, then the
        void (and its replacement under the next number) runs on the op runner."""
        if self.printout is None or not self.printout.number:
            return
        number = self.printout.number
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Anular recibo"),
            self.tr(
                "Motivo para anular %1 (se emite uno nuevo con los mismos montos y el "
                "siguiente número):"
            ).replace("%1", number),
        )
        if not ok:
            return
        password = typed_password(self.db, "void", self)
        if password is None:
            return
        db = self.db

        def done(new: str) -> None:
            self.notice = (
                self.tr("%1 anulado; se emitió %2.").replace("%1", number).replace("%2", new)
            )
            self.preview()

        self.runner.run(
            sensitive_op(password, lambda: void_receipt(db, number, reason)),
            done,
            lambda e: self.status.setText(message(e)),  # the receipt stays on view
        )

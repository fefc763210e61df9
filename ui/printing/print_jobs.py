"""Printing as the user meets it: choose the printer, send, and when it fails say so in plain
words with Reintentar / Guardar PDF / Elegir otra. A print is recorded (the next one comes out
COPIA) only when it was sent or saved.

Documents and batches are built in the op runner (progress, cancel; the window stays alive);
on CUPS the finished PDF is sent from the worker too. On Windows the pages are drawn through
QPrinter on the GUI thread, one at a time, with the progress dialog kept alive between pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QInputDialog, QMessageBox, QProgressDialog, QWidget

from coop_desktop.errors import CoopError, Refused
from coop_desktop.storage.engine import Database
from ui.common.error_text import message
from ui.common.runner import OpContext, OpRunner
from ui.printing.pdf_print import print_to, save_pdf, send_pdf
from ui.printing.printers import (
    Paper,
    PrintFailed,
    check_printer,
    paper_of,
    printer_names,
    uses_cups,
)

translate = QCoreApplication.translate
RETRY, SAVE, OTHER, CANCEL = "retry", "save", "other", "cancel"


def document_printer() -> str:
    from ui.main_window import ui_settings

    return str(ui_settings().value("printing/document_printer", "") or "")


def ask_after_failure(parent: QWidget | None, error: PrintFailed, can_save: bool = True) -> str:
    """The failure in words, and what to do: RETRY, SAVE, OTHER or CANCEL."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("PrintJobs", "No se imprimió"))
    box.setText(message(error))
    buttons = {
        box.addButton(
            translate("PrintJobs", "Reintentar"), QMessageBox.ButtonRole.AcceptRole
        ): RETRY,
        box.addButton(
            translate("PrintJobs", "Elegir otra…"), QMessageBox.ButtonRole.ActionRole
        ): OTHER,
    }
    if can_save:
        buttons[
            box.addButton(translate("PrintJobs", "Guardar PDF…"), QMessageBox.ButtonRole.ActionRole)
        ] = SAVE
    cancel = box.addButton(translate("PrintJobs", "Cancelar"), QMessageBox.ButtonRole.RejectRole)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return str(buttons.get(clicked, CANCEL))  # type: ignore[call-overload]


def choose_printer(parent: QWidget | None, preferred: str = "") -> str | None:
    """One of the installed printers (the preferred one, else the default, first); None
    when the user cancels or there is none."""
    names = printer_names()
    if not names:
        QMessageBox.information(
            parent,
            translate("PrintJobs", "Sin impresora"),
            translate("PrintJobs", "No hay ninguna impresora instalada en esta PC."),
        )
        return None
    first = preferred if preferred in names else QPrinterInfo.defaultPrinterName()
    current = names.index(first) if first in names else 0
    name, ok = QInputDialog.getItem(
        parent,
        translate("PrintJobs", "Imprimir"),
        translate("PrintJobs", "Impresora:"),
        names,
        current,
        False,
    )
    return name if ok and name else None


class PrintWords(QObject):
    """Texts with a count (Qt's plural forms are found on `self.tr`)."""

    def sent(self, pages: int, printer: str) -> str:
        return self.tr("%Ln página(s) enviada(s) a %1.", "", pages).replace("%1", printer)


def sent_text(pages: int, printer: str) -> str:
    return PrintWords().sent(pages, printer)


def saved_text(path: object) -> str:
    return translate("PrintJobs", "Guardado en %1").replace("%1", str(path))


class DocumentPrint:
    """One document or a batch to a printer. `build` runs on the worker and returns an object
    with `.pdf` (or the bytes); `on_sent(built)` runs on the GUI thread once the job was sent
    or saved, to record it; `report(text)` says what happened."""

    def __init__(
        self,
        parent: QWidget,
        runner: OpRunner,
        title: str,
        build: Callable[[OpContext], Any],
        on_sent: Callable[[Any], None],
        report: Callable[[str], None],
        label: str = "",
    ) -> None:
        self.parent, self.runner, self.title = parent, runner, title
        self.build, self.on_sent, self.report = build, on_sent, report
        self.label = label or translate("PrintJobs", "Preparando los documentos…")
        self.built: Any = None

    def _title(self) -> str:
        built = self.built
        return self.title if isinstance(built, bytes) else str(getattr(built, "title", self.title))

    def _pdf(self) -> bytes:
        return self.built if isinstance(self.built, bytes) else bytes(self.built.pdf)

    def start(self, printer: str) -> None:
        try:
            check_printer(printer)
        except PrintFailed as exc:
            self._failed(exc, printer)
            return
        paper = paper_of(printer)
        known, build, title = self.built, self.build, self.title
        cups_path = uses_cups()

        def op(context: OpContext) -> tuple[Any, int, BaseException | None]:
            built = known if known is not None else build(context)
            if context.cancelled.is_set():
                raise Refused("cancelled")
            if not cups_path:
                return built, 0, None
            pdf = built if isinstance(built, bytes) else built.pdf
            name = title if isinstance(built, bytes) else getattr(built, "title", title)
            try:
                return built, send_pdf(printer, pdf, name, paper), None
            except PrintFailed as exc:
                return built, 0, exc

        def done(result: tuple[Any, int, BaseException | None]) -> None:
            self.built, pages, error = result
            if isinstance(error, PrintFailed):
                self._failed(error, printer)
            elif cups_path:
                self._sent(pages, printer)
            else:
                self._draw(printer, paper)

        self.runner.run(
            op, done, self._error, label=self.label, parent=self.parent, cancellable=True
        )

    def _draw(self, name: str, paper: Paper) -> None:
        """The QPrinter path: page by page on the GUI thread, the progress dialog alive."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(name)
        printer.setDocName(self._title())
        if printer.printerName() != name:
            self._failed(PrintFailed("print_missing", name), name)
            return
        dialog = QProgressDialog(
            translate("PrintJobs", "Imprimiendo…"),
            translate("PrintJobs", "Cancelar"),
            0,
            0,
            self.parent,
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)

        def progress(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            QCoreApplication.processEvents()

        try:
            pages = print_to(printer, self._pdf(), paper, progress, dialog.wasCanceled)
        except PrintFailed as exc:
            self._failed(exc, name)
            return
        finally:
            cancelled = dialog.wasCanceled()
            dialog.reset()
            dialog.deleteLater()
        if cancelled:
            self.report(translate("PrintJobs", "Impresión cancelada; no se registró."))
            return
        self._sent(pages, name)

    def _sent(self, pages: int, printer: str) -> None:
        self.report(sent_text(pages, printer))
        self.on_sent(self.built)

    def _error(self, error: BaseException) -> None:
        if isinstance(error, PrintFailed):
            self._failed(error, error.printer)
        else:
            self.report(message(error))

    def _failed(self, error: PrintFailed, printer: str) -> None:
        self.report(message(error))
        choice = ask_after_failure(self.parent, error)
        if choice == RETRY:
            self.start(printer)
        elif choice == OTHER:
            other = choose_printer(self.parent, printer)
            if other:
                self.start(other)
        elif choice == SAVE:
            self.save()

    def save(self) -> None:
        """Build if needed, then offer to save the PDF (a saved document counts as printed)."""
        if self.built is None:
            build = self.build

            def keep(built: Any) -> None:
                self.built = built
                self.save()

            self.runner.run(build, keep, self._error, label=self.label, parent=self.parent)
            return
        path = save_pdf(self.parent, self._pdf(), self._title())
        if path is None:  # the file dialog was cancelled: said, and the screen is free again
            self.report(translate("PrintJobs", "No se imprimió."))
            return
        self.report(saved_text(path))
        self.on_sent(self.built)


def print_document(
    parent: QWidget,
    runner: OpRunner,
    title: str,
    build: Callable[[OpContext], Any],
    on_sent: Callable[[Any], None],
    report: Callable[[str], None],
    label: str = "",
) -> DocumentPrint | None:
    """Ask which printer (the document printer of Configuración first), then print; with
    no printer installed, offer to save the PDF."""
    job = DocumentPrint(parent, runner, title, build, on_sent, report, label)
    if not printer_names():
        from ui.common.confirm import ask

        if ask(  # the safe answer is the default; typing begun before it is ignored
            parent,
            translate("PrintJobs", "Sin impresora"),
            translate(
                "PrintJobs",
                "No hay ninguna impresora instalada. ¿Guardar el documento como PDF?",
            ),
            translate("PrintJobs", "Guardar PDF…"),
            translate("PrintJobs", "No guardar"),
        ):
            job.save()
            return job
        report(translate("PrintJobs", "No se imprimió."))
        return None
    printer = choose_printer(parent, document_printer())
    if printer is None:
        report(translate("PrintJobs", "No se imprimió."))
        return None
    job.start(printer)
    return job


def print_ticket_now(
    parent: QWidget | None,
    send: Callable[[str], str],
    printer: str,
    save: Callable[[], bytes] | None = None,
    title: str = "ticket",
) -> str | None:
    """Send a ticket now (it is small); on failure ask what to do. Returns where it went
    (a printer or a saved file), or None when nothing was printed."""
    while True:
        try:
            return send(printer)
        except PrintFailed as exc:
            choice = ask_after_failure(parent, exc, can_save=save is not None)
        except CoopError:
            raise
        if choice == RETRY:
            continue
        if choice == OTHER:
            other = choose_printer(parent, printer)
            if other is None:
                return None
            printer = other
            continue
        if choice == SAVE and save is not None and parent is not None:
            path = save_pdf(parent, save(), title)
            return str(path) if path is not None else None
        return None


def print_delivery_ticket(
    parent: QWidget | None, db: Database, delivery_id: int, pdf_file: str | None = None
) -> str | None:
    """The ticket of a delivery on the ticket printer of Configuración (or into `pdf_file`),
    asking what to do when it fails; recorded only once sent. Returns where it went, None
    when nothing was printed or no ticket printer is configured."""
    from coop_desktop.documents.ticket import TicketRenderer
    from coop_desktop.services.document_data import record_prints, ticket
    from ui.printing.ticket_printer import print_ticket, ticket_settings

    settings = ticket_settings()
    if not settings.configured and pdf_file is None:
        return None
    doc = ticket(db, delivery_id, record=False)
    if pdf_file is not None:
        where: str | None = print_ticket(doc, settings.printer, settings.width, pdf_file)
    else:

        def send(name: str) -> str:
            raw = settings.escpos and name == settings.printer
            return print_ticket(
                doc, name, settings.width, escpos=raw, port=settings.port if raw else ""
            )

        where = print_ticket_now(
            parent,
            send,
            settings.printer,
            save=lambda: TicketRenderer(settings.width).render(doc),
            title=f"ticket-{doc.number}",
        )
    if where is not None:
        record_prints(db, "ticket", [str(delivery_id)])
    return where

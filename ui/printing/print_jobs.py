"""Printing as the user meets it: choose the printer (each one labelled with what it prints
of the document: the 80 mm, 58 mm or A5 receipt), send, and when it fails say so in plain
words with Reintentar / Guardar PDF / Elegir otra. A print is recorded (the next one comes
out COPIA) only when it was sent or saved.

The layout is chosen for the printer before the document is built (ui/printing/dispatch.py):
a roll printer gets the roll receipt, and a document that needs sheets is refused in words.
Documents and batches are built in the op runner (progress, cancel; the window stays alive);
on CUPS the finished PDF is sent from the worker too. On Windows the pages are drawn through
QPrinter on the GUI thread, where Qt allows it: a stepped op of the same runner
(`OpRunner.run_steps`), one page a step, with the runner's progress dialog and Cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from coop_desktop.core.errors import CoopError, Refused
from coop_desktop.printing.failures import PrintFailed
from coop_desktop.printing.plan import Plan, receipt_size_of
from ui.common.error_text import message
from ui.common.runner import OpContext, OpRunner
from ui.printing.dispatch import Ready, build_and_place, deliver, drawing_steps, prepare
from ui.printing.pdf_print import save_pdf
from ui.printing.printers import paper_of, printer_names, uses_cups

translate = QCoreApplication.translate
RETRY, SAVE, OTHER, CANCEL = "retry", "save", "other", "cancel"


def document_printer() -> str:
    from ui.common import settings

    return settings.DOCUMENT_PRINTER.get()


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


def printer_label(name: str, kind: str) -> str:
    """ "Termica-80 — recibo de 80 mm": what `name` prints of a document of `kind` (only
    receipts differ from printer to printer)."""
    if kind not in ("receipt", "receipts"):
        return name
    try:
        paper = paper_of(name)
    except CoopError:
        return name
    if not paper.known:  # a raw queue: it names no paper, so no receipt size either
        return name
    size = receipt_size_of(paper)
    shown = (
        translate("PrintJobs", "recibo A5")
        if size == "A5"
        else (translate("PrintJobs", "recibo de %1").replace("%1", size.replace("mm", " mm")))
    )
    return f"{name} — {shown}"


def choose_printer(parent: QWidget | None, preferred: str = "", kind: str = "") -> str | None:
    """One of the installed printers (the preferred one, else the default, first), each
    labelled with what it prints of `kind`; None when the user cancels or there is none."""
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
    labels = [printer_label(n, kind) for n in names]
    label, ok = QInputDialog.getItem(
        parent,
        translate("PrintJobs", "Imprimir"),
        translate("PrintJobs", "Impresora:"),
        labels,
        current,
        False,
    )
    return names[labels.index(label)] if ok and label in labels else None


class PrintWords(QObject):
    """Texts with a count (Qt's plural forms are found on `self.tr`)."""

    def sent(self, pages: int, printer: str) -> str:
        return self.tr("%Ln página(s) enviada(s) a %1.", "", pages).replace("%1", printer)


def sent_text(pages: int, printer: str) -> str:
    return PrintWords().sent(pages, printer)


def saved_text(path: object) -> str:
    return translate("PrintJobs", "Guardado en %1").replace("%1", str(path))


class DocumentPrint:
    """One document or a batch to a printer. `build(context, plan)` runs on the worker and
    returns an object with `.pdf` (or the bytes), laid out for the printer's plan (None:
    saving a file, the document's own layout); `on_sent(built)` runs on the GUI thread once
    the job was sent or saved, to record it; `report(text)` says what happened. `kind` is
    the document's ("receipts", "statement"…): it decides the layout on each printer."""

    def __init__(
        self,
        parent: QWidget,
        runner: OpRunner,
        title: str,
        build: Callable[[OpContext, Plan | None], Any],
        on_sent: Callable[[Any], None],
        report: Callable[[str], None],
        label: str = "",
        kind: str = "",
    ) -> None:
        self.parent, self.runner, self.title = parent, runner, title
        self.build, self.on_sent, self.report = build, on_sent, report
        self.label = label or translate("PrintJobs", "Preparando los documentos…")
        self.kind = kind
        self.built: Any = None
        self.layout: object = "none"  # the roll area `built` was laid out for

    def _title(self) -> str:
        built = self.built
        return self.title if isinstance(built, bytes) else str(getattr(built, "title", self.title))

    def _pdf(self) -> bytes:
        return self.built if isinstance(self.built, bytes) else bytes(self.built.pdf)

    def start(self, printer: str) -> None:
        try:
            chosen = prepare(printer, self.kind)
        except PrintFailed as exc:
            self._failed(exc, printer)
            return
        known = self.built if self.layout == chosen.roll else None
        build, title = self.build, self.title
        cups_path = uses_cups()

        def op(context: OpContext) -> tuple[Any, Ready | None, int, BaseException | None]:
            built = known if known is not None else build(context, chosen)
            if context.cancelled.is_set():
                raise Refused("cancelled")
            pdf = built if isinstance(built, bytes) else built.pdf
            name = title if isinstance(built, bytes) else getattr(built, "title", title)
            try:
                ready = build_and_place(chosen, pdf, name)
                return built, ready, deliver(ready) if cups_path else 0, None
            except PrintFailed as exc:
                return built, None, 0, exc

        def done(result: tuple[Any, Ready | None, int, BaseException | None]) -> None:
            self.built, ready, pages, error = result
            self.layout = chosen.roll
            if isinstance(error, PrintFailed):
                self._failed(error, printer)
            elif cups_path:
                self._sent(pages, printer)
            elif ready is not None:
                self._draw(ready)

        self.runner.run(
            op, done, self._error, label=self.label, parent=self.parent, cancellable=True
        )

    def _draw(self, ready: Ready) -> None:
        """The QPrinter path: a page a step on the GUI thread, through the op runner."""
        name = ready.plan.printer

        def op(context: OpContext) -> Generator[tuple[int, int], None, tuple[int, bool]]:
            pages = yield from drawing_steps(ready, context.cancelled.is_set)
            return pages, context.cancelled.is_set()

        def done(result: tuple[int, bool]) -> None:
            pages, cancelled = result
            if cancelled:
                self.report(translate("PrintJobs", "Impresión cancelada; no se registró."))
            else:
                self._sent(pages, name)

        self.runner.run_steps(
            op,
            done,
            self._error,
            label=translate("PrintJobs", "Imprimiendo…"),
            parent=self.parent,
            cancellable=True,
        )

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
            other = choose_printer(self.parent, printer, self.kind)
            if other:
                self.start(other)
        elif choice == SAVE:
            self.save()

    def save(self) -> None:
        """Build if needed, then offer to save the PDF (a saved document counts as printed):
        what was built for a printer is saved as it is; otherwise its own layout."""
        if self.built is None:
            build = self.build

            def keep(built: Any) -> None:
                self.built, self.layout = built, None
                self.save()

            self.runner.run(
                lambda context: build(context, None),
                keep,
                self._error,
                label=self.label,
                parent=self.parent,
            )
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
    build: Callable[[OpContext, Plan | None], Any],
    on_sent: Callable[[Any], None],
    report: Callable[[str], None],
    label: str = "",
    kind: str = "",
) -> DocumentPrint | None:
    """Ask which printer (the document printer of Configuración first), then print; with
    no printer installed, offer to save the PDF."""
    job = DocumentPrint(parent, runner, title, build, on_sent, report, label, kind)
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
    printer = choose_printer(parent, document_printer(), kind)
    if printer is None:
        report(translate("PrintJobs", "No se imprimió."))
        return None
    job.start(printer)
    return job

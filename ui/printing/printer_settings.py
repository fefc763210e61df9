"""Configuración → Impresoras: the ticket printer (with a driver, or a receipt printer fed
ESC/POS through its raw queue, a network port or a device), the roll width, the document
printer, and a test print for each. UI settings of this PC (QSettings)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError
from coop_desktop.documents.escpos import trial_page
from ui.common import settings
from ui.common.error_text import message
from ui.common.runner import app_runner
from ui.printing.printers import printer_names


class PrinterSettings(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Impresoras"), parent)
        self.runner = app_runner()
        self.print_job: object = None
        installed = printer_names()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.printer = self._printer_combo(
            installed, settings.TICKET_PRINTER, self.tr("(no imprimir tickets al guardar)")
        )
        form.addRow(self.tr("Impresora de tickets:"), self.printer)
        self.ticket_width = QComboBox()
        self.ticket_width.addItem("80 mm", 80)
        self.ticket_width.addItem("58 mm", 58)
        width = settings.TICKET_WIDTH.get()
        self.ticket_width.setCurrentIndex(max(0, self.ticket_width.findData(width)))
        form.addRow(self.tr("Ancho del ticket:"), self.ticket_width)
        self.ticket_kind = QComboBox()
        self.ticket_kind.addItem(self.tr("Con su controlador (Windows o CUPS)"), "driver")
        self.ticket_kind.addItem(
            self.tr("Impresora de recibos ESC/POS (sin controlador)"), "escpos"
        )
        kind = settings.TICKET_KIND.get()
        self.ticket_kind.setCurrentIndex(max(0, self.ticket_kind.findData(kind)))
        form.addRow(self.tr("Tipo de impresora de tickets:"), self.ticket_kind)
        self.port = QLineEdit(settings.RECEIPT_PORT.get())
        self.port.setPlaceholderText(
            self.tr("vacío: su cola, en RAW; o 192.168.1.50:9100, /dev/usb/lp0, COM3")
        )
        form.addRow(self.tr("Conexión ESC/POS:"), self.port)
        self.ticket_kind.currentIndexChanged.connect(self._kind_changed)
        self.test_ticket = QPushButton(self.tr("Imprimir ticket de prueba"))
        self.test_ticket.clicked.connect(lambda: self.print_test_ticket())
        form.addRow("", self.test_ticket)
        self.document_printer = self._printer_combo(
            installed, settings.DOCUMENT_PRINTER, self.tr("(la predeterminada del sistema)")
        )
        form.addRow(self.tr("Impresora de documentos:"), self.document_printer)
        self.test_document = QPushButton(self.tr("Imprimir página de prueba"))
        self.test_document.clicked.connect(lambda: self.print_test_page())
        form.addRow("", self.test_document)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        self._kind_changed()

    def _printer_combo(self, installed: list[str], key: settings.Text, none: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(none, "")
        for name in installed:
            combo.addItem(name, name)
        saved = key.get()
        if saved and combo.findData(saved) < 0:  # configured, but not installed now
            combo.addItem(self.tr("%1 (no instalada)").replace("%1", saved), saved)
        combo.setCurrentIndex(max(0, combo.findData(saved)))
        return combo

    def _kind_changed(self) -> None:
        self.port.setEnabled(self.ticket_kind.currentData() == "escpos")

    def save(self) -> None:
        settings.TICKET_PRINTER.set(self.printer.currentData())
        settings.TICKET_WIDTH.set(int(self.ticket_width.currentData()))
        settings.TICKET_KIND.set(self.ticket_kind.currentData())
        settings.RECEIPT_PORT.set(self.port.text().strip())
        settings.DOCUMENT_PRINTER.set(self.document_printer.currentData())

    def _lines(self) -> list[str]:
        return [
            self.tr("Coop Desktop: prueba de impresión"),
            self.tr("Fecha: %1").replace("%1", clock.today().strftime("%d/%m/%Y")),
            "Ñandú · Ácora · Umachiri · 1,234.50 · ¿¡°!?",
        ]

    def print_test_ticket(self) -> None:
        """The roll-size ticket (or ESC/POS text) on the ticket printer, as chosen here."""
        from ui.printing.receipt_printer import RawTarget, send_raw
        from ui.printing.ticket_printer import print_sample_ticket, print_ticket_now

        name, width = str(self.printer.currentData()), int(self.ticket_width.currentData())
        escpos, port = self.ticket_kind.currentData() == "escpos", self.port.text().strip()

        def send(printer: str) -> str:
            if escpos and printer == name:
                page = trial_page(self.tr("Prueba de ticket"), self._lines(), width)
                return send_raw(RawTarget(printer, port), page, "prueba")
            return print_sample_ticket(printer, width)

        try:
            where = print_ticket_now(self, send, name)
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.status.setText(
            self.tr("Ticket de prueba enviado a %1.").replace("%1", where)
            if where
            else self.tr("No se imprimió la prueba.")
        )

    def print_test_page(self) -> None:
        """One A4 page on the document printer, through the same path as every document."""
        from coop_desktop.documents.trial import trial_page_pdf
        from ui.printing.print_jobs import DocumentPrint, choose_printer, document_printer

        name = str(self.document_printer.currentData()) or document_printer()
        name = name or (choose_printer(self) or "")
        if not name:
            return
        lines = self._lines()
        self.print_job = DocumentPrint(
            self,
            self.runner,
            "prueba",
            lambda _context, _plan: trial_page_pdf(lines),
            lambda _pdf: None,  # a test page is not a document: nothing to record
            self.status.setText,
            kind="trial",
        )
        self.print_job.start(name)

"""Which printer, and is it there and ready: the exact configured name (never another
printer), the queue's state (paused, rejecting, disconnected), and the paper it offers.

On Linux and macOS the print service is CUPS and its own word is asked (ui/printing/cups.py); on
Windows QPrinterInfo's state is what the spooler tells. A refusal is a PrintFailed that says
in plain words which printer and what to do; nothing is sent and nothing is recorded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from coop_desktop.errors import CoopError
from coop_desktop.messages import add_messages
from ui.printing import cups

add_messages(
    {
        "print_no_printer": (
            "No hay impresora elegida. Elija una en Configuración o al imprimir.",
            "No printer chosen. Choose one in Settings or when printing.",
        ),
        "print_missing": (
            "No se encontró la impresora {printer}: no está instalada en esta PC o cambió de "
            "nombre. No se imprimió nada.",
            "Printer {printer} was not found: it is not installed on this PC or was renamed. "
            "Nothing was printed.",
        ),
        "print_no_service": (
            "El servicio de impresión de esta PC no responde ({detail}). No se imprimió nada.",
            "This PC's print service does not answer ({detail}). Nothing was printed.",
        ),
        "print_paused": (
            "La impresora {printer} está en pausa. Reanúdela en la cola de impresión y vuelva a "
            "intentar. No se imprimió nada.",
            "Printer {printer} is paused. Resume it in the print queue and try again. Nothing "
            "was printed.",
        ),
        "print_rejecting": (
            "La impresora {printer} no está aceptando trabajos. Actívela en la cola de "
            "impresión y vuelva a intentar. No se imprimió nada.",
            "Printer {printer} is not accepting jobs. Enable it in the print queue and try "
            "again. Nothing was printed.",
        ),
        "print_offline": (
            "La impresora {printer} no está conectada o está apagada. Revise el cable, la red "
            "y que esté encendida, y vuelva a intentar. No se imprimió nada.",
            "Printer {printer} is not connected or is switched off. Check the cable, the "
            "network and the power, and try again. Nothing was printed.",
        ),
        "print_not_ready": (
            "La impresora {printer} no está lista (en pausa, sin conexión o con un error). "
            "Revise la impresora y vuelva a intentar. No se imprimió nada.",
            "Printer {printer} is not ready (paused, offline or in error). Check it and try "
            "again. Nothing was printed.",
        ),
        "print_refused": (
            "La impresora {printer} no recibió el trabajo: {detail}. No se imprimió nada.",
            "Printer {printer} did not take the job: {detail}. Nothing was printed.",
        ),
        "print_no_paper": (
            "La impresora {printer} no ofrece un papel donde quepa {what} ({size}). Elija otra "
            "impresora o revise su controlador.",
            "Printer {printer} offers no paper that holds {what} ({size}). Choose another "
            "printer or check its driver.",
        ),
        "print_paper_refused": (
            "La impresora {printer} no aceptó el papel {size}. No se imprimió nada.",
            "Printer {printer} did not accept paper {size}. Nothing was printed.",
        ),
        "print_not_started": (
            "No se pudo empezar a imprimir en {printer}. No se imprimió nada.",
            "Printing could not start on {printer}. Nothing was printed.",
        ),
        "print_incomplete": (
            "La impresora {printer} no recibió todas las páginas ({done} de {total}). Vuelva a "
            "imprimir el documento.",
            "Printer {printer} did not receive every page ({done} of {total}). Print the "
            "document again.",
        ),
        "print_device": (
            "No se pudo enviar a la impresora de recibos {printer}: {detail}. No se imprimió nada.",
            "Could not send to receipt printer {printer}: {detail}. Nothing was printed.",
        ),
    }
)


class PrintFailed(CoopError):
    """A print that did not happen, said in the user's words; `printer` names the printer."""

    def __init__(self, code: str, printer: str = "", **params: object) -> None:
        self.printer = printer
        super().__init__(code, "printer", printer=printer, **params)


def uses_cups() -> bool:
    """CUPS on Linux and macOS; QPrinter (the Windows spooler) otherwise. COOP_PRINT_PATH=qt
    forces the QPrinter path (what Windows does), for a check on a CUPS machine."""
    return cups.available() and os.environ.get("COOP_PRINT_PATH", "") != "qt"


def printer_names() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


def check_printer(name: str) -> None:
    """Raise PrintFailed unless `name` is exactly an installed printer that is ready."""
    if not name:
        raise PrintFailed("print_no_printer")
    if uses_cups():
        try:
            state = cups.queue_state(name)
        except cups.CupsError as exc:
            raise PrintFailed("print_no_service", name, detail=exc.text) from exc
        if state is None:
            raise PrintFailed("print_missing", name)
        if not state.accepting:
            raise PrintFailed("print_rejecting", name)
        if state.paused:
            raise PrintFailed("print_paused", name)
        if state.offline:
            raise PrintFailed("print_offline", name)
        return
    if name not in printer_names():
        raise PrintFailed("print_missing", name)
    if QPrinterInfo.printerInfo(name).state() == QPrinter.PrinterState.Error:
        raise PrintFailed("print_not_ready", name)


@dataclass(frozen=True, slots=True)
class Sheet:
    """A paper size a printer offers (mm); `key` is the driver's name for it ('' = custom)."""

    key: str
    width: float
    height: float

    def holds(self, width: float, height: float, slack: float = 0.6) -> bool:
        return self.width + slack >= width and self.height + slack >= height


@dataclass(frozen=True, slots=True)
class Paper:
    """Everything a printer offers: named sizes, and the range of custom sizes if any."""

    sheets: tuple[Sheet, ...]
    custom_min: tuple[float, float] | None = None
    custom_max: tuple[float, float] | None = None
    resolution: int = 0  # dots per inch the driver reports (0: unknown)


def paper_of(name: str) -> Paper:
    """The paper printer `name` offers, as QPrinterInfo reads its driver (the PPD on CUPS)."""
    info = QPrinterInfo.printerInfo(name)
    mm = QPageSize.Unit.Millimeter
    sheets = tuple(
        Sheet(s.key(), s.size(mm).width(), s.size(mm).height()) for s in info.supportedPageSizes()
    )
    low = high = None
    if info.supportsCustomPageSizes():
        a = info.minimumPhysicalPageSize().size(mm)
        b = info.maximumPhysicalPageSize().size(mm)
        low, high = (max(a.width(), 1.0), max(a.height(), 1.0)), (b.width(), b.height())
    resolutions = [r for r in info.supportedResolutions() if r > 0]
    return Paper(sheets, low, high, max(resolutions) if resolutions else 0)


def ticket_sheet(paper: Paper, width: float, length: float) -> Sheet | None:
    """The paper for a ticket `width` × `length` mm: the roll's width with the shortest length
    that holds it, or exactly the ticket when custom sizes are offered; failing a roll of that
    width, the smallest sheet that holds it (the ticket prints at the top, full size)."""
    rolls = [s for s in paper.sheets if abs(s.width - width) <= 2.0]
    if paper.custom_min is not None and paper.custom_max is not None:
        (wmin, hmin), (wmax, hmax) = paper.custom_min, paper.custom_max
        wide = width if width <= wmax + 0.6 else wmax
        if wmin - 0.6 <= wide and length <= hmax + 0.6:
            return Sheet("", wide, max(length, hmin))
    fitting = sorted((s for s in rolls if s.holds(width, length)), key=lambda s: s.height)
    if fitting:
        return fitting[0]
    holders = sorted(
        (s for s in paper.sheets if s.holds(width, length)), key=lambda s: s.width * s.height
    )
    if holders:
        return holders[0]
    if rolls:  # longer than the longest roll length: the ticket runs on over pages
        return max(rolls, key=lambda s: s.height)
    return None


def document_sheet(paper: Paper, width: float, height: float) -> tuple[Sheet, bool] | None:
    """The sheet for a page `width` × `height` mm and whether it is that very size: the same
    size (either way round) when offered, else the smallest sheet that holds the page at
    100 %, else the largest sheet (the page is reduced to fit). None when the driver names
    no sizes (a raw queue): the page goes as it is."""
    short, long_ = sorted((width, height))
    sheets = [Sheet(s.key, *sorted((s.width, s.height))) for s in paper.sheets]
    for s in sheets:
        if abs(s.width - short) <= 1.5 and abs(s.height - long_) <= 1.5:
            return s, True
    holders = sorted((s for s in sheets if s.holds(short, long_)), key=lambda s: s.width * s.height)
    if holders:
        return holders[0], False
    if sheets:
        return max(sheets, key=lambda s: s.width * s.height), False
    return None

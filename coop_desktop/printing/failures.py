"""A print that did not happen, said in the user's words: which printer and what to do.
Nothing is sent and nothing is recorded when one of these is raised before sending."""

from __future__ import annotations

from coop_desktop.errors import CoopError
from coop_desktop.messages import add_messages

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
            "La impresora {printer} no ofrece un papel donde quepa este documento ({size}). "
            "Elija otra impresora o revise su controlador. No se imprimió nada.",
            "Printer {printer} offers no paper that holds this document ({size}). Choose "
            "another printer or check its driver. Nothing was printed.",
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
        "print_needs_sheets": (
            "La impresora {printer} es de rollo ({width} mm) y este documento necesita hojas. "
            "Elija una impresora de hojas A4/A5. No se imprimió nada.",
            "Printer {printer} is a roll printer ({width} mm) and this document needs sheets. "
            "Choose an A4/A5 sheet printer. Nothing was printed.",
        ),
        "print_too_big": (
            "En la impresora {printer} no cabe la página ({size}) ni reducida al 90 %: su papel "
            "o sus márgenes son más chicos. Elija otra impresora. No se imprimió nada.",
            "The page ({size}) does not fit printer {printer}, not even at 90 %: its paper or "
            "its margins are too small. Choose another printer. Nothing was printed.",
        ),
        "print_no_cups": (
            "Esta PC no imprime por CUPS: imprima desde la ventana del programa o guarde el PDF "
            "con -o. No se imprimió nada.",
            "This PC does not print through CUPS: print from the program's window or save the "
            "PDF with -o. Nothing was printed.",
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

"""The catalogue's printing texts (Spanish: the msgids; English in the .po)."""

from coop_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    "print_no_printer": N_("No hay impresora elegida. Elija una en Configuración o al imprimir."),
    "print_missing": N_(
        "No se encontró la impresora {printer}: no está instalada en esta PC o cambió de "
        "nombre. No se imprimió nada."
    ),
    "print_no_service": N_(
        "El servicio de impresión de esta PC no responde ({detail}). No se imprimió nada."
    ),
    "print_paused": N_(
        "La impresora {printer} está en pausa. Reanúdela en la cola de impresión y vuelva a "
        "intentar. No se imprimió nada."
    ),
    "print_rejecting": N_(
        "La impresora {printer} no está aceptando trabajos. Actívela en la cola de impresión "
        "y vuelva a intentar. No se imprimió nada."
    ),
    "print_offline": N_(
        "La impresora {printer} no está conectada o está apagada. Revise el cable, la red y "
        "que esté encendida, y vuelva a intentar. No se imprimió nada."
    ),
    "print_not_ready": N_(
        "La impresora {printer} no está lista (en pausa, sin conexión o con un error). "
        "Revise la impresora y vuelva a intentar. No se imprimió nada."
    ),
    "print_refused": N_(
        "La impresora {printer} no recibió el trabajo: {detail}. No se imprimió nada."
    ),
    "print_no_paper": N_(
        "La impresora {printer} no ofrece un papel donde quepa este documento ({size}). "
        "Elija otra impresora o revise su controlador. No se imprimió nada."
    ),
    "print_paper_refused": N_(
        "La impresora {printer} no aceptó el papel {size}. No se imprimió nada."
    ),
    "print_not_started": N_("No se pudo empezar a imprimir en {printer}. No se imprimió nada."),
    "print_incomplete": N_(
        "La impresora {printer} no recibió todas las páginas ({done} de {total}). Vuelva a "
        "imprimir el documento."
    ),
    "print_needs_sheets": N_(
        "La impresora {printer} es de rollo ({width} mm) y este documento necesita hojas. "
        "Elija una impresora de hojas A4/A5. No se imprimió nada."
    ),
    "print_too_big": N_(
        "En la impresora {printer} no cabe la página ({size}) ni reducida al 90 %: su papel "
        "o sus márgenes son más chicos. Elija otra impresora. No se imprimió nada."
    ),
    "print_no_cups": N_(
        "Esta PC no imprime por CUPS: imprima desde la ventana del programa o guarde el PDF "
        "con -o. No se imprimió nada."
    ),
    "print_device": N_(
        "No se pudo enviar a la impresora de recibos {printer}: {detail}. No se imprimió nada."
    ),
}

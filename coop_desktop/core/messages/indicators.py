"""The catalogue's indicators texts (Spanish: the msgids; English in the .po)."""

from coop_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    "range_reversed": N_("El rango termina ({end}) antes de empezar ({start})."),
    "bad_grouping": N_("No se puede agrupar por «{value}»; elija entre: {valid}."),
    "reference_not_positive": N_(
        "El precio de referencia debe ser mayor que cero (se escribió {value})."
    ),
}


FIELDS: dict[str, str] = {
    "from": N_("fecha inicial (--from)"),
    "to": N_("fecha final (--to)"),
    "baseline_from": N_("inicio de la línea base"),
    "baseline_to": N_("fin de la línea base"),
    "by": N_("agrupación"),
    "output": N_("archivo de salida"),
}

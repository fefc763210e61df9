"""The catalogue's centres texts (Spanish: the msgids; English in the .po)."""

from coop_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    "unknown_centre": N_("No existe un centro de acopio con el código «{value}»."),
    "duplicate_centre": N_("Ya existe un centro de acopio con el código «{value}»."),
    "member_twice_on_route": N_("El socio {value} aparece dos veces en la ruta."),
}

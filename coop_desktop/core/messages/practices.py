"""The catalogue's practices texts (Spanish: the msgids; English in the .po)."""

from coop_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    "practice_already_held": N_(
        "{member} ya tiene la práctica «{value}» desde el {day}; para registrarla de nuevo, "
        "registre antes que la dejó."
    ),
    "practice_not_held": N_(
        "{member} no tiene la práctica «{value}»: no se puede registrar que la dejó."
    ),
    "practice_before_last_fact": N_(
        "La fecha {day} es anterior al último registro de «{value}» ({last}): los registros "
        "de una práctica van hacia adelante en el tiempo."
    ),
    "unknown_practice": N_("No existe la práctica «{value}»; las prácticas son: {valid}."),
    "duplicate_practice": N_("Ya existe la práctica «{value}»."),
    "bad_practice_code": N_(
        "Código de práctica inválido «{value}»: use minúsculas, cifras y _ (por ejemplo "
        "silvopastoreo)."
    ),
}


FIELDS: dict[str, str] = {
    "practice": N_("práctica"),
}

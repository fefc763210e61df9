"""The catalogue's integrity texts (Spanish: the msgids; English in the .po)."""

from coop_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    "date_before_close": N_(
        "{value} es anterior al periodo cerrado {period}: una entrada con esa fecha quedaría "
        "en un periodo que ya no se puede cerrar y trabaría los cierres siguientes. Si la "
        "fecha es correcta, registre un ajuste en el primer día abierto ({next})."
    ),
    "stranded_block_close": N_(
        "No se puede cerrar {value}: hay entregas o movimientos con fecha {other}, anterior "
        "al periodo cerrado {period}, que nunca se liquidaron. `coop check` los lista con la "
        "orden que los pasa al primer día abierto (`coop redate …`)."
    ),
    "redate_not_stranded": N_(
        "{value} ({day}) no está detrás de un periodo cerrado: no hay nada que corregir "
        "(corríjalo o bórrelo como cualquier otro)."
    ),
    "redate_kind": N_(
        "Tipo «{value}» no válido: use delivery (entrega) o entry (movimiento de cuenta)."
    ),
    "redate_not_movable": N_(
        "El movimiento {value} ({kind}) no se vuelve a registrar así: lo escribió un cierre "
        "o un pago, o ya fue anulado."
    ),
    "redate_target": N_(
        "{value} no sirve para volver a registrarlo: use un día abierto desde el {next} "
        "hasta el {last}."
    ),
    "db_conflict": N_(
        "La operación chocó con otra que se hacía al mismo tiempo en {value}{holder_text} y "
        "no se guardó nada. Inténtelo de nuevo."
    ),
    "not_a_file": N_(
        "«{value}» no es un archivo sino una carpeta o un dispositivo (como /dev/null); "
        "indique el archivo que quiere leer."
    ),
    "input_ended": N_("La entrada terminó (Ctrl+D) antes de la respuesta; no se hizo nada."),
    "db_folder_readonly": N_(
        "La base de datos {value} está en una carpeta o un disco de solo lectura ({reason}): "
        "el programa necesita escribir ahí (su registro de cambios, -wal y -shm). Cópiela a "
        "una carpeta donde pueda escribir, o pida permiso de escritura."
    ),
    "session_ended": N_(
        "La sesión de {value} ya no vale: el usuario fue deshabilitado. Nada se guardó; un "
        "administrador puede habilitarlo de nuevo."
    ),
    "session_role_changed": N_(
        "La sesión de {value} ya no vale: su rol cambió (ahora {role}). Nada se guardó; "
        "vuelva a iniciar sesión."
    ),
}

"""Messages of the date rule, the repair of stranded entries, lock conflicts and stale sessions
(registered into the catalogue)."""

from __future__ import annotations

from coop_desktop.messages import add_messages

add_messages(
    {
        "date_before_close": (
            "{value} es anterior al periodo cerrado {period}: una entrada con esa fecha quedaría "
            "en un periodo que ya no se puede cerrar y trabaría los cierres siguientes. Si la "
            "fecha es correcta, registre un ajuste en el primer día abierto ({next}).",
            "{value} is before the closed period {period}: an entry on that date would sit in a "
            "period that can no longer close and would block every later close. If the date is "
            "right, record an adjustment on the first open day ({next}).",
        ),
        "stranded_block_close": (
            "No se puede cerrar {value}: hay entregas o movimientos con fecha {other}, anterior "
            "al periodo cerrado {period}, que nunca se liquidaron. `coop check` los lista con la "
            "orden que los pasa al primer día abierto (`coop redate …`).",
            "{value} cannot be closed: there are deliveries or account entries dated {other}, "
            "before the closed period {period}, that were never settled. `coop check` lists "
            "them with the command that moves them to the first open day (`coop redate …`).",
        ),
        "redate_not_stranded": (
            "{value} ({day}) no está detrás de un periodo cerrado: no hay nada que corregir "
            "(corríjalo o bórrelo como cualquier otro).",
            "{value} ({day}) is not behind a closed period: there is nothing to repair (correct "
            "or delete it as any other).",
        ),
        "redate_kind": (
            "Tipo «{value}» no válido: use delivery (entrega) o entry (movimiento de cuenta).",
            "Invalid kind «{value}»: use delivery or entry (an account entry).",
        ),
        "redate_not_movable": (
            "El movimiento {value} ({kind}) no se vuelve a registrar así: lo escribió un cierre "
            "o un pago, o ya fue anulado.",
            "Entry {value} ({kind}) cannot be re-entered this way: a close or a payment wrote "
            "it, or it was already reversed.",
        ),
        "redate_target": (
            "{value} no sirve para volver a registrarlo: use un día abierto desde el {next} "
            "hasta el {last}.",
            "{value} cannot take it: use an open day from {next} to {last}.",
        ),
        "db_conflict": (
            "La operación chocó con otra que se hacía al mismo tiempo en {value}{holder_text} y "
            "no se guardó nada. Inténtelo de nuevo.",
            "The operation clashed with another one running at the same time on "
            "{value}{holder_text}; nothing was saved. Try again.",
        ),
        "not_a_file": (
            "«{value}» no es un archivo sino una carpeta o un dispositivo (como /dev/null); "
            "indique el archivo que quiere leer.",
            "«{value}» is not a file but a folder or a device (such as /dev/null); name the "
            "file to read.",
        ),
        "input_ended": (
            "La entrada terminó (Ctrl+D) antes de la respuesta; no se hizo nada.",
            "The input ended (Ctrl+D) before the answer; nothing was done.",
        ),
        "db_folder_readonly": (
            "La base de datos {value} está en una carpeta o un disco de solo lectura ({reason}): "
            "el programa necesita escribir ahí (su registro de cambios, -wal y -shm). Cópiela "
            "a una carpeta donde pueda escribir, o pida permiso de escritura.",
            "The database {value} is in a read-only folder or disk ({reason}): the program "
            "needs to write there (its change log, -wal and -shm). Copy it to a folder you "
            "can write to, or ask for write permission.",
        ),
        "session_ended": (
            "La sesión de {value} ya no vale: el usuario fue deshabilitado. Nada se guardó; "
            "un administrador puede habilitarlo de nuevo.",
            "{value}'s session is no longer valid: the user was disabled. Nothing was saved; "
            "an administrator can enable the user again.",
        ),
        "session_role_changed": (
            "La sesión de {value} ya no vale: su rol cambió (ahora {role}). Nada se guardó; "
            "vuelva a iniciar sesión.",
            "{value}'s session is no longer valid: the role changed (now {role}). Nothing was "
            "saved; sign in again.",
        ),
    }
)

"""User-facing messages of the core, in Spanish (default) and English.

The core raises errors with a code; this catalogue turns them into sentences. The UI shows the
same sentences, so a treasurer reads the same words in the CLI and on screen.
"""

from __future__ import annotations

from typing import Any

from coop_desktop.domain.measures import MEASURES

FIELD_NAMES: dict[str, tuple[str, str]] = {
    "name": ("nombre", "name"),
    "given_names": ("nombres", "given names"),
    "surnames": ("apellidos", "surnames"),
    "code": ("código", "code"),
    "dni": ("DNI", "DNI"),
    "ruc": ("RUC", "RUC"),
    "gender": ("sexo", "gender"),
    "phone": ("teléfono", "phone"),
    "quantity": ("cantidad", "quantity"),
    "unit": ("unidad", "unit"),
    "date": ("fecha", "date"),
    "shift": ("turno", "shift"),
    "member": ("socio", "member"),
    "reject_reason": ("motivo de rechazo", "rejection reason"),
    "cycle": ("ciclo de pago", "payment cycle"),
    "measure": ("medida", "measure"),
    "delivery": ("entrega", "delivery"),
    "status": ("estado", "status"),
    "herd_size": ("número de vacas", "herd size"),
    "payment_method": ("forma de pago", "payment method"),
    "members": ("socios", "members"),
    "days": ("días", "days"),
    "centre": ("centro de acopio", "collection centre"),
    "period": ("periodo", "period"),
    "amount": ("monto", "amount"),
    "price": ("precio", "price"),
    "instalments": ("cuotas", "instalments"),
    "reason": ("motivo", "reason"),
    "product": ("producto", "product"),
    "kind": ("tipo", "kind"),
    "per": ("aplicación", "applies per"),
    "start": ("fecha de inicio", "start date"),
    "priority": ("orden de descuentos", "deduction order"),
}

STATUS_NAMES = {
    "active": ("activo(a)", "active"),
    "suspended": ("suspendido(a)", "suspended"),
    "retired": ("retirado(a)", "retired"),
}

SETTLEMENT_STATUS_NAMES = {
    "issued": ("emitida", "issued"),
    "paid": ("pagada", "paid"),
    "void": ("anulada", "void"),
}


def status_name(code: str, lang: str, *, settlement: bool = False) -> str:
    """A stored status (a member's, or a settlement's) in words of `lang`."""
    names = (SETTLEMENT_STATUS_NAMES if settlement else STATUS_NAMES).get(code)
    return code if names is None else names[1 if lang == "en" else 0]


_CATALOGUE: dict[str, tuple[str, str]] = {
    "many_errors": ("Problemas encontrados: {count}.", "Problems found: {count}."),
    "required": ("Falta {field_name}.", "{field_name} is required."),
    "invalid_dni": (
        "DNI inválido «{value}»: debe tener 8 dígitos.",
        "Invalid DNI «{value}»: it must have 8 digits.",
    ),
    "invalid_ruc": (
        "RUC inválido «{value}»: debe tener 11 dígitos y un dígito verificador correcto.",
        "Invalid RUC «{value}»: it must have 11 digits and a valid check digit.",
    ),
    "invalid_phone": (
        "Teléfono inválido «{value}»: use de 6 a 15 dígitos.",
        "Invalid phone «{value}»: use 6 to 15 digits.",
    ),
    "not_a_number": (
        "{field_name}: «{value}» no es un número.",
        "{field_name}: «{value}» is not a number.",
    ),
    "ambiguous_number": (
        "{field_name}: «{value}» se puede leer de dos maneras: {first} (con separador de miles) "
        "o {second} (con coma o punto decimal). Escríbalo sin ambigüedad: {first} o {second}.",
        "{field_name}: «{value}» can be read two ways: {first} (with a thousands separator) "
        "or {second} (with a decimal comma or point). Type it unambiguously: {first} or {second}.",
    ),
    "point_thousands": (
        "{field_name}: «{value}» usa punto de miles y coma decimal; aquí se escribe con punto "
        "decimal: {reading}.",
        "{field_name}: «{value}» uses point thousands and a decimal comma; here numbers use a "
        "decimal point: {reading}.",
    ),
    "not_an_integer": (
        "{field_name}: «{value}» no es un número entero.",
        "{field_name}: «{value}» is not a whole number.",
    ),
    "too_many_decimals": (
        "{field_name}: «{value}» tiene más de {scale} decimales.",
        "{field_name}: «{value}» has more than {scale} decimals.",
    ),
    "not_positive": (
        "{field_name} debe ser mayor que cero (se recibió {value}).",
        "{field_name} must be greater than zero (got {value}).",
    ),
    "negative": (
        "{field_name} no puede ser negativo (se recibió {value}).",
        "{field_name} cannot be negative (got {value}).",
    ),
    "paid_before_period": (
        "Fecha de pago {value}: es anterior al periodo {period} que paga.",
        "Payment date {value}: it is before the period {period} it pays.",
    ),
    "corrects_other_member": (
        "El movimiento {value} no es del socio {member}; un ajuste corrige solo movimientos "
        "del mismo socio.",
        "Entry {value} does not belong to member {member}; an adjustment corrects only the "
        "same member's entries.",
    ),
    "delivery_has_test": (
        "La entrega {value} tiene un análisis (n.º {test}); bórrelo o cámbielo de entrega "
        "antes de borrar la entrega.",
        "Delivery {value} has a quality test (no. {test}); delete it or move it to another "
        "delivery before deleting the delivery.",
    ),
    "not_a_scheme_file": (
        "{value} no es un esquema de precios (un archivo de texto JSON).",
        "{value} is not a price scheme (a JSON text file).",
    ),
    "absurd_amount": (
        "{field_name}: {value} es demasiado; el máximo es {maximum}.",
        "{field_name}: {value} is too much; the maximum is {maximum}.",
    ),
    "absurd_quantity": (
        "{field_name}: {value} es demasiado; el máximo por entrega es {maximum}.",
        "{field_name}: {value} is too much; the maximum per delivery is {maximum}.",
    ),
    "out_of_range": (
        "{field_name}: {value} está fuera del rango posible ({minimum} a {maximum}).",
        "{field_name}: {value} is outside the possible range ({minimum} to {maximum}).",
    ),
    "unknown_measure": (
        "Medida desconocida «{value}». Medidas válidas: {valid}.",
        "Unknown measure «{value}». Valid measures: {valid}.",
    ),
    "bad_measure_syntax": (
        "Medida «{value}»: use CLAVE=VALOR, por ejemplo fat=3.6.",
        "Measure «{value}»: use KEY=VALUE, for example fat=3.6.",
    ),
    "bad_boolean": (
        "{field_name}: «{value}» no es un resultado válido; use pass/fail (negativo/positivo).",
        "{field_name}: «{value}» is not a valid result; use pass/fail.",
    ),
    "no_measures": (
        "El análisis no tiene ninguna medida.",
        "The test has no measure.",
    ),
    "bad_choice": (
        "{field_name}: «{value}» no es válido; opciones: {valid}.",
        "{field_name}: «{value}» is not valid; choices: {valid}.",
    ),
    "bad_date": (
        "{field_name}: «{value}» no es una fecha válida (AAAA-MM-DD).",
        "{field_name}: «{value}» is not a valid date (YYYY-MM-DD).",
    ),
    "bad_typed_date": (
        "{field_name}: «{value}» no es una fecha; escríbala dd/mm, dd/mm/aa o dd/mm/aaaa.",
        "{field_name}: «{value}» is not a date; type it dd/mm, dd/mm/yy or dd/mm/yyyy.",
    ),
    "future_date": (
        "{field_name}: {value} es una fecha futura.",
        "{field_name}: {value} is in the future.",
    ),
    "reason_required": (
        "Una entrega rechazada necesita un motivo.",
        "A rejected delivery needs a reason.",
    ),
    "duplicate_code": (
        "Ya existe un socio con el código «{value}».",
        "A member with code «{value}» already exists.",
    ),
    "duplicate_dni": (
        "Ya existe un socio con el DNI {value} ({other}).",
        "A member with DNI {value} already exists ({other}).",
    ),
    "unknown_member": (
        "No existe un socio con el código «{value}».",
        "There is no member with code «{value}».",
    ),
    "ambiguous_member": (
        "Varios socios coinciden con «{value}»; escriba el código o más letras del nombre.",
        "Several members match «{value}»; type the code or more of the name.",
    ),
    "bad_series": (
        "Serie «{value}» no válida: una letra y tres letras o números, como L001.",
        "Invalid series «{value}»: a letter and three letters or digits, like L001.",
    ),
    "unknown_delivery": (
        "No existe la entrega número {value}.",
        "There is no delivery number {value}.",
    ),
    "delivery_member_mismatch": (
        "La entrega {value} es de otro socio ({other}).",
        "Delivery {value} belongs to another member ({other}).",
    ),
    "member_not_active": (
        "El socio {value} está {status}: no puede registrar entregas.",
        "Member {value} is {status}: deliveries cannot be recorded.",
    ),
    "no_association": (
        "La base de datos no tiene asociación. Ejecute primero «coop init --name NOMBRE».",
        "The database has no association yet. Run «coop init --name NAME» first.",
    ),
    "association_exists": (
        "La base de datos ya tiene una asociación: «{value}».",
        "The database already has an association: «{value}».",
    ),
    "demo_not_empty": (
        "La base de datos ya tiene socios; los datos de demostración van en una base nueva.",
        "The database already has members; demo data goes into a new database.",
    ),
    "network_share": (
        "«{value}» está en una unidad de red. SQLite no es seguro en carpetas compartidas: "
        "use una carpeta local o el modo PostgreSQL para compartir datos entre varias PC.",
        "«{value}» is on a network drive. SQLite is not safe on shared folders: use a local "
        "folder, or the PostgreSQL mode to share data between several PCs.",
    ),
    "not_a_database": (
        "«{value}» no es una base de datos de Coop Desktop (archivo dañado o de otro programa).",
        "«{value}» is not a Coop Desktop database (a damaged file or another program's).",
    ),
    "cannot_open_db": (
        "No se pudo abrir la base de datos «{value}»: {reason}",
        "The database «{value}» could not be opened: {reason}",
    ),
    "newer_schema": (
        "La base de datos «{value}» es de una versión más nueva del programa; actualice Coop "
        "Desktop.",
        "The database «{value}» comes from a newer version of the program; update Coop Desktop.",
    ),
    "backup_target_exists": (
        "El archivo «{value}» ya existe; elija otro nombre.",
        "The file «{value}» already exists; choose another name.",
    ),
    "backup_sqlite_only": (
        "La copia de seguridad integrada es para SQLite; en PostgreSQL use pg_dump.",
        "The built-in backup is for SQLite; on PostgreSQL use pg_dump.",
    ),
    "file_not_found": (
        "No se encontró el archivo «{value}».",
        "File «{value}» was not found.",
    ),
    "bad_period": (
        "Periodo «{value}» no válido; use 2026-10, 2026-10-q1, 2026-10-d2 o 2026-W43.",
        "Invalid period «{value}»; use 2026-10, 2026-10-q1, 2026-10-d2 or 2026-W43.",
    ),
    "period_closed": (
        "{value} está en el periodo {period}, que ya está cerrado; registre un ajuste en el "
        "periodo abierto.",
        "{value} falls in period {period}, which is closed; record an adjustment in the open "
        "period instead.",
    ),
    "period_overlap": (
        "El periodo {value} se superpone con {other}; use el ciclo de la asociación.",
        "Period {value} overlaps {other}; use the association's cycle.",
    ),
    "period_already_closed": (
        "El periodo {value} ya está cerrado.",
        "Period {value} is already closed.",
    ),
    "period_not_closed": ("El periodo {value} no está cerrado.", "Period {value} is not closed."),
    "period_paid": (
        "El periodo {value} no se puede reabrir: ya se pagó a {members}. Revierta esos pagos "
        "primero (coop pay {value} --reverse --member CÓDIGO --reason …) o registre un ajuste.",
        "Period {value} cannot be reopened: {members} have been paid. Reverse those payments "
        "first (coop pay {value} --reverse --member CODE --reason …) or record an adjustment.",
    ),
    "db_unsupported": (
        "{value}: solo se usan archivos SQLite o servidores PostgreSQL (postgresql://…).",
        "{value}: only SQLite files or PostgreSQL servers (postgresql://…) can be used.",
    ),
    "db_is_folder": (
        "{value} es una carpeta; indique el archivo de la base de datos (por ejemplo "
        "{value}/coop.db).",
        "{value} is a folder; name the database file (for example {value}/coop.db).",
    ),
    "db_empty_file": (
        "{value} es un archivo vacío, no una base de datos. Revise la ruta; para crear una "
        "nueva use «coop init».",
        "{value} is an empty file, not a database. Check the path; to create a new one use "
        "«coop init».",
    ),
    "db_not_found": (
        "No existe la base de datos {value}. Revise la ruta; para crear una nueva use "
        "«coop init» (o el asistente de primer uso del programa).",
        "The database {value} does not exist. Check the path; to create a new one use "
        "«coop init» (or the program's first-run assistant).",
    ),
    "output_exists": (
        "No se sobrescribe {value}: ya existe y no es un PDF hecho por Coop Desktop. Elija "
        "otro nombre o agregue --force.",
        "{value} is not overwritten: it exists and is not a PDF made by Coop Desktop. Choose "
        "another name or add --force.",
    ),
    "nothing_to_print": (
        "No hay documentos que imprimir para {value}.",
        "There are no documents to print for {value}.",
    ),
    "cannot_write": (
        "No se pudo escribir {value} ({reason}); no se guardó nada.",
        "Could not write {value} ({reason}); nothing was saved.",
    ),
    "output_is_database": (
        "No se escribe en {value}: es una base de datos. Elija otro nombre para el archivo.",
        "Not writing to {value}: it is a database. Choose another file name.",
    ),
    "backup_damaged": (
        "La copia {value} no está completa o está dañada ({reason}); no se restauró nada.",
        "The backup {value} is incomplete or damaged ({reason}); nothing was restored.",
    ),
    "restore_same_file": (
        "{value} es la base de datos abierta; elija una copia de seguridad.",
        "{value} is the open database; choose a backup.",
    ),
    "closed_period_write": (
        "No se guardó: la fecha cae en un periodo cerrado ({table}). Los periodos cerrados no "
        "cambian; registre un ajuste en el periodo abierto.",
        "Not saved: the date falls in a closed period ({table}). Closed periods do not change; "
        "record an adjustment in the open period.",
    ),
    "protected_data": (
        "No se guardó: los movimientos de dinero, las liquidaciones y la auditoría no se "
        "modifican ni se borran ({table}); las correcciones se registran como reversiones.",
        "Not saved: money movements, settlements and the audit trail are never changed or "
        "deleted ({table}); corrections are recorded as reversals.",
    ),
    "db_busy": (
        "La base de datos {value} está ocupada por otro programa o PC{holder_text}. Espere a "
        "que termine y vuelva a intentarlo; no se guardó nada.",
        "The database {value} is busy with another program or PC{holder_text}. Wait for it to "
        "finish and try again; nothing was saved.",
    ),
    "disk_full": (
        "No hay espacio en el disco para la base de datos {value}; no se guardó nada. Libere "
        "espacio y vuelva a intentarlo.",
        "The disk holding {value} is full; nothing was saved. Free some space and try again.",
    ),
    "db_damaged": (
        "La base de datos {value} está dañada ({reason}); no se escribió nada. Restaure la "
        "última copia de seguridad (coop restore).",
        "The database {value} is damaged ({reason}); nothing was written. Restore the last "
        "backup (coop restore).",
    ),
    "disk_error": (
        "El disco no pudo leer o escribir la base de datos {value} ({reason}); no se guardó "
        "nada. Revise el disco o el espacio y vuelva a intentarlo; los datos ya guardados no "
        "se tocaron.",
        "The disk could not read or write the database {value} ({reason}); nothing was "
        "saved. Check the disk or its space and try again; the data already saved was not "
        "touched.",
    ),
    "db_schema_damaged": (
        "A la base de datos {value} le falta una parte ({reason}); no se escribió nada. "
        "Restaure la última copia de seguridad (coop restore).",
        "The database {value} is missing a part ({reason}); nothing was written. Restore the "
        "last backup (coop restore).",
    ),
    "db_readonly": (
        "La base de datos {value} es de solo lectura ({reason}); no se guardó nada.",
        "The database {value} is read-only ({reason}); nothing was saved.",
    ),
    "db_unreachable": (
        "No se pudo conectar con la base de datos {value} ({reason}).",
        "Cannot connect to the database {value} ({reason}).",
    ),
    "settlement_not_paid": (
        "El socio {value} no tiene una liquidación pagada en el periodo {period}.",
        "Member {value} has no paid settlement in period {period}.",
    ),
    "settlement_paid_void": (
        "La liquidación {value} ya fue pagada; no se anula. Para reimprimirla use una copia; "
        "si el pago fue un error, reviértalo primero.",
        "Settlement {value} has been paid; it is not voided. Print a copy instead; if the "
        "payment was a mistake, reverse it first.",
    ),
    "later_period_closed": (
        "El periodo {other}, posterior a {value}, está cerrado; reábralo primero.",
        "Period {other}, after {value}, is closed; reopen it first.",
    ),
    "close_missing_tests": (
        "No se puede cerrar {value}: faltan {count} análisis que el esquema necesita:\n{items}",
        "{value} cannot be closed: {count} tests the scheme needs are missing:\n{items}",
    ),
    "starts_in_closed": (
        "{field_name}: {value} cae en o antes del periodo cerrado {period}; los cierres hechos "
        "no cambian. Use una fecha posterior.",
        "{field_name}: {value} falls in or before the closed period {period}; closes already "
        "made do not change. Use a later date.",
    ),
    "loan_too_split": (
        "Un préstamo de {principal} no se puede dividir en {value} cuotas: cada cuota debe ser "
        "de al menos S/ 0.01 (como máximo {maximum} cuotas).",
        "A loan of {principal} cannot be split into {value} instalments: each must be at least "
        "S/ 0.01 (at most {maximum} instalments).",
    ),
    "earlier_period_open": (
        "No se puede cerrar {value}: el periodo anterior {other} sigue abierto. Los periodos "
        "se cierran en orden; cierre {other} primero.",
        "{value} cannot be closed: the earlier period {other} is still open. Periods close in "
        "order; close {other} first.",
    ),
    "period_not_ended": (
        "El periodo {value} todavía no termina (termina el {end}). Ciérrelo antes solo si está "
        "seguro: confirme el cierre anticipado (en la línea de comandos, --before-end). Lo que "
        "se entregue después irá al periodo siguiente como ajuste.",
        "Period {value} has not ended yet (it ends on {end}). Close it early only if you are "
        "sure: confirm the early close (on the command line, --before-end). Anything delivered "
        "afterwards goes into the next period as an adjustment.",
    ),
    "nothing_open": (
        "No hay periodos abiertos con movimientos para cerrar.",
        "There are no open periods with activity to close.",
    ),
    "nothing_to_close": (
        "El periodo {value} no tiene movimientos.",
        "Period {value} has no activity.",
    ),
    "no_settlement": (
        "El socio {value} no tiene liquidación en el periodo {period}.",
        "Member {value} has no settlement in period {period}.",
    ),
    "unknown_product": ("No existe el producto «{value}».", "There is no product «{value}»."),
    "duplicate_product": ("Ya existe el producto «{value}».", "Product «{value}» already exists."),
    "unknown_entry": ("No existe el movimiento {value}.", "There is no ledger entry {value}."),
    "reason_missing": ("Indique el motivo.", "Give the reason."),
    "unknown_receipt": ("No existe el recibo {value}.", "There is no receipt {value}."),
    "unknown_settlement": (
        "No existe la liquidación {value}.",
        "There is no settlement {value}.",
    ),
    "settlement_void": (
        "La liquidación {value} ya está anulada.",
        "Settlement {value} is already void.",
    ),
    "cancelled": ("Operación cancelada; no se guardó nada.", "Cancelled; nothing was saved."),
    "check_failed": (
        "La verificación encontró {count} problemas.",
        "The check found {count} problems.",
    ),
}


def field_name(field: str | None, lang: str) -> str:
    if field is None:
        return ""
    if field in MEASURES:
        m = MEASURES[field]
        return m.label_en if lang == "en" else m.label_es
    names = FIELD_NAMES.get(field.split("[")[0].split(".")[-1])
    if names is None:
        return field
    return names[1] if lang == "en" else names[0]


def render(code: str, lang: str = "es", field: str | None = None, **params: Any) -> str:
    templates = _CATALOGUE.get(code)
    if templates is None:
        return f"{code}: {params}"
    template = templates[1] if lang == "en" else templates[0]
    name = field_name(field, lang)
    if "holder" in params:
        held = params["holder"]
        params["holder_text"] = (
            f" ({'held by' if lang == 'en' else 'ocupada por'}: {held})" if held else ""
        )
    if params.get("status") in STATUS_NAMES:
        params["status"] = STATUS_NAMES[params["status"]][1 if lang == "en" else 0]
    if template.startswith("{field_name}"):
        name = name[:1].upper() + name[1:]
    return template.format(field_name=name, **params)


def add_messages(entries: dict[str, tuple[str, str]]) -> None:
    """Let other core modules (pricing, closeout) register their own messages."""
    _CATALOGUE.update(entries)

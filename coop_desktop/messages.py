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
    "priority": ("orden de descuentos", "deduction order"),
}

STATUS_NAMES = {
    "active": ("activo(a)", "active"),
    "suspended": ("suspendido(a)", "suspended"),
    "retired": ("retirado(a)", "retired"),
}

_CATALOGUE: dict[str, tuple[str, str]] = {
    "many_errors": ("Se encontraron {count} problemas:", "{count} problems were found:"),
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
        "El periodo {value} ya fue pagado; no se puede reabrir. Registre un ajuste.",
        "Period {value} has been paid; it cannot be reopened. Record an adjustment.",
    ),
    "later_period_closed": (
        "El periodo {other}, posterior a {value}, está cerrado; reábralo primero.",
        "Period {other}, after {value}, is closed; reopen it first.",
    ),
    "close_missing_tests": (
        "No se puede cerrar {value}: {count} entregas no tienen el análisis que el esquema "
        "necesita:\n{items}",
        "{value} cannot be closed: {count} deliveries lack the test the scheme needs:\n{items}",
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
    if params.get("status") in STATUS_NAMES:
        params["status"] = STATUS_NAMES[params["status"]][1 if lang == "en" else 0]
    if template.startswith("{field_name}"):
        name = name[:1].upper() + name[1:]
    return template.format(field_name=name, **params)


def add_messages(entries: dict[str, tuple[str, str]]) -> None:
    """Let other core modules (pricing, closeout) register their own messages."""
    _CATALOGUE.update(entries)

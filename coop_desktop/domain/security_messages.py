"""Messages of users, roles, sign-in and the audit trail (registered into the catalogue)."""

from __future__ import annotations

from typing import Any

from coop_desktop.messages import add_messages

# What each permission lets a person do, as the refusal names it.
PERMISSION_TEXT: dict[str, tuple[str, str]] = {
    "read": ("consultar los datos", "read the data"),
    "print": ("imprimir documentos", "print documents"),
    "collect": ("registrar entregas y análisis", "record deliveries and tests"),
    "members": ("registrar o modificar socios", "add or change members"),
    "accounts": ("registrar movimientos de cuenta", "record account entries"),
    "schemes": ("guardar una versión de esquema de precios", "save a price scheme version"),
    "close": ("cerrar un periodo", "close a period"),
    "pay": ("registrar pagos", "record payments"),
    "reverse_payment": ("revertir un pago", "reverse a payment"),
    "void": ("anular un recibo", "void a receipt"),
    "reopen": ("reabrir un periodo", "reopen a period"),
    "backup": ("hacer copias de seguridad", "make backups"),
    "import": ("importar archivos de datos", "import data files"),
    "reports": ("cambiar los ajustes de los indicadores", "change the indicators' settings"),
    "settings": (
        "cambiar los datos de la asociación o restaurar copias",
        "change the association's data or restore backups",
    ),
    "users": ("administrar usuarios", "manage users"),
    "dispatch": (
        "registrar despachos de leche y lecturas de tanque",
        "record milk dispatches and tank readings",
    ),
    "sales": (
        "registrar compradores, precios, recepciones, cobros y gastos",
        "record buyers, prices, receptions, payments received and expenses",
    ),
    "write": ("modificar datos", "change data"),
}


def localise(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """A refusal's parameters in the reader's language: the action a permission allows, and
    the roles that hold it joined with «o» / «or»."""
    out = dict(params)
    index = 1 if lang == "en" else 0
    if "action" in out and out["action"] in PERMISSION_TEXT:
        out["action"] = PERMISSION_TEXT[out["action"]][index]
    if isinstance(out.get("roles"), (list, tuple)):
        roles = [str(r) for r in out["roles"]]
        joiner = " or " if lang == "en" else " o "
        out["roles"] = joiner.join([", ".join(roles[:-1]), roles[-1]] if len(roles) > 1 else roles)
    return out


add_messages(
    {
        "sign_in_required": (
            "Debe iniciar sesión: indique el usuario con --user NOMBRE (o COOP_USER) y su "
            "contraseña.",
            "You must sign in: name the user with --user NAME (or COOP_USER) and give the "
            "password.",
        ),
        "no_users": (
            "Esta base de datos aún no tiene usuarios: cree el primer administrador con "
            "«coop init» o abriendo el programa.",
            "This database has no users yet: create the first administrator with «coop init» "
            "or by opening the program.",
        ),
        "unknown_user": (
            "No existe el usuario «{value}».",
            "There is no user «{value}».",
        ),
        "user_disabled": (
            "El usuario «{value}» está desactivado; un administrador puede activarlo.",
            "The user «{value}» is disabled; an administrator can enable it.",
        ),
        "wrong_password": (
            "Contraseña incorrecta para «{value}» ({left} intentos antes del bloqueo).",
            "Wrong password for «{value}» ({left} attempts before the account locks).",
        ),
        "account_locked": (
            "La cuenta «{value}» está bloqueada por contraseñas incorrectas hasta las {until}; "
            "espere o pida a un administrador que le asigne una contraseña nueva.",
            "The account «{value}» is locked after wrong passwords until {until}; wait, or ask "
            "an administrator to set a new password.",
        ),
        "password_not_set": (
            "El usuario «{value}» aún no tiene contraseña: elija una (en la terminal o con "
            "COOP_NEW_PASSWORD).",
            "The user «{value}» has no password yet: choose one (on the terminal or with "
            "COOP_NEW_PASSWORD).",
        ),
        "password_too_short": (
            "La contraseña debe tener al menos {minimum} caracteres.",
            "The password must have at least {minimum} characters.",
        ),
        "passwords_differ": (
            "Las dos contraseñas no coinciden.",
            "The two passwords do not match.",
        ),
        "password_needed": (
            "Falta la contraseña de «{value}»: escríbala en la terminal o use COOP_PASSWORD.",
            "The password of «{value}» is missing: type it on the terminal or use COOP_PASSWORD.",
        ),
        "new_password_needed": (
            "Falta la contraseña nueva: escríbala en la terminal o use COOP_NEW_PASSWORD.",
            "The new password is missing: type it on the terminal or use COOP_NEW_PASSWORD.",
        ),
        "role_cannot": (
            "Su rol ({role}) no permite {action}: se necesita {roles}.",
            "Your role ({role}) does not allow you to {action}: it needs {roles}.",
        ),
        "collector_period": (
            "Un acopiador solo registra en el periodo abierto: {value} queda fuera "
            "(se permite del {start} al {end}).",
            "A collector only records in the open period: {value} is outside it "
            "(allowed from {start} to {end}).",
        ),
        "reauth_required": (
            "Para {action} vuelva a escribir su contraseña.",
            "To {action}, type your password again.",
        ),
        "bad_role": (
            "Rol desconocido «{value}»; roles: {valid}.",
            "Unknown role «{value}»; roles: {valid}.",
        ),
        "bad_user_name": (
            "Nombre de usuario no válido «{value}»: use de 2 a 30 letras minúsculas, dígitos, "
            "punto, guion o guion bajo, empezando por una letra.",
            "Invalid user name «{value}»: use 2 to 30 lower-case letters, digits, dot, hyphen "
            "or underscore, starting with a letter.",
        ),
        "user_exists": ("Ya existe el usuario «{value}».", "The user «{value}» already exists."),
        "last_admin": (
            "«{value}» es el único administrador activo: no se puede desactivar.",
            "«{value}» is the only active administrator: it cannot be disabled.",
        ),
        "users_exist": (
            "Esta base de datos ya tiene usuarios: inicie sesión como administrador.",
            "This database already has users: sign in as an administrator.",
        ),
        "audit_unsealed": (
            "auditoría: la fila {row_id} ({action}) no tiene sello en la cadena "
            "(insertada fuera del programa)",
            "audit: row {row_id} ({action}) has no seal in the chain "
            "(inserted outside the program)",
        ),
        "audit_gap": (
            "auditoría: faltan las filas n.º {first} a {last} de la cadena (borradas)",
            "audit: rows no. {first} to {last} of the chain are missing (deleted)",
        ),
        "audit_duplicate_seq": (
            "auditoría: la fila n.º {seq} está repetida o fuera de orden (reordenada o insertada)",
            "audit: row no. {seq} is repeated or out of order (reordered or inserted)",
        ),
        "audit_broken": (
            "auditoría: la fila n.º {seq} ({action}) no corresponde a su huella: fue editada, "
            "insertada, o la anterior fue borrada o movida",
            "audit: row no. {seq} ({action}) does not match its hash: it was edited or "
            "inserted, or the row before it was deleted or moved",
        ),
        "audit_legacy_changed": (
            "auditoría: las {rows} filas anteriores a la cadena (selladas en la fila n.º {seq}) "
            "fueron modificadas: hoy se encuentran {found}",
            "audit: the {rows} rows older than the chain (sealed in row no. {seq}) were "
            "changed: {found} are there now",
        ),
        "audit_head_differs": (
            "auditoría: la fila n.º {seq} no tiene la huella anotada ({expected}); la cadena "
            "fue rehecha desde entonces",
            "audit: row no. {seq} does not have the recorded hash ({expected}); the chain was "
            "rebuilt since",
        ),
        "bad_expect": (
            "«{value}» no es N:HUELLA (el número de fila y al menos 8 caracteres de su huella).",
            "«{value}» is not N:HASH (the row number and at least 8 characters of its hash).",
        ),
        "undeclared_write": (
            "Su rol ({role}) no puede hacer esta operación: no declara qué permiso necesita, "
            "y así solo la hace un administrador.",
            "Your role ({role}) cannot do this: it does not declare the permission it needs, "
            "so only an administrator may.",
        ),
        "audit_only_session": (
            "Esta operación solo puede anotar en la auditoría, no cambiar datos.",
            "This operation may only add to the audit trail, not change data.",
        ),
        "keyring_unavailable": (
            "No hay un almacén de contraseñas del sistema disponible; la contraseña de "
            "PostgreSQL se guardó en {value} (solo legible por usted).",
            "No system password store is available; the PostgreSQL password was saved in "
            "{value} (readable only by you).",
        ),
    }
)

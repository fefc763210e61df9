"""The catalogue's security texts (Spanish: the msgids; English in the .po)."""

from coop_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    "sign_in_required": N_(
        "Debe iniciar sesión: indique el usuario con --user NOMBRE (o COOP_USER) y su contraseña."
    ),
    "no_users": N_(
        "Esta base de datos aún no tiene usuarios: cree el primer administrador con «coop "
        "init» o abriendo el programa."
    ),
    "unknown_user": N_("No existe el usuario «{value}»."),
    "user_disabled": N_("El usuario «{value}» está desactivado; un administrador puede activarlo."),
    "wrong_password": N_(
        "Contraseña incorrecta para «{value}» ({left} intentos antes del bloqueo)."
    ),
    "account_locked": N_(
        "La cuenta «{value}» está bloqueada por contraseñas incorrectas hasta las {until}; "
        "espere o pida a un administrador que le asigne una contraseña nueva."
    ),
    "password_not_set": N_(
        "El usuario «{value}» aún no tiene contraseña: elija una (en la terminal o con "
        "COOP_NEW_PASSWORD)."
    ),
    "password_too_short": N_("La contraseña debe tener al menos {minimum} caracteres."),
    "passwords_differ": N_("Las dos contraseñas no coinciden."),
    "password_needed": N_(
        "Falta la contraseña de «{value}»: escríbala en la terminal o use COOP_PASSWORD."
    ),
    "new_password_needed": N_(
        "Falta la contraseña nueva: escríbala en la terminal o use COOP_NEW_PASSWORD."
    ),
    "role_cannot": N_("Su rol ({role}) no permite {action}: se necesita {roles}."),
    "collector_period": N_(
        "Un acopiador solo registra en el periodo abierto: {value} queda fuera (se permite "
        "del {start} al {end})."
    ),
    "reauth_required": N_("Para {action} vuelva a escribir su contraseña."),
    "bad_role": N_("Rol desconocido «{value}»; roles: {valid}."),
    "bad_user_name": N_(
        "Nombre de usuario no válido «{value}»: use de 2 a 30 letras minúsculas, dígitos, "
        "punto, guion o guion bajo, empezando por una letra."
    ),
    "user_exists": N_("Ya existe el usuario «{value}»."),
    "last_admin": N_("«{value}» es el único administrador activo: no se puede desactivar."),
    "users_exist": N_("Esta base de datos ya tiene usuarios: inicie sesión como administrador."),
    "audit_unsealed": N_(
        "auditoría: la fila {row_id} ({action}) no tiene sello en la cadena (insertada fuera "
        "del programa)"
    ),
    "audit_gap": N_("auditoría: faltan las filas n.º {first} a {last} de la cadena (borradas)"),
    "audit_duplicate_seq": N_(
        "auditoría: la fila n.º {seq} está repetida o fuera de orden (reordenada o insertada)"
    ),
    "audit_broken": N_(
        "auditoría: la fila n.º {seq} ({action}) no corresponde a su huella: fue editada, "
        "insertada, o la anterior fue borrada o movida"
    ),
    "audit_legacy_changed": N_(
        "auditoría: las {rows} filas anteriores a la cadena (selladas en la fila n.º {seq}) "
        "fueron modificadas: hoy se encuentran {found}"
    ),
    "audit_head_differs": N_(
        "auditoría: la fila n.º {seq} no tiene la huella anotada ({expected}); la cadena fue "
        "rehecha desde entonces"
    ),
    "bad_expect": N_(
        "«{value}» no es N:HUELLA (el número de fila y al menos 8 caracteres de su huella)."
    ),
    "undeclared_write": N_(
        "Su rol ({role}) no puede hacer esta operación: no declara qué permiso necesita, y "
        "así solo la hace un administrador."
    ),
    "audit_only_session": N_("Esta operación solo puede anotar en la auditoría, no cambiar datos."),
    "keyring_unavailable": N_(
        "No hay un almacén de contraseñas del sistema disponible; la contraseña de "
        "PostgreSQL se guardó en {value} (solo legible por usted)."
    ),
}


PERMISSIONS: dict[str, str] = {
    "read": N_("consultar los datos"),
    "print": N_("imprimir documentos"),
    "collect": N_("registrar entregas y análisis"),
    "members": N_("registrar o modificar socios"),
    "accounts": N_("registrar movimientos de cuenta"),
    "schemes": N_("guardar una versión de esquema de precios"),
    "close": N_("cerrar un periodo"),
    "pay": N_("registrar pagos"),
    "reverse_payment": N_("revertir un pago"),
    "void": N_("anular un recibo"),
    "reopen": N_("reabrir un periodo"),
    "backup": N_("hacer copias de seguridad"),
    "import": N_("importar archivos de datos"),
    "reports": N_("cambiar los ajustes de los indicadores"),
    "settings": N_("cambiar los datos de la asociación o restaurar copias"),
    "users": N_("administrar usuarios"),
    "dispatch": N_("registrar despachos de leche y lecturas de tanque"),
    "sales": N_("registrar compradores, precios, recepciones, cobros y gastos"),
    "write": N_("modificar datos"),
}

# the refusals whose {action} is a permission, said in words
ABOUT_PERMISSIONS = frozenset({"role_cannot", "reauth_required"})

"""The catalogue's general texts (Spanish: the msgids; English in the .po)."""

from coop_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    "many_errors": N_("Problemas encontrados: {count}."),
    "required": N_("Falta {field_name}."),
    "invalid_dni": N_("DNI inválido «{value}»: debe tener 8 dígitos."),
    "dni_lost_zero": N_(
        "DNI inválido «{value}»: tiene 7 dígitos. Si empezaba con cero, la hoja de cálculo "
        "se lo quitó al leerlo como número: es «{full}». Dé formato de texto a la columna "
        "DNI y escríbalo con su cero."
    ),
    "invalid_ruc": N_(
        "RUC inválido «{value}»: debe tener 11 dígitos y un dígito verificador correcto."
    ),
    "invalid_phone": N_("Teléfono inválido «{value}»: use de 6 a 15 dígitos."),
    "not_a_number": N_("{field_name}: «{value}» no es un número."),
    "ambiguous_number": N_(
        "{field_name}: «{value}» se puede leer de dos maneras: {first} (con separador de "
        "miles) o {second} (con coma o punto decimal). Escríbalo sin ambigüedad: {first} o "
        "{second}."
    ),
    "point_thousands": N_(
        "{field_name}: «{value}» usa punto de miles y coma decimal; aquí se escribe con "
        "punto decimal: {reading}."
    ),
    "not_an_integer": N_("{field_name}: «{value}» no es un número entero."),
    "too_many_decimals": N_("{field_name}: «{value}» tiene más de {scale} decimales."),
    "not_positive": N_("{field_name} debe ser mayor que cero (se recibió {value})."),
    "negative": N_("{field_name} no puede ser negativo (se recibió {value})."),
    "paid_before_period": N_("Fecha de pago {value}: es anterior al periodo {period} que paga."),
    "corrects_other_member": N_(
        "El movimiento {value} no es del socio {member}; un ajuste corrige solo movimientos "
        "del mismo socio."
    ),
    "delivery_has_test": N_(
        "La entrega {value} tiene un análisis (n.º {test}); bórrelo o cámbielo de entrega "
        "antes de borrar la entrega."
    ),
    "not_a_scheme_file": N_("{value} no es un esquema de precios (un archivo de texto JSON)."),
    "absurd_amount": N_("{field_name}: {value} es demasiado; el máximo es {maximum}."),
    "absurd_quantity": N_(
        "{field_name}: {value} es demasiado; el máximo por entrega es {maximum}."
    ),
    "out_of_range": N_(
        "{field_name}: {value} está fuera del rango posible ({minimum} a {maximum})."
    ),
    "unknown_measure": N_("Medida desconocida «{value}». Medidas válidas: {valid}."),
    "bad_measure_syntax": N_("Medida «{value}»: use CLAVE=VALOR, por ejemplo fat=3.6."),
    "bad_boolean": N_(
        "{field_name}: «{value}» no es un resultado válido; use pass/fail (negativo/positivo)."
    ),
    "no_measures": N_("El análisis no tiene ninguna medida."),
    "bad_choice": N_("{field_name}: «{value}» no es válido; opciones: {valid}."),
    "bad_date": N_("{field_name}: «{value}» no es una fecha válida (AAAA-MM-DD)."),
    "bad_typed_date": N_(
        "{field_name}: «{value}» no es una fecha; escríbala dd/mm, dd/mm/aa o dd/mm/aaaa."
    ),
    "future_date": N_("{field_name}: {value} es una fecha futura."),
    "reason_required": N_("Una entrega rechazada necesita un motivo."),
    "duplicate_code": N_("Ya existe un socio con el código «{value}»."),
    "duplicate_dni": N_("Ya existe un socio con el DNI {value} ({other})."),
    "unknown_member": N_("No existe un socio con el código «{value}»."),
    "ambiguous_member": N_(
        "Varios socios coinciden con «{value}»; escriba el código o más letras del nombre."
    ),
    "bad_series": N_("Serie «{value}» no válida: una letra y tres letras o números, como L001."),
    "unknown_delivery": N_("No existe la entrega número {value}."),
    "delivery_member_mismatch": N_("La entrega {value} es de otro socio ({other})."),
    "member_not_active": N_("El socio {value} está {status}: no puede registrar entregas."),
    "no_association": N_(
        "La base de datos no tiene asociación. Ejecute primero «coop init --name NOMBRE»."
    ),
    "association_exists": N_("La base de datos ya tiene una asociación: «{value}»."),
    "demo_not_empty": N_(
        "La base de datos ya tiene socios; los datos de demostración van en una base nueva."
    ),
    "network_share": N_(
        "«{value}» está en una unidad de red. SQLite no es seguro en carpetas compartidas: "
        "use una carpeta local o el modo PostgreSQL para compartir datos entre varias PC."
    ),
    "not_a_database": N_(
        "«{value}» no es una base de datos de Coop Desktop (archivo dañado o de otro programa)."
    ),
    "cannot_open_db": N_("No se pudo abrir la base de datos «{value}»: {reason}"),
    "newer_schema": N_(
        "La base de datos «{value}» es de una versión más nueva del programa; actualice Coop "
        "Desktop."
    ),
    "backup_target_exists": N_("El archivo «{value}» ya existe; elija otro nombre."),
    "backup_sqlite_only": N_(
        "La copia de seguridad integrada es para SQLite; en PostgreSQL use pg_dump."
    ),
    "file_not_found": N_("No se encontró el archivo «{value}»."),
    "bad_period": N_(
        "Periodo «{value}» no válido; use 2026-10, 2026-10-q1, 2026-10-d2 o 2026-W43."
    ),
    "period_closed": N_(
        "{value} está en el periodo {period}, que ya está cerrado; registre un ajuste en el "
        "primer día abierto ({next})."
    ),
    "period_overlap": N_(
        "El periodo {value} se superpone con {other}; use el ciclo de la asociación."
    ),
    "period_already_closed": N_("El periodo {value} ya está cerrado."),
    "period_not_closed": N_("El periodo {value} no está cerrado."),
    "period_paid": N_(
        "El periodo {value} no se puede reabrir: ya se pagó a {members}. Revierta esos pagos "
        "primero (coop pay {value} --reverse --member CÓDIGO --reason …) o registre un "
        "ajuste."
    ),
    "db_unsupported": N_(
        "{value}: solo se usan archivos SQLite o servidores PostgreSQL (postgresql://…)."
    ),
    "db_is_folder": N_(
        "{value} es una carpeta; indique el archivo de la base de datos (por ejemplo "
        "{value}/coop.db)."
    ),
    "db_empty_file": N_(
        "{value} es un archivo vacío, no una base de datos. Revise la ruta; para crear una "
        "nueva use «coop init»."
    ),
    "db_not_found": N_(
        "No existe la base de datos {value}. Revise la ruta; para crear una nueva use «coop "
        "init» (o el asistente de primer uso del programa)."
    ),
    "output_exists": N_(
        "No se sobrescribe {value}: ya existe y no es un PDF hecho por Coop Desktop. Elija "
        "otro nombre o agregue --force."
    ),
    "nothing_to_print": N_("No hay documentos que imprimir para {value}."),
    "cannot_write": N_("No se pudo escribir {value} ({reason}); no se guardó nada."),
    "output_is_database": N_(
        "No se escribe en {value}: es una base de datos. Elija otro nombre para el archivo."
    ),
    "backup_damaged": N_(
        "La copia {value} no está completa o está dañada ({reason}); no se restauró nada."
    ),
    "restore_same_file": N_("{value} es la base de datos abierta; elija una copia de seguridad."),
    "closed_period_write": N_(
        "No se guardó: la fecha cae en un periodo cerrado ({table}). Los periodos cerrados "
        "no cambian; registre un ajuste en el periodo abierto."
    ),
    "protected_data": N_(
        "No se guardó: los movimientos de dinero, las liquidaciones y la auditoría no se "
        "modifican ni se borran ({table}); las correcciones se registran como reversiones."
    ),
    "db_busy": N_(
        "La base de datos {value} está ocupada por otro programa o PC{holder_text}. Espere a "
        "que termine y vuelva a intentarlo; no se guardó nada."
    ),
    "disk_full": N_(
        "No hay espacio en el disco para la base de datos {value}; no se guardó nada. Libere "
        "espacio y vuelva a intentarlo."
    ),
    "db_damaged": N_(
        "La base de datos {value} está dañada ({reason}); no se escribió nada. Restaure la "
        "última copia de seguridad (coop restore)."
    ),
    "disk_error": N_(
        "El disco no pudo leer o escribir la base de datos {value} ({reason}); no se guardó "
        "nada. Revise el disco o el espacio y vuelva a intentarlo; los datos ya guardados no "
        "se tocaron."
    ),
    "db_schema_damaged": N_(
        "A la base de datos {value} le falta una parte ({reason}); no se escribió nada. "
        "Restaure la última copia de seguridad (coop restore)."
    ),
    "db_readonly": N_("La base de datos {value} es de solo lectura ({reason}); no se guardó nada."),
    "db_unreachable": N_("No se pudo conectar con la base de datos {value} ({reason})."),
    "settlement_not_paid": N_(
        "El socio {value} no tiene una liquidación pagada en el periodo {period}."
    ),
    "settlement_paid_void": N_(
        "La liquidación {value} ya fue pagada; no se anula. Para reimprimirla use una copia; "
        "si el pago fue un error, reviértalo primero."
    ),
    "later_period_closed": N_(
        "El periodo {other}, posterior a {value}, está cerrado; reábralo primero."
    ),
    "close_missing_tests": N_(
        "No se puede cerrar {value}: faltan {count} análisis que el esquema necesita:\n{items}"
    ),
    "starts_in_closed": N_(
        "{field_name}: {value} cae en o antes del periodo cerrado {period}; los cierres "
        "hechos no cambian. Use una fecha desde el {next}."
    ),
    "loan_too_split": N_(
        "Un préstamo de {principal} no se puede dividir en {value} cuotas: cada cuota debe "
        "ser de al menos S/ 0.01 (como máximo {maximum} cuotas)."
    ),
    "earlier_period_open": N_(
        "No se puede cerrar {value}: el periodo anterior {other} sigue abierto. Los periodos "
        "se cierran en orden; cierre {other} primero."
    ),
    "period_not_ended": N_(
        "El periodo {value} todavía no termina (termina el {end}). Ciérrelo antes solo si "
        "está seguro: confirme el cierre anticipado (en la línea de comandos, --before-end). "
        "Lo que se entregue después irá al periodo siguiente como ajuste."
    ),
    "nothing_open": N_("No hay periodos abiertos con movimientos para cerrar."),
    "nothing_to_close": N_("El periodo {value} no tiene movimientos."),
    "no_settlement": N_("El socio {value} no tiene liquidación en el periodo {period}."),
    "unknown_product": N_("No existe el producto «{value}»."),
    "duplicate_product": N_("Ya existe el producto «{value}»."),
    "unknown_entry": N_("No existe el movimiento {value}."),
    "reason_missing": N_("Indique el motivo."),
    "unknown_receipt": N_("No existe el recibo {value}."),
    "unknown_settlement": N_("No existe la liquidación {value}."),
    "settlement_void": N_("La liquidación {value} ya está anulada."),
    "cancelled": N_("Operación cancelada; no se guardó nada."),
    "check_failed": N_("La verificación encontró {count} problemas."),
}


FIELDS: dict[str, str] = {
    "name": N_("nombre"),
    "given_names": N_("nombres"),
    "surnames": N_("apellidos"),
    "code": N_("código"),
    "dni": N_("DNI"),
    "ruc": N_("RUC"),
    "gender": N_("sexo"),
    "phone": N_("teléfono"),
    "quantity": N_("cantidad"),
    "unit": N_("unidad"),
    "date": N_("fecha"),
    "shift": N_("turno"),
    "member": N_("socio"),
    "reject_reason": N_("motivo de rechazo"),
    "cycle": N_("ciclo de pago"),
    "measure": N_("medida"),
    "delivery": N_("entrega"),
    "status": N_("estado"),
    "herd_size": N_("número de vacas"),
    "payment_method": N_("forma de pago"),
    "members": N_("socios"),
    "days": N_("días"),
    "centre": N_("centro de acopio"),
    "period": N_("periodo"),
    "amount": N_("monto"),
    "price": N_("precio"),
    "instalments": N_("cuotas"),
    "reason": N_("motivo"),
    "product": N_("producto"),
    "kind": N_("tipo"),
    "per": N_("aplicación"),
    "start": N_("fecha de inicio"),
    "priority": N_("orden de descuentos"),
}


STATUSES: dict[str, str] = {
    "active": N_("activo(a)"),
    "suspended": N_("suspendido(a)"),
    "retired": N_("retirado(a)"),
}


SETTLEMENT_STATUSES: dict[str, str] = {
    "issued": N_("emitida"),
    "paid": N_("pagada"),
    "void": N_("anulada"),
}

"""The catalogue's imports texts (Spanish: the msgids; English in the .po)."""

from coop_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    "sheet_chosen": N_(
        "Se lee la hoja «{value}» (la hoja activa del libro); no se leen las hojas ocultas: "
        "{hidden}."
    ),
    "sheet_hidden": N_("La hoja «{value}» está oculta; se lee porque se pidió."),
    "header_found": N_("Encabezado en la fila {row}: tiene {count} nombres de columna conocidos."),
    "header_found_below": N_(
        "Encabezado en la fila {row}: tiene {count} nombres de columna conocidos; las filas "
        "de arriba (título, grupos de columnas) se saltaron."
    ),
    "header_given": N_("Encabezado en la fila {row}, como se indicó."),
    "header_not_found": N_(
        "No se reconoce el encabezado: ninguna de las primeras {scan} filas tiene dos "
        "nombres de columna conocidos, así que se tomó la fila {row} («{text}»), la primera "
        "con datos. Si el encabezado está en otra fila, indíquela (--header-row N, o «Fila "
        "del encabezado» en la ventana) o asigne las columnas."
    ),
    "header_taken_most": N_(
        "Se tomó la fila {row} como encabezado (la que más nombres de columna conocidos "
        "tiene: {count}): «{text}». Si el encabezado es otra fila, indíquela (--header-row "
        "N, o «Fila del encabezado» en la ventana)."
    ),
    "header_taken_given": N_("Se tomó la fila {row} como encabezado, como se indicó: «{text}»."),
    "header_row_missing": N_(
        "La fila {row} no tiene datos; las filas con datos van de la {first} a la {last}."
    ),
    "totals_row": N_("fila de totales («{value}»): no se importa."),
    "sample_number_as_member": N_(
        "columna «{value}»: el número de muestra se toma como el código del socio (el "
        "operador escribe el código como número de muestra)."
    ),
    "full_name_split_sg": N_(
        "columna «{value}»: cada nombre completo se divide en apellidos (lo que va antes de "
        "una coma; sin coma, las dos primeras palabras) y nombres (el resto). Por ejemplo, "
        "fila {row}: «{example}» → apellidos «{surnames}», nombres «{given}». Revise los "
        "apellidos compuestos."
    ),
    "full_name_split_gs": N_(
        "columna «{value}»: cada nombre completo se divide en nombres y apellidos (lo que va "
        "antes de una coma son los apellidos; sin coma, las dos últimas palabras). Por "
        "ejemplo, fila {row}: «{example}» → apellidos «{surnames}», nombres «{given}». "
        "Revise los apellidos compuestos."
    ),
    "full_name_short": N_("{field_name}: «{value}» debe tener al menos un apellido y un nombre."),
    "practice_needs_date": N_(
        "Práctica «{value}»: escriba la fecha desde la que la practica (dd/mm/aaaa); "
        "«{cell}» no es una fecha."
    ),
    "member_differs": N_(
        "el código «{value}» ya es de {name}, con otros datos: {fields}. Corríjalo en Socios "
        "o quite la fila."
    ),
    "correction_to_confirm": N_(
        "{value}, {day} ({shift}): la base tiene {before}; el archivo dice {after} "
        "({difference}). Es una corrección de esa entrega: confírmela (--correct, o "
        "«Importar» y confirmar) o quite la fila."
    ),
    "test_correction_to_confirm": N_(
        "{value}, muestra del {day}: la base tiene {before}; el archivo dice {after}. Es una "
        "corrección de ese análisis: confírmela (--correct, o «Importar» y confirmar) o "
        "quite la fila."
    ),
    "two_quantities": N_(
        "la fila tiene dos cantidades; una entrega tiene una sola (en litros o en kg, "
        "aceptada o rechazada)."
    ),
    "correction_in_closed": N_(
        "{value}, {day}: la base tiene {before} y el archivo dice {after}, pero {reason}"
    ),
}


FIELDS: dict[str, str] = {
    "header_row": N_("fila del encabezado"),
    "surnames_and_names": N_("apellidos y nombres"),
    "names_and_surnames": N_("nombres y apellidos"),
}

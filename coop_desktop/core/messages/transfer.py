"""The catalogue's transfer texts (Spanish: the msgids; English in the .po)."""

from coop_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    "file_empty": N_("El archivo está vacío."),
    "file_no_rows": N_("El archivo tiene encabezados pero ninguna fila de datos."),
    "file_too_large": N_(
        "El archivo pesa {size} MB; el máximo es {maximum} MB. Divídalo en varios archivos "
        "(por ejemplo, uno por mes)."
    ),
    "file_binary": N_("«{value}» no es un archivo de texto CSV ni un libro XLSX."),
    "file_xls": N_(
        "«{value}» es un libro de Excel 97-2003 (.xls): guárdelo como .xlsx o como CSV."
    ),
    "file_unreadable": N_("No se pudo leer «{value}»: {reason}"),
    "bad_encoding": N_(
        "El texto no está en {encoding} (byte {byte}); elija otra codificación (UTF-8 o "
        "Windows-1252)."
    ),
    "mojibake": N_(
        "«{value}» parece texto UTF-8 leído como Windows-1252; elija la codificación UTF-8."
    ),
    "unknown_sheet": N_("El libro no tiene la hoja «{value}»; hojas: {valid}."),
    "formula_cell": N_(
        "la celda tiene una fórmula ({value}); copie y pegue la columna como valores."
    ),
    "merged_cells": N_("celdas combinadas {value}: sepárelas y escriba el valor en cada fila."),
    "too_many_cells": N_(
        "la fila tiene {count} valores y el encabezado {expected} (¿una coma o un punto y "
        "coma dentro de un nombre, sin comillas?)."
    ),
    "unknown_column": N_(
        "no se reconoce la columna «{value}»; asígnela a un dato o márquela para ignorar."
    ),
    "unnamed_column": N_(
        "la columna no tiene encabezado pero tiene datos; póngale un nombre o ignórela."
    ),
    "missing_column": N_("Falta la columna de {field_name} (encabezados encontrados: {found})."),
    "duplicate_column": N_("las columnas {value} son ambas de {field_name}; ignore una de ellas."),
    "no_measure_columns": N_("El archivo no tiene ninguna columna de medidas (grasa, ST, UFC…)."),
    "bad_mapping": N_("«{value}» no es un dato que se pueda importar aquí; opciones: {valid}."),
    "excel_serial_date": N_(
        "{field_name}: «{value}» parece un número de fecha de Excel; escriba la fecha como "
        "dd/mm/aaaa o dé formato de fecha a la columna."
    ),
    "bad_import_date": N_(
        "{field_name}: «{value}» no es una fecha; use dd/mm/aaaa (como 01/10/2026) o AAAA-MM-DD."
    ),
    "two_digit_year": N_(
        "{field_name}: «{value}» tiene el año en dos cifras; escriba los cuatro (2026)."
    ),
    "duplicate_in_file": N_("{field_name} «{value}» se repite en el archivo (fila {other})."),
    "row_problem": N_("Fila {row}, columna {column}: {reason}"),
    "row_problem_nocol": N_("Fila {row}: {reason}"),
    "same_shift_in_db": N_("{value} ya tiene una entrega el {day} ({shift}); se registrará otra."),
    "same_shift_in_file": N_(
        "{value} tiene dos entregas el {day} ({shift}) en el archivo (fila {other})."
    ),
    "ignored_known_column": N_("columna «{value}» ignorada: el programa no guarda ese dato."),
    "bad_range": N_(
        "«{value}» no es un periodo (2026-10, 2026-10-q1) ni un rango (2026-10-01..2026-10-31)."
    ),
    "range_needs_period": N_(
        "{value}: este archivo sale de un periodo cerrado; indique su código (2026-10-q1)."
    ),
    "bad_export_format": N_("«{value}»: el archivo debe terminar en .xlsx o .csv."),
    "unknown_export": N_("«{value}» no es un tipo de exportación; opciones: {valid}."),
    "bad_pattern": N_("Patrón «{value}» no válido: {reason}"),
    "unknown_preset": N_("No hay un modelo «{value}»; modelos: {valid}."),
    "scale_overload": N_("La balanza indica sobrecarga (OL)."),
    "scale_unit": N_("La balanza envía «{value}»; el acopio se registra en kg."),
}


FIELDS: dict[str, str] = {
    "bank": N_("banco"),
    "account": N_("cuenta"),
    "wallet": N_("billetera móvil"),
    "file": N_("archivo"),
    "sheet": N_("hoja"),
    "column": N_("columna"),
    "lab": N_("laboratorio"),
    "cooled": N_("enfriada"),
    "rejected": N_("rechazada"),
    "alcohol_positive": N_("alcohol"),
    "joined_on": N_("fecha de ingreso"),
    "community": N_("comunidad"),
    "district": N_("distrito"),
    "province": N_("provincia"),
    "department": N_("departamento"),
    "address": N_("dirección"),
    "member_dni": N_("DNI del socio"),
    "litres": N_("litros"),
    "kg": N_("kilos"),
    "range": N_("periodo o rango de fechas"),
    "format": N_("formato"),
    "pattern": N_("patrón"),
    "weight": N_("peso"),
}

"""Messages of imports, exports and instruments (registered into the shared catalogue)."""

from coop_desktop.messages import FIELD_NAMES, add_messages

FIELD_NAMES.update(
    {
        "bank": ("banco", "bank"),
        "account": ("cuenta", "account"),
        "wallet": ("billetera móvil", "mobile wallet"),
        "file": ("archivo", "file"),
        "sheet": ("hoja", "sheet"),
        "column": ("columna", "column"),
        "lab": ("laboratorio", "lab"),
        "cooled": ("enfriada", "cooled"),
        "rejected": ("rechazada", "rejected"),
        "alcohol_positive": ("alcohol", "alcohol"),
        "joined_on": ("fecha de ingreso", "joined on"),
        "community": ("comunidad", "community"),
        "district": ("distrito", "district"),
        "province": ("provincia", "province"),
        "department": ("departamento", "department"),
        "address": ("dirección", "address"),
        "member_dni": ("DNI del socio", "member's DNI"),
        "litres": ("litros", "litres"),
        "kg": ("kilos", "kilograms"),
        "range": ("periodo o rango de fechas", "period or date range"),
        "format": ("formato", "format"),
        "pattern": ("patrón", "pattern"),
        "weight": ("peso", "weight"),
    }
)

add_messages(
    {
        # Reading the file
        "file_empty": ("El archivo está vacío.", "The file is empty."),
        "file_no_rows": (
            "El archivo tiene encabezados pero ninguna fila de datos.",
            "The file has headers but no data rows.",
        ),
        "file_too_large": (
            "El archivo pesa {size} MB; el máximo es {maximum} MB. Divídalo en varios archivos "
            "(por ejemplo, uno por mes).",
            "The file is {size} MB; the maximum is {maximum} MB. Split it into several files "
            "(for example, one per month).",
        ),
        "file_binary": (
            "«{value}» no es un archivo de texto CSV ni un libro XLSX.",
            "«{value}» is neither a CSV text file nor an XLSX workbook.",
        ),
        "file_xls": (
            "«{value}» es un libro de Excel 97-2003 (.xls): guárdelo como .xlsx o como CSV.",
            "«{value}» is an Excel 97-2003 workbook (.xls): save it as .xlsx or CSV.",
        ),
        "file_unreadable": (
            "No se pudo leer «{value}»: {reason}",
            "«{value}» could not be read: {reason}",
        ),
        "bad_encoding": (
            "El texto no está en {encoding} (byte {byte}); elija otra codificación "
            "(UTF-8 o Windows-1252).",
            "The text is not {encoding} (byte {byte}); choose another encoding "
            "(UTF-8 or Windows-1252).",
        ),
        "mojibake": (
            "«{value}» parece texto UTF-8 leído como Windows-1252; elija la codificación UTF-8.",
            "«{value}» looks like UTF-8 text read as Windows-1252; choose the UTF-8 encoding.",
        ),
        "unknown_sheet": (
            "El libro no tiene la hoja «{value}»; hojas: {valid}.",
            "The workbook has no sheet «{value}»; sheets: {valid}.",
        ),
        "formula_cell": (
            "la celda tiene una fórmula ({value}); copie y pegue la columna como valores.",
            "the cell holds a formula ({value}); copy and paste the column as values.",
        ),
        "merged_cells": (
            "celdas combinadas {value}: sepárelas y escriba el valor en cada fila.",
            "merged cells {value}: unmerge them and write the value on every row.",
        ),
        "too_many_cells": (
            "la fila tiene {count} valores y el encabezado {expected} (¿una coma o un punto y "
            "coma dentro de un nombre, sin comillas?).",
            "the row has {count} values and the header {expected} (a comma or semicolon inside "
            "a name, without quotes?).",
        ),
        # Columns
        "unknown_column": (
            "no se reconoce la columna «{value}»; asígnela a un dato o márquela para ignorar.",
            "column «{value}» is not recognised; map it to a field or mark it to be ignored.",
        ),
        "unnamed_column": (
            "la columna no tiene encabezado pero tiene datos; póngale un nombre o ignórela.",
            "the column has no header but holds data; name it or ignore it.",
        ),
        "missing_column": (
            "Falta la columna de {field_name} (encabezados encontrados: {found}).",
            "The {field_name} column is missing (headers found: {found}).",
        ),
        "duplicate_column": (
            "las columnas {value} son ambas de {field_name}; ignore una de ellas.",
            "columns {value} are both {field_name}; ignore one of them.",
        ),
        "no_measure_columns": (
            "El archivo no tiene ninguna columna de medidas (grasa, ST, UFC…).",
            "The file has no measure column (fat, total solids, bacterial count…).",
        ),
        "bad_mapping": (
            "«{value}» no es un dato que se pueda importar aquí; opciones: {valid}.",
            "«{value}» is not a field that can be imported here; choices: {valid}.",
        ),
        # Cells
        "excel_serial_date": (
            "{field_name}: «{value}» parece un número de fecha de Excel; escriba la fecha como "
            "dd/mm/aaaa o dé formato de fecha a la columna.",
            "{field_name}: «{value}» looks like an Excel date number; write the date as "
            "dd/mm/yyyy or give the column a date format.",
        ),
        "bad_import_date": (
            "{field_name}: «{value}» no es una fecha; use dd/mm/aaaa (como 01/10/2026) o "
            "AAAA-MM-DD.",
            "{field_name}: «{value}» is not a date; use dd/mm/yyyy (like 01/10/2026) or "
            "YYYY-MM-DD.",
        ),
        "two_digit_year": (
            "{field_name}: «{value}» tiene el año en dos cifras; escriba los cuatro (2026).",
            "{field_name}: «{value}» has a two-digit year; write all four (2026).",
        ),
        "duplicate_in_file": (
            "{field_name} «{value}» se repite en el archivo (fila {other}).",
            "{field_name} «{value}» is repeated in the file (row {other}).",
        ),
        "row_problem": (
            "Fila {row}, columna {column}: {reason}",
            "Row {row}, column {column}: {reason}",
        ),
        "row_problem_nocol": ("Fila {row}: {reason}", "Row {row}: {reason}"),
        "same_shift_in_db": (
            "{value} ya tiene una entrega el {day} ({shift}); se registrará otra.",
            "{value} already has a delivery on {day} ({shift}); another one will be recorded.",
        ),
        "same_shift_in_file": (
            "{value} tiene dos entregas el {day} ({shift}) en el archivo (fila {other}).",
            "{value} has two deliveries on {day} ({shift}) in the file (row {other}).",
        ),
        "ignored_known_column": (
            "columna «{value}» ignorada: el programa no guarda ese dato.",
            "column «{value}» ignored: the program does not keep that value.",
        ),
        # Exports
        "bad_range": (
            "«{value}» no es un periodo (2026-10, 2026-10-q1) ni un rango "
            "(2026-10-01..2026-10-31).",
            "«{value}» is neither a period (2026-10, 2026-10-q1) nor a range "
            "(2026-10-01..2026-10-31).",
        ),
        "range_needs_period": (
            "{value}: este archivo sale de un periodo cerrado; indique su código (2026-10-q1).",
            "{value}: this file comes from a closed period; give its code (2026-10-q1).",
        ),
        "bad_export_format": (
            "«{value}»: el archivo debe terminar en .xlsx o .csv.",
            "«{value}»: the file name must end in .xlsx or .csv.",
        ),
        "unknown_export": (
            "«{value}» no es un tipo de exportación; opciones: {valid}.",
            "«{value}» is not an export kind; choices: {valid}.",
        ),
        # Instruments
        "bad_pattern": (
            "Patrón «{value}» no válido: {reason}",
            "Invalid pattern «{value}»: {reason}",
        ),
        "unknown_preset": (
            "No hay un modelo «{value}»; modelos: {valid}.",
            "There is no model «{value}»; models: {valid}.",
        ),
        "scale_overload": (
            "La balanza indica sobrecarga (OL).",
            "The scale reports an overload (OL).",
        ),
        "scale_unit": (
            "La balanza envía «{value}»; el acopio se registra en kg.",
            "The scale sends «{value}»; collection is recorded in kg.",
        ),
    }
)

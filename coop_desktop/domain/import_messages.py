"""Messages of imports that take files as they come: which sheet and header row were read
and why, totals rows left aside, rows already in the database, corrections to confirm."""

from coop_desktop.messages import FIELD_NAMES, add_messages

FIELD_NAMES.update(
    {
        "header_row": ("fila del encabezado", "header row"),
        "surnames_and_names": ("apellidos y nombres", "surnames and names"),
        "names_and_surnames": ("nombres y apellidos", "names and surnames"),
    }
)

add_messages(
    {
        "sheet_chosen": (
            "Se lee la hoja «{value}» (la hoja activa del libro); no se leen las hojas "
            "ocultas: {hidden}.",
            "Reading the sheet «{value}» (the workbook's active sheet); hidden sheets are not "
            "read: {hidden}.",
        ),
        "sheet_hidden": (
            "La hoja «{value}» está oculta; se lee porque se pidió.",
            "The sheet «{value}» is hidden; it is read because it was asked for.",
        ),
        "header_found": (
            "Encabezado en la fila {row}: tiene {count} nombres de columna conocidos.",
            "Header on row {row}: it has {count} known column names.",
        ),
        "header_found_below": (
            "Encabezado en la fila {row}: tiene {count} nombres de columna conocidos; las filas "
            "de arriba (título, grupos de columnas) se saltaron.",
            "Header on row {row}: it has {count} known column names; the rows above (title, "
            "column groups) were skipped.",
        ),
        "header_given": (
            "Encabezado en la fila {row}, como se indicó.",
            "Header on row {row}, as given.",
        ),
        "header_not_found": (
            "No se reconoce el encabezado: ninguna de las primeras {scan} filas tiene dos "
            "nombres de columna conocidos, así que se tomó la fila {row} («{text}»), la primera "
            "con datos. Si el encabezado está en otra fila, indíquela (--header-row N, o «Fila "
            "del encabezado» en la ventana) o asigne las columnas.",
            "The header is not recognised: none of the first {scan} rows has two known "
            "column names, so row {row} («{text}»), the first with data, was taken. If the "
            "header is on another row, give it (--header-row N, or «Header row» in the "
            "window) or map the columns.",
        ),
        "header_taken_most": (
            "Se tomó la fila {row} como encabezado (la que más nombres de columna conocidos "
            "tiene: {count}): «{text}». Si el encabezado es otra fila, indíquela (--header-row "
            "N, o «Fila del encabezado» en la ventana).",
            "Row {row} was taken as the header (the one with the most known column names: "
            "{count}): «{text}». If the header is another row, give it (--header-row N, or "
            "«Header row» in the window).",
        ),
        "header_taken_given": (
            "Se tomó la fila {row} como encabezado, como se indicó: «{text}».",
            "Row {row} was taken as the header, as given: «{text}».",
        ),
        "header_row_missing": (
            "La fila {row} no tiene datos; las filas con datos van de la {first} a la {last}.",
            "Row {row} holds no data; the rows with data run from {first} to {last}.",
        ),
        "totals_row": (
            "fila de totales («{value}»): no se importa.",
            "totals row («{value}»): not imported.",
        ),
        "sample_number_as_member": (
            "columna «{value}»: el número de muestra se toma como el código del socio (el "
            "operador escribe el código como número de muestra).",
            "column «{value}»: the sample number is taken as the member's code (the operator "
            "types the code as the sample number).",
        ),
        "full_name_split_sg": (
            "columna «{value}»: cada nombre completo se divide en apellidos (lo que va antes de "
            "una coma; sin coma, las dos primeras palabras) y nombres (el resto). Por ejemplo, "
            "fila {row}: «{example}» → apellidos «{surnames}», nombres «{given}». Revise los "
            "apellidos compuestos.",
            "column «{value}»: each full name is split into surnames (what comes before a "
            "comma; without one, the first two words) and given names (the rest). For example, "
            "row {row}: «{example}» → surnames «{surnames}», given names «{given}». Check "
            "compound surnames.",
        ),
        "full_name_split_gs": (
            "columna «{value}»: cada nombre completo se divide en nombres y apellidos (lo que "
            "va antes de una coma son los apellidos; sin coma, las dos últimas palabras). Por "
            "ejemplo, fila {row}: «{example}» → apellidos «{surnames}», nombres «{given}». "
            "Revise los apellidos compuestos.",
            "column «{value}»: each full name is split into given names and surnames (what "
            "comes before a comma is the surnames; without one, the last two words). For "
            "example, row {row}: «{example}» → surnames «{surnames}», given names «{given}». "
            "Check compound surnames.",
        ),
        "full_name_short": (
            "{field_name}: «{value}» debe tener al menos un apellido y un nombre.",
            "{field_name}: «{value}» needs at least a surname and a given name.",
        ),
        "practice_needs_date": (
            "Práctica «{value}»: escriba la fecha desde la que la practica (dd/mm/aaaa); «{cell}» "
            "no es una fecha.",
            "Practice «{value}»: write the date from which it is practised (dd/mm/yyyy); "
            "«{cell}» is not a date.",
        ),
        "member_differs": (
            "el código «{value}» ya es de {name}, con otros datos: {fields}. Corríjalo en "
            "Socios o quite la fila.",
            "code «{value}» already belongs to {name}, with other data: {fields}. Correct it "
            "in Members or remove the row.",
        ),
        "correction_to_confirm": (
            "{value}, {day} ({shift}): la base tiene {before}; el archivo dice {after} "
            "({difference}). Es una corrección de esa entrega: confírmela (--correct, o "
            "«Importar» y confirmar) o quite la fila.",
            "{value}, {day} ({shift}): the database holds {before}; the file says {after} "
            "({difference}). It corrects that delivery: confirm it (--correct, or «Import» "
            "and confirm) or remove the row.",
        ),
        "test_correction_to_confirm": (
            "{value}, muestra del {day}: la base tiene {before}; el archivo dice {after}. Es "
            "una corrección de ese análisis: confírmela (--correct, o «Importar» y confirmar) "
            "o quite la fila.",
            "{value}, sample of {day}: the database holds {before}; the file says {after}. It "
            "corrects that test: confirm it (--correct, or «Import» and confirm) or remove the "
            "row.",
        ),
        "two_quantities": (
            "la fila tiene dos cantidades; una entrega tiene una sola (en litros o en kg, "
            "aceptada o rechazada).",
            "the row has two quantities; a delivery has one (in litres or kg, accepted or "
            "rejected).",
        ),
        "correction_in_closed": (
            "{value}, {day}: la base tiene {before} y el archivo dice {after}, pero {reason}",
            "{value}, {day}: the database holds {before} and the file says {after}, but {reason}",
        ),
    }
)

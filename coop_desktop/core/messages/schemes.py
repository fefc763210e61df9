"""The catalogue's schemes texts (Spanish: the msgids; English in the .po)."""

from coop_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    "scheme_not_object": N_("{path}: se esperaba un objeto {{…}}."),
    "scheme_required": N_("{path}: falta este dato."),
    "scheme_not_number": N_("{path}: «{value}» no es un número."),
    "scheme_not_positive": N_("{path}: debe ser mayor que cero (es {value})."),
    "scheme_negative": N_("{path}: no puede ser negativo (es {value})."),
    "scheme_not_text": N_("{path}: se esperaba un texto."),
    "scheme_bad_choice": N_("{path}: «{value}» no es válido; opciones: {valid}."),
    "scheme_unknown_measure": N_("{path}: medida desconocida «{value}»; válidas: {valid}."),
    "scheme_bad_missing": N_('{path}: use "stop", "warn", {{"use": valor}} o {{"amount": monto}}.'),
    "scheme_empty_list": N_("{path}: se esperaba una lista con al menos un elemento."),
    "scheme_band_empty": N_("{path}: el límite superior {high} debe ser mayor que {low}."),
    "scheme_band_gap": N_(
        "{path}: hay un hueco entre {low} y {high}; las bandas deben ser contiguas [desde, hasta)."
    ),
    "scheme_band_overlap": N_(
        "{path}: {value} se superpone con la banda anterior (que llega a {previous})."
    ),
    "scheme_chart_edges": N_("{path}: se esperan al menos dos límites."),
    "scheme_chart_order": N_("{path}: {value} debe ser mayor que {previous}."),
    "scheme_chart_shape": N_("{path}: la tabla debe tener {rows} filas de {cols} valores."),
    "scheme_chart_hole": N_("{path}: la tabla tiene un casillero vacío."),
    "scheme_weights_sum": N_("{path}: los pesos deben sumar 1 (suman {total})."),
    "scheme_rejection_rule": N_(
        "{path}: indique «positive» para pruebas sí/no, o «above»/«below» para valores."
    ),
    "scheme_bad_name": N_(
        "{path}: «{value}» no sirve como nombre; use minúsculas, números y guiones."
    ),
    "scheme_bad_currency": N_("{path}: «{value}» no es un código de moneda (PEN, USD, EUR…)."),
    "scheme_bad_json": N_("El archivo no es JSON válido: {reason}"),
    "scheme_duplicate_key": N_(
        "El archivo escribe «{key}» dos veces en el mismo lugar: deje uno solo (no se sabe "
        "cuál vale)."
    ),
    "scheme_unknown_key": N_(
        "{path}: este dato no existe en un esquema{hint}; se rechaza para no pagar distinto "
        "de lo que se escribió."
    ),
    "scheme_bad_type": N_(
        "{path}: «{value}» no es un tipo de componente; tipos: base, steps, bands, flag, "
        "volume, component, chart, linear, per_volume."
    ),
    "scheme_not_list": N_("{path}: se esperaba una lista […]."),
    "scheme_not_yes_no": N_("{path}: escriba true (sí) o false (no)."),
    "scheme_not_integer": N_("{path}: se esperaba un número entero."),
    "scheme_out_of_range": N_("{path}: {value} está fuera de lo posible."),
    "scheme_invalid": N_("{path}: valor no válido ({value})."),
    "scheme_too_large": N_("{path}: «{value}» es demasiado grande (como máximo {limit})."),
    "scheme_too_many_places": N_(
        "{path}: «{value}» tiene más decimales de los que se guardan (como máximo {places})."
    ),
    "scheme_too_long": N_(
        "{path}: el texto «{value}» es demasiado largo (como máximo {limit} letras)."
    ),
    "scheme_bad_outside": N_(
        '{path}: use "stop" (no pagar y avisar), "nearest" (la casilla más cercana) o '
        '{{"amount": tarifa}}.'
    ),
    "scheme_chart_same_measure": N_(
        "{path}: filas y columnas no pueden ser la misma medida ({value})."
    ),
    "scheme_only_for": N_("{path}: este dato solo se usa con «{value}»; quítelo o cambie el tipo."),
    "outside_chart": N_(
        "{measures} para {what}: el esquema no paga valores fuera de la tabla (defina "
        "«if_outside» en el esquema o revise el análisis)."
    ),
    "missing_quality": N_(
        "Falta el análisis de {measures} para {what}; el esquema no dice qué hacer (agregue "
        "el análisis o defina «if_missing» en el esquema)."
    ),
    "no_scheme_in_force": N_("No hay un esquema de precios vigente el {value}."),
    "unknown_scheme": N_("No existe el esquema «{value}»."),
    "scheme_in_closed_period": N_(
        "Una versión vigente desde el {value} cambiaría lo que se pagó en el periodo cerrado "
        "{period}; elija una fecha desde el {after} (o reabra el periodo)."
    ),
    "scheme_version_exists": N_(
        "Ya hay un esquema vigente desde el {value} («{other}»); elija otra fecha."
    ),
}

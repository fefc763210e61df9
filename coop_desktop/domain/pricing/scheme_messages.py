"""Messages of the pricing rules (registered into the shared catalogue on import)."""

from coop_desktop.messages import add_messages

add_messages(
    {
        "scheme_not_object": (
            "{path}: se esperaba un objeto {{…}}.",
            "{path}: an object {{…}} was expected.",
        ),
        "scheme_required": ("{path}: falta este dato.", "{path}: this value is missing."),
        "scheme_not_number": (
            "{path}: «{value}» no es un número.",
            "{path}: «{value}» is not a number.",
        ),
        "scheme_not_positive": (
            "{path}: debe ser mayor que cero (es {value}).",
            "{path}: must be greater than zero (is {value}).",
        ),
        "scheme_negative": (
            "{path}: no puede ser negativo (es {value}).",
            "{path}: cannot be negative (is {value}).",
        ),
        "scheme_not_text": ("{path}: se esperaba un texto.", "{path}: a text was expected."),
        "scheme_bad_choice": (
            "{path}: «{value}» no es válido; opciones: {valid}.",
            "{path}: «{value}» is not valid; choices: {valid}.",
        ),
        "scheme_unknown_measure": (
            "{path}: medida desconocida «{value}»; válidas: {valid}.",
            "{path}: unknown measure «{value}»; valid: {valid}.",
        ),
        "scheme_bad_missing": (
            '{path}: use "stop", "warn", {{"use": valor}} o {{"amount": monto}}.',
            '{path}: use "stop", "warn", {{"use": value}} or {{"amount": amount}}.',
        ),
        "scheme_empty_list": (
            "{path}: se esperaba una lista con al menos un elemento.",
            "{path}: a list with at least one item was expected.",
        ),
        "scheme_band_empty": (
            "{path}: el límite superior {high} debe ser mayor que {low}.",
            "{path}: the upper limit {high} must be greater than {low}.",
        ),
        "scheme_band_gap": (
            "{path}: hay un hueco entre {low} y {high}; las bandas deben ser "
            "contiguas [desde, hasta).",
            "{path}: there is a gap between {low} and {high}; bands must be "
            "contiguous [low, high).",
        ),
        "scheme_band_overlap": (
            "{path}: {value} se superpone con la banda anterior (que llega a {previous}).",
            "{path}: {value} overlaps the previous band (which ends at {previous}).",
        ),
        "scheme_chart_edges": (
            "{path}: se esperan al menos dos límites.",
            "{path}: at least two edges are expected.",
        ),
        "scheme_chart_order": (
            "{path}: {value} debe ser mayor que {previous}.",
            "{path}: {value} must be greater than {previous}.",
        ),
        "scheme_chart_shape": (
            "{path}: la tabla debe tener {rows} filas de {cols} valores.",
            "{path}: the chart must have {rows} rows of {cols} values.",
        ),
        "scheme_chart_hole": (
            "{path}: la tabla tiene un casillero vacío.",
            "{path}: the chart has an empty cell.",
        ),
        "scheme_weights_sum": (
            "{path}: los pesos deben sumar 1 (suman {total}).",
            "{path}: the weights must add up to 1 (they add up to {total}).",
        ),
        "scheme_rejection_rule": (
            "{path}: indique «positive» para pruebas sí/no, o «above»/«below» para valores.",
            "{path}: give «positive» for pass/fail tests, or «above»/«below» for values.",
        ),
        "scheme_bad_name": (
            "{path}: «{value}» no sirve como nombre; use minúsculas, números y guiones.",
            "{path}: «{value}» cannot be a name; use lower case, digits and dashes.",
        ),
        "scheme_bad_currency": (
            "{path}: «{value}» no es un código de moneda (PEN, USD, EUR…).",
            "{path}: «{value}» is not a currency code (PEN, USD, EUR…).",
        ),
        "scheme_bad_json": (
            "El archivo no es JSON válido: {reason}",
            "The file is not valid JSON: {reason}",
        ),
        "scheme_duplicate_key": (
            "El archivo escribe «{key}» dos veces en el mismo lugar: deje uno solo (no se sabe "
            "cuál vale).",
            "The file writes «{key}» twice in the same place: keep one (which one counts is "
            "not known).",
        ),
        "scheme_unknown_key": (
            "{path}: este dato no existe en un esquema{hint}; se rechaza para no pagar "
            "distinto de lo que se escribió.",
            "{path}: a scheme has no such value{hint}; it is refused so as not to pay "
            "differently from what was written.",
        ),
        "scheme_bad_type": (
            "{path}: «{value}» no es un tipo de componente; tipos: base, steps, bands, flag, "
            "volume, component, chart, linear, per_volume.",
            "{path}: «{value}» is not a component type; types: base, steps, bands, flag, "
            "volume, component, chart, linear, per_volume.",
        ),
        "scheme_not_list": (
            "{path}: se esperaba una lista […].",
            "{path}: a list […] was expected.",
        ),
        "scheme_not_yes_no": (
            "{path}: escriba true (sí) o false (no).",
            "{path}: write true (yes) or false (no).",
        ),
        "scheme_not_integer": (
            "{path}: se esperaba un número entero.",
            "{path}: a whole number was expected.",
        ),
        "scheme_out_of_range": (
            "{path}: {value} está fuera de lo posible.",
            "{path}: {value} is out of the possible range.",
        ),
        "scheme_invalid": (
            "{path}: valor no válido ({value}).",
            "{path}: invalid value ({value}).",
        ),
        "scheme_too_large": (
            "{path}: «{value}» es demasiado grande (como máximo {limit}).",
            "{path}: «{value}» is too large (at most {limit}).",
        ),
        "scheme_too_many_places": (
            "{path}: «{value}» tiene más decimales de los que se guardan (como máximo {places}).",
            "{path}: «{value}» has more decimal places than are kept (at most {places}).",
        ),
        "scheme_too_long": (
            "{path}: el texto «{value}» es demasiado largo (como máximo {limit} letras).",
            "{path}: the text «{value}» is too long (at most {limit} characters).",
        ),
        "scheme_bad_outside": (
            '{path}: use "stop" (no pagar y avisar), "nearest" (la casilla más cercana) o '
            '{{"amount": tarifa}}.',
            '{path}: use "stop" (do not pay, warn), "nearest" (the nearest cell) or '
            '{{"amount": rate}}.',
        ),
        "scheme_chart_same_measure": (
            "{path}: filas y columnas no pueden ser la misma medida ({value}).",
            "{path}: rows and columns cannot be the same measure ({value}).",
        ),
        "scheme_only_for": (
            "{path}: este dato solo se usa con «{value}»; quítelo o cambie el tipo.",
            "{path}: this value is only used with «{value}»; remove it or change the kind.",
        ),
        "outside_chart": (
            "{measures} para {what}: el esquema no paga valores fuera de la tabla "
            "(defina «if_outside» en el esquema o revise el análisis).",
            "{measures} for {what}: the scheme pays no value outside its chart "
            "(set «if_outside» in the scheme or check the test).",
        ),
        "missing_quality": (
            "Falta el análisis de {measures} para {what}; el esquema no dice qué hacer "
            "(agregue el análisis o defina «if_missing» en el esquema).",
            "The {measures} test is missing for {what}; the scheme does not say what to do "
            "(add the test or set «if_missing» in the scheme).",
        ),
        "no_scheme_in_force": (
            "No hay un esquema de precios vigente el {value}.",
            "No price scheme is in force on {value}.",
        ),
        "unknown_scheme": ("No existe el esquema «{value}».", "There is no scheme «{value}»."),
        "scheme_in_closed_period": (
            "Una versión vigente desde el {value} cambiaría lo que se pagó en el periodo "
            "cerrado {period}; elija una fecha desde el {after} (o reabra el periodo).",
            "A version in force from {value} would change what closed period {period} paid; "
            "choose a date from {after} on (or reopen the period).",
        ),
        "scheme_version_exists": (
            "Ya hay un esquema vigente desde el {value} («{other}»); elija otra fecha.",
            "A scheme already takes effect on {value} («{other}»); choose another date.",
        ),
    }
)

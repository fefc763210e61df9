"""The catalogue's sales texts (Spanish: the msgids; English in the .po)."""

from coop_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    "ambiguous_buyer": N_(
        "Varios compradores coinciden con «{value}»; escriba el código o más letras del nombre."
    ),
    "unknown_tank_reading": N_("No existe la lectura de tanque {value}."),
    "unknown_batch": N_("No existe el lote de producción {value}."),
    "unknown_buyer": N_("No existe el comprador «{value}»."),
    "buyer_exists": N_("Ya existe el comprador «{value}»."),
    "buyer_price_terms": N_(
        "Indique el precio del comprador: --price P --per L|kg, o --scheme ARCHIVO (uno de "
        "los dos)."
    ),
    "buyer_no_price": N_(
        "El comprador {buyer} no tiene precio vigente el {value}: registre su precio desde "
        "esa fecha."
    ),
    "buyer_price_exists": N_("El comprador {buyer} ya tiene un precio vigente desde el {value}."),
    "unknown_dispatch": N_("No existe el despacho {value}."),
    "dispatch_void": N_("El despacho {value} está anulado."),
    "dispatch_received": N_(
        "El despacho {value} ya tiene su recepción (guía {guide}); anúlela primero para "
        "registrar otra."
    ),
    "reception_before_dispatch": N_(
        "Fecha de recepción {value}: es anterior al despacho del {dispatched}."
    ),
    "dispatch_too_large": N_(
        "{field_name}: {value} es demasiado para un despacho (máximo {maximum})."
    ),
    "already_void": N_("Ya estaba anulado ({value})."),
    "unknown_buyer_entry": N_("No existe el movimiento {value} del comprador."),
    "entry_reversed": N_("El movimiento {value} ya fue revertido, o es una reversión."),
    "sale_entry_reversal": N_(
        "El movimiento {value} es una venta: se corrige anulando su recepción."
    ),
    "centre_required": N_("Indique el centro de acopio (hay {count} centros)."),
    "unknown_expense": N_("No existe el gasto {value}."),
    "unknown_product_name": N_(
        "No existe el producto «{value}» de la planta; agréguelo con «coop plant product NOMBRE»."
    ),
    "statement_columns": N_(
        "El estado de cuenta del comprador necesita las columnas fecha, cantidad y monto "
        "(faltan: {value})."
    ),
    "statement_row": N_("Fila {row}: {problem}"),
    "plant_product_exists": N_("Ya existe el producto «{value}» de la planta."),
    "sales_range_reversed": N_("La fecha final {value} es anterior a la inicial {start}."),
}


FIELDS: dict[str, str] = {
    "reading": N_("lectura del tanque"),
    "batch": N_("lote de producción"),
    "buyer": N_("comprador"),
    "dispatch": N_("despacho"),
    "when": N_("momento de la lectura"),
    "litres": N_("litros"),
    "category": N_("categoría de gasto"),
    "milk": N_("leche"),
    "out": N_("kg producidos"),
    "threshold": N_("umbral de merma"),
    "reference": N_("referencia"),
    "entry": N_("movimiento"),
    "scheme": N_("esquema de precios"),
    "temperature": N_("temperatura"),
    "alcohol": N_("prueba de alcohol"),
}

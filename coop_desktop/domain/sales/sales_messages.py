"""Messages of selling the milk (registered into the shared catalogue)."""

from coop_desktop.messages import FIELD_NAMES, add_messages

FIELD_NAMES.update(
    {
        "buyer": ("comprador", "buyer"),
        "dispatch": ("despacho", "dispatch"),
        "when": ("momento de la lectura", "reading moment"),
        "litres": ("litros", "litres"),
        "category": ("categoría de gasto", "expense category"),
        "milk": ("leche", "milk"),
        "out": ("kg producidos", "kg produced"),
        "threshold": ("umbral de merma", "shrinkage threshold"),
        "reference": ("referencia", "reference"),
        "entry": ("movimiento", "entry"),
        "scheme": ("esquema de precios", "price scheme"),
        "temperature": ("temperatura", "temperature"),
        "alcohol": ("prueba de alcohol", "alcohol test"),
        "reading": ("lectura del tanque", "tank reading"),
        "batch": ("lote de producción", "production batch"),
    }
)

add_messages(
    {
        "unknown_buyer": (
            "No existe el comprador «{value}».",
            "There is no buyer «{value}».",
        ),
        "ambiguous_buyer": (
            "Varios compradores coinciden con «{value}»; escriba el código o más letras del "
            "nombre.",
            "Several buyers match «{value}»; type the code or more of the name.",
        ),
        "buyer_exists": (
            "Ya existe el comprador «{value}».",
            "Buyer «{value}» already exists.",
        ),
        "buyer_price_terms": (
            "Indique el precio del comprador: --price P --per L|kg, o --scheme ARCHIVO (uno "
            "de los dos).",
            "Give the buyer's price: --price P --per L|kg, or --scheme FILE (one of the two).",
        ),
        "buyer_no_price": (
            "El comprador {buyer} no tiene precio vigente el {value}: registre su precio "
            "desde esa fecha.",
            "Buyer {buyer} has no price in force on {value}: record its price from that date.",
        ),
        "buyer_price_exists": (
            "El comprador {buyer} ya tiene un precio vigente desde el {value}.",
            "Buyer {buyer} already has a price in force from {value}.",
        ),
        "unknown_dispatch": (
            "No existe el despacho {value}.",
            "There is no dispatch {value}.",
        ),
        "dispatch_void": (
            "El despacho {value} está anulado.",
            "Dispatch {value} is void.",
        ),
        "dispatch_received": (
            "El despacho {value} ya tiene su recepción (guía {guide}); anúlela primero para "
            "registrar otra.",
            "Dispatch {value} already has its reception (guide {guide}); void it first to "
            "record another.",
        ),
        "reception_before_dispatch": (
            "Fecha de recepción {value}: es anterior al despacho del {dispatched}.",
            "Reception date {value}: it is before the dispatch of {dispatched}.",
        ),
        "dispatch_too_large": (
            "{field_name}: {value} es demasiado para un despacho (máximo {maximum}).",
            "{field_name}: {value} is too much for one dispatch (at most {maximum}).",
        ),
        "already_void": (
            "Ya estaba anulado ({value}).",
            "It was already void ({value}).",
        ),
        "unknown_entry": (
            "No existe el movimiento {value} del comprador.",
            "There is no buyer entry {value}.",
        ),
        "entry_reversed": (
            "El movimiento {value} ya fue revertido, o es una reversión.",
            "Entry {value} was already reversed, or is a reversal.",
        ),
        "sale_entry_reversal": (
            "El movimiento {value} es una venta: se corrige anulando su recepción.",
            "Entry {value} is a sale: it is corrected by voiding its reception.",
        ),
        "centre_required": (
            "Indique el centro de acopio (hay {count} centros).",
            "Give the collection centre (there are {count} centres).",
        ),
        "unknown_expense": (
            "No existe el gasto {value}.",
            "There is no expense {value}.",
        ),
        "unknown_product_name": (
            "No existe el producto «{value}» de la planta; agréguelo con "
            "«coop plant product NOMBRE».",
            "The plant has no product «{value}»; add it with «coop plant product NAME».",
        ),
        "statement_columns": (
            "El estado de cuenta del comprador necesita las columnas fecha, cantidad y monto "
            "(faltan: {value}).",
            "The buyer's statement needs the columns date, quantity and amount (missing: {value}).",
        ),
        "statement_row": (
            "Fila {row}: {problem}",
            "Row {row}: {problem}",
        ),
        "plant_product_exists": (
            "Ya existe el producto «{value}» de la planta.",
            "The plant already has the product «{value}».",
        ),
        "unknown_tank_reading": (
            "No existe la lectura de tanque {value}.",
            "There is no tank reading {value}.",
        ),
        "unknown_batch": (
            "No existe el lote de producción {value}.",
            "There is no production batch {value}.",
        ),
        "sales_range_reversed": (
            "La fecha final {value} es anterior a la inicial {start}.",
            "The end date {value} is before the start date {start}.",
        ),
    }
)

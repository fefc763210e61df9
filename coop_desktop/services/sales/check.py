"""`coop check` over the sales tables: guides gapless, every sale entry equal to its
reception, reversals that cancel what they name, annulments of rows that exist, and each
closed period's stored intake equal, day by day, to its deliveries."""

from __future__ import annotations

from sqlalchemy import Connection, text


def guides_gapless(conn: Connection) -> list[str]:
    problems = []
    for series, low, high, count in conn.execute(
        text(
            "SELECT guide_series, MIN(guide_number), MAX(guide_number), COUNT(*) FROM dispatch "
            "GROUP BY guide_series"
        )
    ):
        if (low, high) != (1, count):
            problems.append(f"guías {series}: números {low}–{high} para {count} despachos")
    return problems


def sales_match_receptions(conn: Connection) -> list[str]:
    return [
        f"movimiento {row[0]} del comprador: {row[1] / 100} ≠ recepción {row[2] / 100}"
        for row in conn.execute(
            text(
                "SELECT e.id, e.amount, r.amount FROM buyer_entry e JOIN dispatch_reception r "
                "ON r.id = e.reception_id WHERE e.kind = 'sale' AND e.reverses_id IS NULL "
                "AND e.amount <> r.amount"
            )
        )
    ]


def reversals_cancel(conn: Connection) -> list[str]:
    problems = []
    for table in ("buyer_entry", "expense"):
        for row in conn.execute(
            text(
                f"SELECT r.id, r.amount, o.amount FROM {table} r LEFT JOIN {table} o "
                "ON o.id = r.reverses_id WHERE r.reverses_id IS NOT NULL "
                "AND (o.id IS NULL OR r.amount <> -o.amount)"
            )
        ):
            problems.append(f"{table} {row[0]}: la reversión no cancela su original")
    return problems


def voids_exist(conn: Connection) -> list[str]:
    tables = {
        "dispatch": "dispatch",
        "reception": "dispatch_reception",
        "tank": "tank_reading",
        "batch": "plant_batch",
    }
    problems = []
    for entity, entity_id in conn.execute(text("SELECT entity, entity_id FROM sales_void")):
        table = tables.get(entity)
        if (
            table is None
            or conn.execute(text(f"SELECT 1 FROM {table} WHERE id = :i"), {"i": entity_id}).first()
            is None
        ):
            problems.append(f"anulación de {entity} {entity_id}: no existe esa fila")
    return problems


def intake_stored(conn: Connection) -> list[str]:
    from coop_desktop.services.sales.intake import stored_differences

    return stored_differences(conn)


SALES_CHECKS = [
    guides_gapless,
    sales_match_receptions,
    reversals_cancel,
    voids_exist,
    intake_stored,
]

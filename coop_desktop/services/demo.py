"""Demo data that looks like the field (DOMAIN.md): deterministic for a seed and fast.

Rows are generated in storage form and written with bulk inserts, so 2,000 members × 250 days
(a million deliveries) load in well under a minute on SQLite.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text

from coop_desktop.core import clock
from coop_desktop.core.errors import Refused, ValidationError
from coop_desktop.core.gc_pause import paused_gc
from coop_desktop.core.resources import resource_path
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.text import member_search_key
from coop_desktop.services.association import create_association, get_association
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.check_audited import recorded_columns
from coop_desktop.services.context import audit_on, table_rows
from coop_desktop.storage.bulk import insert_rows
from coop_desktop.storage.columns import table_columns
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Member

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?
CHUNK_DAYS = 10
DEMO_USER = "demo"


@dataclass(frozen=True)
class DemoSummary:
    members: int
    deliveries: int
    rejected: int
    tests: int
    ledger_entries: int
    start: date
    end: date


def _names() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("demo/names.json").read_text("utf-8"))
    return data


def _member_rows(
    rng: random.Random, count: int, names: dict[str, Any], start: date, now: datetime
) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    used_dni: set[str] = set()
    places = names["places"]
    for i in range(1, count + 1):
        female = rng.random() < 0.6
        given = rng.choice(names["female" if female else "male"])
        if rng.random() < 0.35:
            given += " " + rng.choice(names["female" if female else "male"])
        surnames = f"{rng.choice(names['surnames'])} {rng.choice(names['surnames'])}"
        dni = f"{rng.randrange(1_000_000, 48_000_000):08d}"
        while dni in used_dni:
            dni = f"{rng.randrange(1_000_000, 48_000_000):08d}"
        used_dni.add(dni)
        place = places[(i - 1) % len(places)]
        community = rng.choice(place["communities"])
        code = f"S{i:04d}"
        method = rng.choices(["cash", "bank", "wallet"], [70, 20, 10])[0]
        account = (
            f"{rng.randrange(10**13, 10**14)}"
            if method == "bank"
            else f"9{rng.randrange(10**7, 10**8)}"
            if method == "wallet"
            else None
        )
        rows.append(
            (
                code,
                given,
                surnames,
                dni,
                "f" if female else "m",
                community,
                place["district"],
                place["province"],
                "Puno",
                f"9{rng.randrange(10**7, 10**8)}",
                method,
                account,
                start - timedelta(days=rng.randrange(30, 3650)),
                "active",
                rng.randint(1, 12),
                rng.random() < 0.3,
                rng.random() < 0.05,
                rng.random() < 0.05,
                rng.random() < 0.15,
                (i - 1) % len(places) + 1,
                i,
                member_search_key(code, given, surnames, dni, community),
                now,
            )
        )
    return rows


MEMBER_COLUMNS = table_columns("member", leave_out=("address", "bank", "wallet"))
DELIVERY_COLUMNS = table_columns("delivery")
TEST_COLUMNS = table_columns(
    "quality_test",
    leave_out=(
        "delivery_id",
        "acidity",
        "temperature",
        "added_water",
        "alcohol",
        "antibiotics",
        "st_derived",
    ),
)
LEDGER_COLUMNS = table_columns(
    "ledger_entry",
    leave_out=(
        "settlement_id",
        "loan_id",
        "charge_id",
        "corrects_id",
        "document_number",
        "reverses_id",
    ),
)


def _delivery_rows(
    rng: random.Random,
    members: list[tuple[int, int, float]],
    days: list[date],
    reasons: list[str],
    sqlite: bool,
) -> Iterator[tuple[Any, ...]]:
    """Two shifts a day for each member; `members` holds (id, centre id, usual litres)."""
    for day in days:
        day_value: Any = day.isoformat() if sqlite else day
        for shift, hour, factor in (("am", 6, 1.0), ("pm", 16, 0.8)):
            stamp = datetime(day.year, day.month, day.day, hour, 30)
            at: Any = stamp.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else stamp
            for member_id, centre_id, usual in members:
                litres = usual * factor * (0.85 + 0.3 * rng.random())
                ml = max(5000, min(30000, int(litres * 10) * 100))
                roll = rng.random()
                rejected = roll < 0.004
                reason = reasons[int(roll * 1000) % len(reasons)] if rejected else None
                alcohol = True if rejected and reason == reasons[0] else None
                cooled = centre_id == 1
                yield (
                    member_id,
                    day_value,
                    shift,
                    centre_id,
                    ml,
                    "L",
                    None,
                    None,
                    alcohol,
                    cooled,
                    rejected,
                    reason,
                    DEMO_USER,
                    at,
                )


def _test_rows(
    rng: random.Random, members: list[tuple[int, int, float]], sample_days: list[date]
) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for member_id, _centre, _usual in members:
        fat0 = rng.uniform(3.1, 4.3)
        st0 = rng.uniform(11.0, 12.9)
        hygiene = rng.uniform(4.7, 6.3)  # log10 of the usual UFC/mL: 50k to 2M
        for day in sample_days:
            fat = min(430, max(310, round((fat0 + rng.gauss(0, 0.1)) * 100)))
            st = min(1290, max(1100, round((st0 + rng.gauss(0, 0.15)) * 100)))
            protein = round(rng.uniform(2.9, 3.4) * 100)
            ufc = int(10 ** min(6.3, max(4.7, hygiene + rng.gauss(0, 0.15))) // 1000 * 1000)
            scc = rng.randrange(100, 900) * 1000
            rows.append(
                (
                    member_id,
                    day,
                    fat,
                    protein,
                    st,
                    st - fat,
                    rng.randrange(10280, 10340),
                    ufc,
                    scc,
                    rng.randrange(200, 800),
                    "Laboratorio de la planta",
                    DEMO_USER,
                    datetime(day.year, day.month, day.day, 10, 0),
                )
            )
    return rows


def _ledger_rows(
    rng: random.Random,
    members: list[tuple[int, int, float]],
    days: list[date],
    products: list[tuple[int, str, int]],
) -> list[tuple[Any, ...]]:
    """Some advances in cash and some inputs sold on credit, about once a month each."""
    rows: list[tuple[Any, ...]] = []
    bran = next(p for p in products if p[1] == "Afrecho de trigo")
    months = sorted({(d.year, d.month) for d in days})
    for member_id, _centre, _usual in members:
        for year, month in months:
            in_month = [d for d in days if (d.year, d.month) == (year, month)]
            if rng.random() < 0.3:
                day = rng.choice(in_month)
                amount = rng.choice([50, 100, 150, 200]) * 100
                rows.append(
                    (
                        member_id,
                        day,
                        "advance",
                        "Adelanto en efectivo",
                        -amount,
                        None,
                        None,
                        None,
                        DEMO_USER,
                        datetime(day.year, day.month, day.day, 12),
                    )
                )
            if rng.random() < 0.2:
                day = rng.choice(in_month)
                product = bran if rng.random() < 0.6 else rng.choice(products)
                qty = rng.randint(1, 2)
                rows.append(
                    (
                        member_id,
                        day,
                        "input",
                        f"{product[1]} × {qty}",
                        -(product[2] // 100) * qty,
                        qty * 1000,
                        product[2],
                        product[0],
                        DEMO_USER,
                        datetime(day.year, day.month, day.day, 12),
                    )
                )
    return rows


PRACTICE_FLAGS = ("herd_health", "organic", "regenerative", "good_practice")


def _practice_facts(
    conn: Any, generated: list[tuple[Any, ...]], ids: list[int], stamp: datetime
) -> None:
    """The practices a demo member holds, adopted on the day the member joined."""
    practice = dict(conn.exec_driver_sql("SELECT code, id FROM practice").all())
    facts = [
        (member_id, practice[code], "adopted", row[12], DEMO_USER, stamp)
        for member_id, row in zip(ids, generated, strict=True)
        for code, held in zip(PRACTICE_FLAGS, row[15:19], strict=True)
        if held
    ]
    insert_rows(
        conn,
        "member_practice",
        ("member_id", "practice_id", "kind", "day", "recorded_by", "recorded_at"),
        facts,
    )


def _seed_scheme(conn: Any, effective: date, stamp: datetime) -> None:
    """The worked-example scheme of DOMAIN.md, in force from the first demo day."""
    definition = resource_path("schemes/peru-additive.json").read_text("utf-8")
    title = json.loads(definition)["title"]
    insert_rows(conn, "price_scheme", ("name", "description"), [("peru-additive", title)])
    scheme_id = conn.exec_driver_sql("SELECT MAX(id) FROM price_scheme").scalar_one()
    insert_rows(
        conn,
        "price_scheme_version",
        ("scheme_id", "effective_from", "definition", "created_by", "created_at"),
        [(scheme_id, effective, definition, DEMO_USER, stamp)],
    )


def _reserve(conn: Any, series: str, count: int) -> int:
    """Reserve `count` numbers of a series on a Core connection; returns the first."""
    last = conn.execute(
        text("SELECT last_number FROM document_counter WHERE series = :s"), {"s": series}
    ).scalar()
    if last is None:
        insert_rows(conn, "document_counter", ("series", "last_number"), [(series, count)])
        return 1
    conn.execute(
        text("UPDATE document_counter SET last_number = :n WHERE series = :s"),
        {"n": last + count, "s": series},
    )
    return int(last) + 1


@paused_gc()
@requires(Permission.SETTINGS)
def load_demo(
    db: Database,
    *,
    members: int = 50,
    days: int = 31,
    start: date | None = None,
    seed: int = 1,
    progress: Progress | None = None,
    today: date | None = None,
) -> DemoSummary:
    """Fill an empty database with a deterministic, realistic association."""
    if members < 1 or members > 100_000:
        raise ValidationError("out_of_range", "members", value=members, minimum=1, maximum=100_000)
    if days < 1 or days > 3660:
        raise ValidationError("out_of_range", "days", value=days, minimum=1, maximum=3660)
    today = today or clock.today()
    first = start or today - timedelta(days=days)
    day_list = [first + timedelta(days=i) for i in range(days)]
    if day_list[-1] > today:
        raise ValidationError("future_date", "date", value=day_list[-1].isoformat())
    rng = random.Random(seed)
    names = _names()
    with db.read() as session:
        if session.scalar(select(func.count()).select_from(Member)):
            raise Refused("demo_not_empty")
    if get_association(db) is None:
        create_association(
            db,
            "Asociación de Productores Lecheros Huaychani",
            None,
            district="Ácora",
            province="Puno",
            department="Puno",
            address="Comunidad Huaychani s/n",
        )
    stamp = clock.now()
    with db.write_connection() as conn:
        sqlite = conn.dialect.name == "sqlite"
        centres = [
            (
                i + 1,
                f"C{i + 1:02d}",
                f"Centro de acopio {p['communities'][0]}",
                p["district"],
                p["communities"][0],
            )
            for i, p in enumerate(names["places"])
        ]
        insert_rows(conn, "centre", ("id", "code", "name", "district", "community"), centres)
        generated = _member_rows(rng, members, names, first, stamp)
        insert_rows(conn, "member", MEMBER_COLUMNS, [(*r[:15], *r[19:]) for r in generated])
        ids = conn.exec_driver_sql("SELECT id, centre_id FROM member ORDER BY id").all()
        _practice_facts(conn, generated, [int(i) for i, _c in ids], stamp)
        herd = [(int(i), int(c), rng.uniform(6.0, 25.0)) for i, c in ids]
        insert_rows(
            conn,
            "product",
            ("name", "unit", "price", "active"),
            [
                (p["name"], p["unit"], int(p["price"].replace(".", "")) * 100, True)
                for p in names["products"]
            ],
        )
        products = [
            (int(r[0]), str(r[1]), int(r[2]))
            for r in conn.exec_driver_sql("SELECT id, name, price FROM product").all()
        ]
        total = len(herd) * len(day_list) * 2
        series = str(conn.exec_driver_sql("SELECT ticket_series FROM association").scalar())
        first_ticket = _reserve(conn, series, total)
        done = 0
        rejected = 0
        for offset in range(0, len(day_list), CHUNK_DAYS):
            chunk = list(
                _delivery_rows(
                    rng,
                    herd,
                    day_list[offset : offset + CHUNK_DAYS],
                    names["reject_reasons"],
                    sqlite,
                )
            )
            rejected += sum(1 for r in chunk if r[10])
            ticket = first_ticket + done
            chunk = [(*r, series, ticket + i) for i, r in enumerate(chunk)]
            insert_rows(conn, "delivery", DELIVERY_COLUMNS, chunk, adapted=sqlite)
            done += len(chunk)
            if progress is not None and not progress(done, total):
                raise Refused("cancelled")
        sample_days = [d for d in day_list if d.day in (7, 22)] or [day_list[-1]]
        tests = _test_rows(rng, herd, sample_days)
        insert_rows(conn, "quality_test", TEST_COLUMNS, tests)
        ledger = _ledger_rows(rng, herd, day_list, products)
        before_ids = conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM ledger_entry")).scalar()
        insert_rows(conn, "ledger_entry", LEDGER_COLUMNS, ledger)
        last_id = conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM ledger_entry")).scalar()
        # The demo's account movements, recorded as made by the demo (`coop check` knows
        # every movement a person typed from its own audit record).
        audit_on(
            conn,
            "demo",
            "ledger_entry",
            None,
            after={"first": int(before_ids) + 1, "last": int(last_id)},
        )
        _seed_scheme(conn, first, stamp)
        # The demo's members and scheme version, recorded as the demo made them (`coop check`
        # compares every member and version with what the audit trail recorded).
        for table in ("member", "price_scheme_version"):
            rows = table_rows(conn, table, recorded_columns(table))
            audit_on(conn, "demo", table, None, after={"rows": rows})
        summary = DemoSummary(
            len(herd), done, rejected, len(tests), len(ledger), day_list[0], day_list[-1]
        )
        audit_on(conn, "demo", "database", None, after={**asdict(summary), "seed": seed})
    return summary

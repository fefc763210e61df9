"""The intake the milk balance reads (services/sales/intake.py), against a delivery-by-delivery
computation, after random sequences of every write that changes it: deliveries added,
corrected and deleted (with and without their own centre, in L and in kg, with and without a
density), member samples and delivery tests, members moving centre, periods closed and
reopened. A closed period reads what its close stored: the expectation keeps, at each close,
what the deliveries said then (a member who moves later leaves those days where they were)."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from coop_desktop.domain.periods import parse_period, period_of
from coop_desktop.domain.sales.balance import litres_from_kg
from coop_desktop.services.association import load_association
from coop_desktop.services.centres import add_centre, set_route
from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.deliveries import add_delivery, delete_delivery, update_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.quality import add_test
from coop_desktop.services.sales import intake
from coop_desktop.services.schemes import import_scheme
from coop_desktop.services.settlements import reopen_period
from coop_desktop.storage.engine import Database

FLAT = (
    '{"name": "plano", "title": "Plano", "currency": "PEN", "unit": "L", "density": "1.030",'
    ' "basis": {"kind": "delivery"}, "components": [{"type": "base", "label": "Base",'
    ' "rate": "1.50"}]}'
)
MEMBERS = ("S01", "S02", "S03", "S04")
MONTHS = ("2026-08", "2026-09", "2026-10")
FIRST, LAST = date(2026, 8, 1), date(2026, 10, 31)
Values = dict[tuple[int | None, date], tuple[int, ...]]


def _raw(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.read() as session:
        return [tuple(r) for r in session.execute(text(sql))]


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def expected(db: Database, first: date, last: date) -> Values:
    """Delivery by delivery: its own test's fat, total solids and density, else the mean of
    its member's tests of its month (half up in minor units); kg by density else 1.030."""
    members = dict(_raw(db, "SELECT id, centre_id FROM member"))
    tests = _raw(
        db, "SELECT member_id, sample_date, delivery_id, fat, st, density FROM quality_test"
    )
    sums: dict[tuple[int, date], list[list[int]]] = {}
    own: dict[int, list[int | None]] = {}
    for member, day, delivery, *values in tests:
        start = period_of(_day(day), "month").start
        acc = sums.setdefault((int(member), start), [[0, 0], [0, 0], [0, 0]])  # type: ignore[call-overload]
        for i, v in enumerate(values):
            if v is not None:
                acc[i][0] += int(v)  # type: ignore[call-overload]
                acc[i][1] += 1
        if delivery is not None:
            mine = own.setdefault(int(delivery), [None, None, None])  # type: ignore[call-overload]
            for i, v in enumerate(values):
                if v is not None:
                    mine[i] = max(int(v), mine[i] or 0)  # type: ignore[call-overload]
    found: dict[tuple[int | None, date], list[int]] = defaultdict(lambda: [0] * 5)
    groups: dict[tuple[int | None, date, str, int | None], int] = defaultdict(int)
    for did, member, day, centre, qty, unit, density in _raw(
        db,
        "SELECT id, member_id, date, centre_id, quantity, unit, density FROM delivery "
        "WHERE NOT rejected",
    ):
        d = _day(day)
        if not first <= d <= last:
            continue
        where = centre if centre is not None else members[member]
        key = (where, d)  # type: ignore[assignment]
        q = int(qty)  # type: ignore[call-overload]
        dens = None if density is None else int(density)  # type: ignore[call-overload]
        groups[(*key, unit, dens)] += q  # type: ignore[arg-type]
        acc = sums.get((int(member), period_of(d, "month").start))  # type: ignore[call-overload]
        means = [
            None if acc is None or n == 0 else (t * 2 + n) // (2 * n)
            for t, n in (acc or [[0, 0]] * 3)
        ]
        mine = own.get(int(did), [None, None, None])  # type: ignore[call-overload]
        fat = mine[0] if mine[0] is not None else means[0]
        st = mine[1] if mine[1] is not None else means[1]
        density_used = next((x for x in (dens, mine[2], means[2]) if x is not None), 10300)
        kg = q * 10000 if unit == "kg" else q * density_used
        row = found[key]
        if fat is not None:
            row[1] += kg * fat
            row[3] += kg
        if st is not None:
            row[2] += kg * st
            row[4] += kg
    for (centre, d, unit, dens), q in groups.items():
        if unit == "L":
            found[(centre, d)][0] += q
        else:
            density = None if dens is None else Decimal(dens) / 10000
            found[(centre, d)][0] += int(litres_from_kg(Decimal(q) / 1000, density) * 1000)
    return {k: tuple(v) for k, v in found.items()}


def read(db: Database, litres_only: bool = False) -> Values:
    with db.read() as session:
        cycle = load_association(session).cycle
        found = intake.read(session.connection(), FIRST, LAST, cycle, litres_only=litres_only)
    return {k: v.values() for k, v in found.items()}


@pytest.fixture
def world(association: Database) -> Database:
    db = association
    import_scheme(db, FLAT, date(2026, 1, 1))
    for code in ("C01", "C02"):
        add_centre(db, code, f"Centro {code}")
    for code in MEMBERS:
        add_member(db, MemberDraft(code=code, given_names="Rosa", surnames="Quispe"))
    set_route(db, "C01", MEMBERS[:2])
    set_route(db, "C02", MEMBERS[2:])
    return db


def _step(db: Database, rng: random.Random, state: dict[str, object]) -> None:
    """One random write to the open months: a delivery added, corrected or deleted, a sample
    or a delivery's own test, or a member moving centre."""
    closed: list[str] = state["closed"]  # type: ignore[assignment]
    month = parse_period(rng.choice([m for m in MONTHS if m not in closed]))
    ids: list[tuple[int, str, date]] = state["deliveries"]  # type: ignore[assignment]
    live = [x for x in ids if month.contains(x[2])]
    choice = rng.choice(("deliver", "deliver", "deliver", "sample", "test", "fix", "move"))
    if choice == "deliver" or (choice in ("test", "fix") and not live):
        day = month.start + timedelta(days=rng.randrange(0, 28))
        member = rng.choice(MEMBERS)
        rejected = rng.random() < 0.1
        made = add_delivery(
            db,
            member,
            str(rng.randrange(5, 40)) + rng.choice(("", ".5", ".125")),
            rng.choice(("L", "L", "kg")),
            day,
            rng.choice(("am", "pm")),
            density=rng.choice((None, None, "1.029", "1.0315")),
            reject_reason="Alcohol" if rejected else None,
            centre_id=rng.choice((None, None, *state["centres"])),  # type: ignore[arg-type]
        )
        ids.append((made.id, member, day))
    elif choice == "sample":
        day = month.start + timedelta(days=rng.randrange(0, 28))
        measures = {"fat": f"3.{rng.randrange(0, 99):02d}", "st": f"12.{rng.randrange(0, 9)}"}
        if rng.random() < 0.3:
            measures["density"] = "1.0310"
        if rng.random() < 0.3:
            del measures["st"]
        add_test(db, rng.choice(MEMBERS), day, measures)
    elif choice == "test":
        did, member, day = rng.choice(live)
        add_test(db, member, day, {"fat": f"4.{rng.randrange(0, 99):02d}"}, delivery_id=did)
        state["tested"].add(did)  # type: ignore[attr-defined]
    elif choice == "fix":
        did = rng.choice(live)[0]
        if rng.random() < 0.3 and did not in state["tested"]:  # type: ignore[operator]
            delete_delivery(db, did, "Se digitó dos veces")
            ids.remove(next(x for x in ids if x[0] == did))
        else:
            update_delivery(
                db, did, str(rng.randrange(5, 40)), "Acidez" if rng.random() < 0.2 else None
            )
    else:
        move(db, state, rng.choice(MEMBERS))


def move(db: Database, state: dict[str, object], member: str) -> None:
    """The member moves to the other centre's route."""
    here = "C01" if member in state["C01"] else "C02"  # type: ignore[operator]
    there = "C02" if here == "C01" else "C01"
    state[here] = [m for m in state[here] if m != member]  # type: ignore[attr-defined]
    state[there] = [*state[there], member]  # type: ignore[misc]
    for centre in ("C01", "C02"):
        set_route(db, centre, state[centre])  # type: ignore[arg-type]


def _compare(db: Database, state: dict[str, object], snapshot: Values) -> None:
    now = expected(db, FIRST, LAST)
    closed = [parse_period(c) for c in state["closed"]]  # type: ignore[attr-defined]
    want = {k: v for k, v in now.items() if not any(s.contains(k[1]) for s in closed) and any(v)}
    want.update({k: v for k, v in snapshot.items() if any(v)})
    assert {k: v for k, v in read(db).items() if any(v)} == want
    # the margin's reading: the same litres
    litres = {k: v[0] for k, v in read(db, litres_only=True).items() if v[0]}
    assert litres == {k: v[0] for k, v in want.items() if v[0]}


# Rounds of random writes, each ending with a close (or a reopen) and a comparison.
PLAN = ("close", "close", "reopen", "close", "close")


def test_the_stored_intake_is_the_deliveries(world: Database) -> None:
    rng = random.Random(20261127 + (world.engine.dialect.name == "postgresql"))
    state: dict[str, object] = {
        "closed": [],
        "deliveries": [],
        "tested": set(),
        "C01": list(MEMBERS[:2]),
        "C02": list(MEMBERS[2:]),
        "centres": [int(i) for (i,) in _raw(world, "SELECT id FROM centre")],
    }
    closed: list[str] = state["closed"]  # type: ignore[assignment]
    snapshot: Values = {}  # the closed periods' intake as each close read it
    for action in PLAN:
        for _ in range(7):
            _step(world, rng, state)
        if action == "reopen":
            code = closed.pop()
            reopen_period(world, code, "Faltó una entrega")
            snapshot = {k: v for k, v in snapshot.items() if not parse_period(code).contains(k[1])}
        else:
            code = next(m for m in MONTHS if m not in closed)
            span = parse_period(code)
            if not any(span.contains(x[2]) for x in state["deliveries"]):  # type: ignore[attr-defined]
                add_delivery(world, MEMBERS[0], "10", "L", span.start, "am")
            close_period(world, code)
            closed.append(code)
            snapshot.update(expected(world, span.start, span.end))
            move(world, state, MEMBERS[len(closed) % len(MEMBERS)])  # its closed days stay
        _compare(world, state, snapshot)
    assert closed == ["2026-08", "2026-09", "2026-10"]
    with world.engine.connect() as conn:
        assert intake.stored_differences(conn) == []
    assert run_checks(world) == []

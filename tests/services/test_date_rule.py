"""One date rule for everything dated, on both engines: with 2026-10-q1 closed, a new entry
dated on 15/09/2026 (before it, in no closed period) or on 05/10/2026 (inside it) is refused by
every service, naming the period and the first open day; an entry stranded there by an older
version or raw SQL is listed by `coop check` with the command that repairs it, and the repair
unblocks the closes."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from tests_support.clock import TODAY

from coop_desktop.core.errors import Refused
from coop_desktop.core.resources import resource_path
from coop_desktop.domain.entry_dates import ClosedSpan, DateRule
from coop_desktop.services.accounts import (
    add_adjustment,
    add_advance,
    add_charge,
    add_loan,
    ledger,
    sell_input,
)
from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.closeout.stranded import redate, stranded_entries
from coop_desktop.services.deliveries import add_delivery, delete_delivery
from coop_desktop.services.imports import import_file, problem_lines
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import import_scheme
from coop_desktop.services.settlements import settlement_for
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Delivery, LedgerEntry, QualityTest

Q1 = "2026-10-q1"
BEHIND = date(2026, 9, 15)  # before the closed 2026-10-q1, in no closed period
INSIDE = date(2026, 10, 5)


def _rows(db: Database) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Delivery, QualityTest, LedgerEntry)
        )


def test_the_rule_itself() -> None:
    rule = DateRule.of(
        [ClosedSpan("2026-11", date(2026, 11, 1), date(2026, 11, 30)),
         ClosedSpan("2026-09", date(2026, 9, 1), date(2026, 9, 30))]
    )  # fmt: skip
    assert rule.last == ClosedSpan("2026-11", date(2026, 11, 1), date(2026, 11, 30))
    assert [rule.frozen(d) for d in (date(2026, 10, 9), date(2026, 11, 30), date(2026, 12, 1))] == [
        True,
        True,
        False,
    ]
    assert rule.stranded(date(2026, 10, 9)) and not rule.stranded(date(2026, 9, 9))
    assert rule.blocker(date(2026, 10, 9)) == rule.last
    assert rule.open_day(date(2026, 8, 1)) == date(2026, 12, 1)
    assert rule.open_day(date(2026, 12, 3)) == date(2026, 12, 3)
    refused = rule.refusal(date(2025, 12, 2))
    assert refused is not None and refused.render("es") == (
        "02/12/2025 es anterior al periodo cerrado 2026-09: una entrada con esa fecha quedaría "
        "en un periodo que ya no se puede cerrar y trabaría los cierres siguientes. Si la fecha "
        "es correcta, registre un ajuste en el primer día abierto (01/12/2026)."
    )
    assert DateRule().refusal(date(2000, 1, 1)) is None


def test_every_dated_entry_behind_or_inside_a_close_is_refused(example: Database) -> None:
    close_period(example, Q1)
    before = _rows(example)
    scheme = resource_path("schemes/peru-additive.json").read_text()
    for day, code in ((BEHIND, "date_before_close"), (INSIDE, "period_closed")):
        attempts = {
            "delivery": lambda d=day: add_delivery(
                example, "S0001", "10", "L", d, "am", today=TODAY
            ),
            "test (typed or from the analyzer)": lambda d=day: add_test(
                example, "S0001", d, {"fat": "3.6"}, today=TODAY
            ),
            "advance": lambda d=day: add_advance(example, "S0001", "20", d, today=TODAY),
            "input": lambda d=day: sell_input(
                example, "S0001", "Afrecho de trigo", "1", d, today=TODAY
            ),
            "adjustment": lambda d=day: add_adjustment(
                example, "S0001", "5", "corrección", day=d, today=TODAY
            ),
        }  # fmt: skip
        for name, attempt in attempts.items():
            with pytest.raises(Refused) as err:
                attempt()
            said = err.value.render("es")
            assert err.value.code == code, name
            assert Q1 in said and "16/10/2026" in said, (name, said)
        starts = {
            "charge": lambda d=day: add_charge(example, "dues", "1.00", "period", "Cuota", d),
            "loan": lambda d=day: add_loan(example, "S0001", "100", 2, "Préstamo", d),
            "scheme": lambda d=day: import_scheme(example, scheme, d),
        }
        for name, attempt in starts.items():
            with pytest.raises(Refused) as err:
                attempt()
            said = err.value.render("es")
            assert err.value.code in ("starts_in_closed", "scheme_in_closed_period"), name
            assert Q1 in said and "16/10/2026" in said, (name, said)
    assert _rows(example) == before
    # The first open day takes them (an adjustment without a date goes there too).
    assert add_delivery(example, "S0001", "10", "L", date(2026, 10, 16), "am", today=TODAY).id


def test_an_imported_row_behind_a_close_is_refused_by_row(
    example: Database, tmp_path: Path
) -> None:
    close_period(example, Q1)
    path = tmp_path / "mezcla.csv"  # the second row's day and month are mixed up
    path.write_text("codigo,fecha,turno,litros\nS0001,20/10/2026,am,10\nS0001,10/09/2026,am,12\n")
    before = _rows(example)
    report = import_file(example, path, "deliveries", today=TODAY)
    assert [(p.row, p.error.code) for p in report.problems] == [(3, "date_before_close")]
    assert "2026-10-q1" in problem_lines(report)[0]
    assert _rows(example) == before


def test_check_lists_stranded_entries_and_redate_unblocks_the_close(
    example: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    close_period(example, Q1)
    # What the previous version accepted: a delivery and an advance behind the closed period.
    monkeypatch.setattr(DateRule, "refuse", lambda self, day, field="date": None)
    stray = add_delivery(example, "S0001", "23.9", "L", BEHIND, "pm", today=TODAY)
    entry, receipt = add_advance(example, "S0001", "20", BEHIND, today=TODAY)
    monkeypatch.undo()
    add_delivery(example, "S0001", "12", "L", date(2026, 10, 20), "am", today=TODAY)
    add_test(example, "S0001", "2026-10-22", {"st": "12.1", "ufc": "250000"}, today=TODAY)
    tail = "es anterior al periodo cerrado 2026-10-q1 y nunca se liquidó; traba los cierres"
    assert run_checks(example) == [
        f"entrega {stray.id} (S0001, 15/09/2026, 23.9 L): {tail} siguientes. Se corrige "
        f"con: coop redate delivery {stray.id}",
        f"movimiento {entry} (S0001, 15/09/2026, advance -20.00): {tail} siguientes. Se "
        f"corrige con: coop redate entry {entry}",
    ]
    with pytest.raises(Refused) as err:
        close_period(example, "2026-10-q2")
    assert err.value.code == "stranded_block_close" and "15/09/2026" in err.value.render("es")

    moved = redate(example, [], "año mal escrito", today=TODAY)
    assert [(m.kind, m.id, m.day) for m in moved] == [
        ("delivery", stray.id, TODAY),
        ("entry", entry, TODAY),
    ]
    assert stranded_entries(example) == [] and run_checks(example) == []
    close_period(example, "2026-10-q2")  # unblocked
    add_test(example, "S0001", "2026-11-20", {"st": "12.1", "ufc": "250000"}, today=TODAY)
    nov = close_period(example, "2026-11", before_end=True, today=TODAY)
    rosa = next(m for m in nov.members if m.code == "S0001")
    assert rosa.milk.litres == Decimal("23.900")  # the moved delivery is paid, once
    assert rosa.calc.applied_by_kind()["advance"] == Decimal("20.00")  # the advance deducted
    moves = [(e.date, e.kind, e.amount, e.reverses_id == entry) for e in ledger(example, "S0001")
             if e.kind == "advance" and e.date != date(2026, 10, 8)]  # fmt: skip
    assert moves == [
        (BEHIND, "advance", Decimal("-20.00"), False),
        (BEHIND, "advance", Decimal("20.00"), True),
        (TODAY, "advance", Decimal("-20.00"), False),
    ]
    assert settlement_for(example, "S0001", "2026-11").status == "issued"
    assert receipt.startswith("R001-") and run_checks(example) == []


def test_check_sees_entries_planted_behind_a_close_with_raw_sql(example: Database) -> None:
    close_period(example, Q1)
    with example.write() as s:  # the triggers only guard the closed period itself
        s.execute(
            text(
                "INSERT INTO delivery (member_id, date, shift, quantity, unit, cooled, rejected, "
                "recorded_by, recorded_at, ticket_series, ticket_number) SELECT member_id, "
                "'2026-09-02', shift, quantity, unit, cooled, rejected, 'x', recorded_at, "
                "ticket_series, 1 + (SELECT last_number FROM document_counter WHERE series = "
                "'T001') FROM delivery WHERE date = '2026-10-02' AND quantity = 20000"
            )
        )
        s.execute(
            text("UPDATE document_counter SET last_number = last_number + 1 WHERE series = 'T001'")
        )
        planted = s.scalar(text("SELECT MAX(id) FROM delivery"))
    problems = run_checks(example)
    assert problems == [
        f"entrega {planted} (S0002, 02/09/2026, 20.0 L): es anterior al periodo cerrado "
        "2026-10-q1 y nunca se liquidó; traba los cierres siguientes. Se corrige con: coop "
        f"redate delivery {planted}"
    ]
    # Deleting it is the other way out (the rules of Supr in Acopio, with a reason).
    delete_delivery(example, planted, reason="fecha mal escrita")
    assert run_checks(example) == []
    with pytest.raises(Refused) as err:
        delete_delivery(example, 1, reason="x")  # inside the closed period
    assert err.value.code == "period_closed"

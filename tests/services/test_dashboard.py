"""Inicio's numbers: litres by shift and day, quality averages from integer sums (exact),
and the alerts (period to close, members without samples, old backup)."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from coop_desktop.core.resources import resource_path
from coop_desktop.services.association import create_association
from coop_desktop.services.backups import backup_and_record, record_backup
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.dashboard import dashboard
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import import_scheme
from coop_desktop.storage.engine import Database

TODAY = date(2026, 11, 20)


def setup(db: Database) -> None:
    import_scheme(db, resource_path("schemes/peru-additive.json").read_text(), date(2026, 1, 1))
    for code in ("S1", "S2", "S3"):
        add_member(db, MemberDraft(code=code, given_names="Ana", surnames=code))
    add_delivery(db, "S1", "10.5", "L", TODAY, "am", today=TODAY)
    add_delivery(db, "S2", "20.3", "L", TODAY, "am", today=TODAY)
    add_delivery(db, "S1", "8.2", "L", TODAY, "pm", today=TODAY)
    add_delivery(db, "S2", "5", "L", TODAY, "pm", today=TODAY, reject_reason="Alcohol")
    add_delivery(db, "S3", "10.32", "kg", TODAY - timedelta(days=1), "am", today=TODAY)
    add_delivery(db, "S1", "12", "L", date(2026, 10, 30), "am", today=TODAY)
    add_test(db, "S1", "2026-11-10", {"fat": "3.51", "st": "12.10", "ufc": "100001"}, today=TODAY)
    add_test(db, "S2", "2026-11-10", {"fat": "3.60", "st": "11.90"}, today=TODAY)


def test_litres_quality_and_alerts(association: Database) -> None:
    setup(association)
    d = dashboard(association, TODAY)
    assert d.by_shift == {"am": Decimal("30.800"), "pm": Decimal("8.200")}  # rejected left out
    assert d.deliveries_today == 4
    assert d.period.code == "2026-11"
    assert d.period_litres == Decimal("49.000")  # 39.0 L + 10.32 kg / 1.032
    # as delivered, never added together: the screen shows both and says what it converted
    assert d.period_units == {"L": Decimal("39.000"), "kg": Decimal("10.320")}
    assert d.by_shift_units == {"am": {"L": Decimal("30.800")}, "pm": {"L": Decimal("8.200")}}
    # (3.51 + 3.60) / 2 = 3.555 → 3.56 at the lab's two places, half up; one UFC sample
    assert d.quality == {"fat": Decimal("3.56"), "st": Decimal("12.00"), "ufc": Decimal("100001")}
    assert len(d.series) == 60 and d.series[-1].day == TODAY
    assert d.series[-1].litres == Decimal("39.000") and d.series[-1].fat is None
    by_day = {p.day: p for p in d.series}
    assert by_day[date(2026, 11, 10)].fat == Decimal("3.56")
    assert by_day[date(2026, 10, 30)].litres == Decimal("12.000")
    kinds = {a.kind: a.value for a in d.alerts}
    assert kinds["close_period"] == "2026-10"
    assert kinds["missing_tests"] == "1"  # S3 delivers without any sample this period
    if association.location.path is not None:
        assert kinds["backup"] == ""  # never
    else:
        assert "backup" not in kinds  # PostgreSQL backups are the server's


def test_alerts_clear_when_done(sqlite_db: Database, tmp_path: Path) -> None:
    create_association(sqlite_db, "Asociación Huaychani", "20131312955")
    setup(sqlite_db)
    add_test(sqlite_db, "S3", "2026-11-19", {"fat": "3.40"}, today=TODAY)
    add_test(sqlite_db, "S1", "2026-10-30", {"st": "12", "ufc": "90000"}, today=TODAY)
    close_period(sqlite_db, "2026-10")
    backup_and_record(sqlite_db, tmp_path / "copia.db")
    assert dashboard(sqlite_db, TODAY).alerts == ()
    record_backup(sqlite_db, datetime(2026, 11, 1, 9, 0))
    assert [(a.kind, a.value) for a in dashboard(sqlite_db, TODAY).alerts] == [
        ("backup", "01/11/2026")
    ]

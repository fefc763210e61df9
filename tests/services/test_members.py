from dataclasses import replace

import pytest
from sqlalchemy import func, select

from coop_desktop.core.errors import NotFound, ValidationError
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member, list_members, set_status, update_member
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import AuditLog, Member

ROSA = MemberDraft(
    code="S0001",
    given_names="Rosa Felícitas",
    surnames="Ñuñez Mamani",
    dni="41234567",
    gender="f",
    community="Huaychani",
    district="Ácora",
)


def _count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Member)) or 0)


def test_add_find_edit_retire(association: Database) -> None:
    db = association
    m = add_member(db, ROSA)
    assert m.full_name == "Rosa Felícitas Ñuñez Mamani"
    assert m.department == "Puno"  # from the association
    assert [x.code for x in list_members(db, search="nunez felicitas")] == ["S0001"]
    assert [x.code for x in list_members(db, search="HUAYCHANI")] == ["S0001"]
    assert list_members(db, search="quispe") == []
    edited = update_member(db, m.id, replace(ROSA, phone="951 234 567"))
    assert edited.phone == "951234567"
    retired = set_status(db, m.id, "retired")
    assert retired.status == "retired"
    assert list_members(db, status="active") == []
    with db.read() as s:
        actions = s.scalars(select(AuditLog.action).where(AuditLog.entity == "member")).all()
    assert actions == ["create", "update", "status"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"dni": "1234"}, "dni"),
        ({"code": "  "}, "code"),
        ({"given_names": ""}, "given_names"),
        ({"gender": "x"}, "gender"),
        ({"phone": "abc"}, "phone"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    association: Database, change: dict[str, str], field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        add_member(association, replace(ROSA, **change))
    assert err.value.field == field
    assert _count(association) == 0


def test_duplicates_are_refused(association: Database) -> None:
    add_member(association, ROSA)
    with pytest.raises(ValidationError) as err:
        add_member(association, replace(ROSA, code="s0001", dni=None))
    assert err.value.code == "duplicate_code"
    with pytest.raises(ValidationError) as err:
        add_member(association, replace(ROSA, code="S0002"))
    assert err.value.code == "duplicate_dni" and "S0001" in err.value.render("es")
    assert _count(association) == 1


def test_members_need_an_association(db: Database) -> None:
    with pytest.raises(NotFound) as err:
        add_member(db, ROSA)
    assert "coop init" in err.value.render("es")

"""`coop centres`: a real association creates its centres and orders its routes headless."""

import json


def test_centres_and_routes(coop) -> None:  # type: ignore[no-untyped-def]
    coop("init", "--name", "Asociación Cupi")
    for code, name in (("S0001", "Rosa"), ("S0002", "Delia"), ("S0003", "Justina")):
        coop("members", "add", "--code", code, "--name", name, "--surnames", "Mamani")
    code, out, _ = coop("centres", "add", "c01", "Centro Huaychani", "--district", "Ácora")
    assert code == 0 and "C01" in out
    code, _, err = coop("centres", "add", "C01", "Otro")
    assert code == 1 and "Ya existe un centro de acopio con el código «C01»" in err
    code, out, _ = coop("centres", "order", "C01", "S0003", "s0001")
    assert code == 0 and "2 socios" in out
    code, out, _ = coop("centres", "route", "C01", "--json")
    assert [(m["order"], m["code"]) for m in json.loads(out)] == [(1, "S0003"), (2, "S0001")]
    code, out, _ = coop("centres", "rename", "C01", "Centro de acopio Huaychani")
    assert code == 0
    code, out, _ = coop("centres", "list", "--json")
    assert json.loads(out) == [
        {
            "code": "C01",
            "name": "Centro de acopio Huaychani",
            "district": "Ácora",
            "community": None,
            "members": 2,
        }
    ]
    code, _, err = coop("--lang", "en", "centres", "order", "C09", "S0001")
    assert code == 1 and "no collection centre with code «C09»" in err
    code, _, err = coop("centres", "order", "C01", "S0001", "S0001")
    assert code == 1 and "dos veces" in err

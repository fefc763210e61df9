"""The date rule and its repair through `coop`: an old date is refused on every command that
takes one, `coop deliveries delete` keeps Acopio's rules, `coop redate` repairs what `coop
check` lists (docs/closeout.md)."""

import json

from coop_desktop.core.resources import resource_path


def _setup(coop) -> None:  # type: ignore[no-untyped-def]
    """A fortnight association, one member, three deliveries and their sample in 2026-10-q1."""
    coop("init", "--name", "Asociación Huaychani", "--cycle", "fortnight")
    scheme = str(resource_path("schemes/peru-additive.json"))
    assert coop("scheme", "import", scheme, "--effective", "2026-01-01")[0] == 0
    assert (
        coop("members", "add", "--code", "S0001", "--name", "Rosa", "--surnames", "Mamani")[0] == 0
    )
    for day in ("01", "02", "03"):
        argv = ("deliveries", "add", "S0001", "15", "--unit", "L", "--date", f"2026-10-{day}")
        assert coop(*argv, "--shift", "am")[0] == 0
    test = ("tests", "add", "S0001", "--date", "2026-10-02", "--measure", "st=12.1")
    assert coop(*test, "--measure", "ufc=250000")[0] == 0
    assert coop("product", "add", "Afrecho de trigo", "65.00", "--unit", "saco")[0] == 0


def test_old_dates_are_refused_on_every_dated_command(coop) -> None:  # type: ignore[no-untyped-def]
    _setup(coop)
    assert coop("close", "2026-10-q1")[0] == 0
    attempts = [
        ("advance", "S0001", "20", "--date", "2026-09-15"),
        ("deliveries", "add", "S0001", "5", "--unit", "L", "--date", "2025-12-02", "--shift", "am"),
        ("tests", "add", "S0001", "--date", "2026-09-15", "--measure", "fat=3.6"),
        ("sale", "S0001", "Afrecho de trigo", "1", "--date", "2026-09-15"),
        ("adjust", "S0001", "5", "--reason", "x", "--date", "2026-09-15"),
        ("charge", "add", "fee", "1.00", "--per", "period", "--from", "2026-09-15"),
        ("loan", "add", "S0001", "100", "--instalments", "2", "--from", "2026-09-15"),
    ]
    for argv in attempts:
        code, out, err = coop(*argv)
        assert (code, out) == (1, ""), argv
        assert "2026-10-q1" in err and "16/10/2026" in err, (argv, err)
    code, out, _ = coop("check")
    assert code == 0, out


def test_deliveries_delete_keeps_the_screens_rules(coop) -> None:  # type: ignore[no-untyped-def]
    _setup(coop)
    code, out, _ = coop(
        "deliveries", "add", "S0001", "7", "--unit", "L", "--date", "2026-10-20", "--shift", "pm"
    )
    late = out.strip()
    assert coop("deliveries", "delete", late)[0] == 2  # argparse: --reason is required
    code, out, err = coop("deliveries", "delete", late, "--reason", "socio equivocado")
    assert (code, err) == (0, "")
    assert out == f"Entrega {late} borrada (S0001, 20/10/2026, 7.0 L).\n"
    code, out, _ = coop("audit", "list", "--entity", "delivery", "--json")
    deleted = [e for e in json.loads(out) if e["action"] == "delete"]
    assert deleted[-1]["after"] == {"reason": "socio equivocado"}
    assert coop("close", "2026-10-q1")[0] == 0
    code, _, err = coop("deliveries", "delete", "1", "--reason", "x")
    assert code == 1 and "2026-10-q1" in err and "cerrado" in err
    code, _, err = coop("redate", "delivery", "1")
    assert code == 1 and "no está detrás de un periodo cerrado" in err
    code, out, _ = coop("redate", "--all")
    assert (code, out) == (0, "No hay nada que corregir.\n")

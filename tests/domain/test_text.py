from coop_desktop.domain.text import fold, member_search_key


def test_fold_removes_accents_and_case() -> None:
    assert fold("Ñuñez  Ch'uqi ÁCORA") == "nunez ch'uqi acora"
    assert fold(None) == ""


def test_search_key_holds_every_searchable_field() -> None:
    key = member_search_key("S0001", "Felícitas", "Mamani Quispe", "41234567", "Huaychani")
    for word in ("s0001", "felicitas", "mamani", "41234567", "huaychani"):
        assert word in key

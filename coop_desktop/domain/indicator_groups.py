"""Who belongs to which group of a grouping (district, community, collection centre,
gender, practice), how groups are named and ordered, and the report assembled from the
members' facts: the whole, each group, each against the baseline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from coop_desktop.domain.indicator_figures import MemberFacts
from coop_desktop.domain.text import fold

PRACTICES = ("good_practice", "regenerative", "organic", "herd_health")
GROUPINGS = ("district", "community", "centre", "gender", "practice")


def group_of(m: MemberFacts, by: str) -> tuple[str, ...]:
    """The groups a member belongs to under a grouping (one, or one per practice)."""
    if by == "practice":
        return tuple(f"{p}:{'yes' if p in m.flags else 'no'}" for p in PRACTICES)
    if by == "gender":
        return (m.gender or "unknown",)
    value = {"district": m.district, "community": m.community, "centre": m.centre}[by]
    return (value or "",)


GENDER_LABELS = {
    "f": ("Mujeres", "Women"),
    "m": ("Hombres", "Men"),
    "unknown": ("Sin dato de sexo", "Gender not recorded"),
}
PRACTICE_LABELS = {
    "good_practice": ("buenas prácticas", "good practices"),
    "regenerative": ("prácticas regenerativas", "regenerative practices"),
    "organic": ("producción orgánica", "organic production"),
    "herd_health": ("hato certificado sano", "certified healthy herd"),
}
GROUPING_LABELS = {
    "district": ("Distrito", "District"),
    "community": ("Comunidad", "Community"),
    "centre": ("Centro de acopio", "Collection centre"),
    "gender": ("Sexo", "Gender"),
    "practice": ("Prácticas", "Practices"),
}


def group_label(by: str, group: str, lang: str = "es") -> str:
    """How a group is named for people: "Mujeres", "Con buenas prácticas", "Ácora"."""
    en = lang == "en"
    if by == "gender":
        return GENDER_LABELS.get(group, (group, group))[en]
    if by == "practice":
        flag, _, yes = group.partition(":")
        name = PRACTICE_LABELS.get(flag, (flag, flag))[en]
        if en:
            return f"{'With' if yes == 'yes' else 'Without'} {name}"
        return f"{'Con' if yes == 'yes' else 'Sin'} {name}"
    return group or ("(not recorded)" if en else "(sin dato)")


def grouped(facts: Iterable[MemberFacts], grouping: str) -> dict[str, list[MemberFacts]]:
    result: dict[str, list[MemberFacts]] = defaultdict(list)
    for m in facts:
        for key in group_of(m, grouping):
            result[key].append(m)
    return result


def ordered(grouping: str, keys: set[str]) -> list[str]:
    """Women first, then men; practices with then without; places alphabetically, accents
    aside (Ácora before Cupi), the members without one last."""
    if grouping == "gender":
        return [k for k in ("f", "m", "unknown") if k in keys]
    if grouping == "practice":
        order = [f"{p}:{yes}" for p in PRACTICES for yes in ("yes", "no")]
        return [k for k in order if k in keys]
    return sorted(keys, key=lambda k: (k == "", fold(k), k))

"""Who belongs to which group of a grouping (district, community, collection centre,
gender, practice), how groups are named and ordered, and the report assembled from the
members' facts: the whole, each group, each against the baseline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from coop_desktop.core.i18n import N_, _, language
from coop_desktop.domain.indicator_figures import MemberFacts
from coop_desktop.domain.text import fold

GROUPINGS = ("district", "community", "centre", "gender", "practice")
Names = Mapping[str, tuple[str, str]]  # a practice's code -> its name (Spanish, English)


def group_of(m: MemberFacts, by: str, practices: Sequence[str] = ()) -> tuple[str, ...]:
    """The groups a member belongs to under a grouping (one, or one per practice: with it
    or without it, by what it held in the part of the range these facts cover)."""
    if by == "practice":
        return tuple(f"{p}:{'yes' if p in m.practices else 'no'}" for p in practices)
    if by == "gender":
        return (m.gender or "unknown",)
    value = {"district": m.district, "community": m.community, "centre": m.centre}[by]
    return (value or "",)


GENDER_LABELS = {
    "f": N_("Mujeres"),
    "m": N_("Hombres"),
    "unknown": N_("Sin dato de sexo"),
}
GROUPING_LABELS = {
    "district": N_("Distrito"),
    "community": N_("Comunidad"),
    "centre": N_("Centro de acopio"),
    "gender": N_("Sexo"),
    "practice": N_("Prácticas"),
}


def group_label(by: str, group: str, lang: str = "es", names: Names | None = None) -> str:
    """How a group is named for people: "Mujeres", "Con Producción orgánica", "Ácora"."""
    with language(lang):
        if by == "gender":
            return _(GENDER_LABELS[group]) if group in GENDER_LABELS else group
        if by == "practice":
            code, _sep, yes = group.partition(":")
            name = (names or {}).get(code, (code, code))[lang == "en"]  # the practice's names
            held = _("Con: {name}") if yes == "yes" else _("Sin: {name}")
            return held.format(name=name)
        return group or _("(sin dato)")


def grouping_label(by: str, lang: str = "es") -> str:
    """ "Distrito", "Sexo", "Prácticas"…: what a grouping is called."""
    with language(lang):
        return _(GROUPING_LABELS[by])


def grouped(
    facts: Iterable[MemberFacts], grouping: str, practices: Sequence[str] = ()
) -> dict[str, list[MemberFacts]]:
    """The members of each group; a member's parts that fall in one group (a practice held
    in two parts of the range) are added into one."""
    result: dict[str, dict[int, MemberFacts]] = defaultdict(dict)
    for m in facts:
        for key in group_of(m, grouping, practices):
            mine = result[key]
            had = mine.get(m.member_id)
            mine[m.member_id] = m if had is None else had.merge(m)
    return {key: list(members.values()) for key, members in result.items()}


def ordered(grouping: str, keys: set[str], practices: Sequence[str] = ()) -> list[str]:
    """Women first, then men; practices in the association's order, with then without;
    places alphabetically, accents aside (Ácora before Cupi), the members without one last."""
    if grouping == "gender":
        return [k for k in ("f", "m", "unknown") if k in keys]
    if grouping == "practice":
        order = [f"{p}:{yes}" for p in practices for yes in ("yes", "no")]
        return [k for k in order if k in keys]
    return sorted(keys, key=lambda k: (k == "", fold(k), k))

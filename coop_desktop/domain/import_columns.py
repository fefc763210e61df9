"""Which column of an imported file holds which field: headers matched by their names in
Spanish or English (accents, case and punctuation ignored), a saved or given mapping first.

A column maps to a field key, to IGNORE (chosen by the person, or a row-number column, or a
value the program does not keep, such as lactose), or to nothing: an unrecognised column
stops the import until it is mapped or ignored, so no data is silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coop_desktop.core.errors import ValidationError
from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.text import fold

IGNORE = "-"
KINDS = ("members", "deliveries", "tests")


@dataclass(frozen=True)
class FieldSpec:
    key: str
    names: tuple[str, ...]


def _f(key: str, *names: str) -> FieldSpec:
    return FieldSpec(key, names)


MEMBER_FIELDS = (
    _f(
        "code",
        "codigo",
        "cod",
        "code",
        "codigo socio",
        "codigo del socio",
        "member code",
        "id socio",
        "n socio",
        "nro socio",
        "numero de socio",
    ),
    _f(
        "given_names",
        "nombres",
        "nombre",
        "given names",
        "first name",
        "first names",
        "name",
        "names",
    ),
    _f(
        "surnames",
        "apellidos",
        "apellido",
        "surnames",
        "surname",
        "last name",
        "apellido paterno y materno",
    ),
    _f("dni", "dni", "documento", "doc identidad", "documento de identidad", "n dni"),
    _f("gender", "sexo", "genero", "gender", "sex"),
    _f("community", "comunidad", "community", "sector", "caserio"),
    _f("district", "distrito", "district"),
    _f("province", "provincia", "province"),
    _f("department", "departamento", "region", "department"),
    _f("address", "direccion", "domicilio", "address"),
    _f("phone", "telefono", "celular", "phone", "mobile", "movil"),
    _f("payment_method", "forma de pago", "pago", "payment method", "medio de pago"),
    _f("bank", "banco", "bank", "entidad"),
    _f(
        "account",
        "cuenta",
        "numero de cuenta",
        "n cuenta",
        "cuenta bancaria",
        "account",
        "account number",
        "cci",
    ),
    _f(
        "wallet",
        "billetera",
        "yape",
        "plin",
        "billetera movil",
        "wallet",
        "mobile wallet",
        "celular yape",
    ),
    _f("joined_on", "fecha de ingreso", "ingreso", "fecha ingreso", "joined", "joined on"),
    _f("herd_size", "vacas", "numero de vacas", "n vacas", "herd size", "cows"),
    _f("status", "estado", "status", "situacion"),
    # One column with the whole name, as registers write it: split into surnames and given
    # names (`import_cells.split_full_name`).
    _f(
        "surnames_and_names",
        "apellidos y nombres",
        "apellidos nombres",
        "apellido y nombre",
        "surnames and names",
    ),
    _f(
        "names_and_surnames",
        "nombres y apellidos",
        "nombre y apellido",
        "nombre completo",
        "full name",
        "names and surnames",
    ),
)
DELIVERY_FIELDS = (
    _f(
        "member",
        "codigo",
        "cod",
        "code",
        "socio",
        "codigo socio",
        "codigo del socio",
        "member",
        "member code",
        "proveedor",
    ),
    _f("member_dni", "dni", "dni socio", "dni del socio"),
    _f("date", "fecha", "date", "dia", "fecha de entrega"),
    _f("shift", "turno", "shift", "ordeno"),
    _f(
        "litres",
        "litros",
        "l",
        "lt",
        "lts",
        "litres",
        "liters",
        "cantidad l",
        "cantidad litros",
        "aceptado l",
        "accepted l",
    ),
    _f(
        "kg",
        "kg",
        "kilos",
        "kilogramos",
        "cantidad kg",
        "peso",
        "peso kg",
        "aceptado kg",
        "accepted kg",
    ),
    # The deliveries export's rejected milk, in its own columns by unit.
    _f("rejected_litres", "rechazado l", "rejected l", "litros rechazados"),
    _f("rejected_kg", "rechazado kg", "rejected kg", "kg rechazados"),
    _f("quantity", "cantidad", "quantity", "volumen"),
    _f("unit", "unidad", "unit"),
    _f("temperature", "temperatura", "temp", "temperature", "t c", "temperatura c"),
    _f("density", "densidad", "density", "dens"),
    _f("alcohol_positive", "alcohol", "prueba de alcohol", "alcohol test"),
    _f("cooled", "enfriada", "enfriado", "frio", "cooled"),
    _f("rejected", "rechazada", "rechazado", "rejected"),
    _f(
        "reject_reason",
        "motivo",
        "motivo de rechazo",
        "rechazo",
        "reject reason",
        "rejection reason",
        "reason",
        "observacion de rechazo",
    ),
)
TEST_FIELDS = (
    _f(
        "member",
        "codigo",
        "cod",
        "code",
        "socio",
        "codigo socio",
        "member",
        "member code",
        "id",
        "sample",
        "sample id",
        "muestra",
        "n muestra",
        "proveedor",
        "supplier",
    ),
    _f("member_dni", "dni", "dni socio"),
    _f("date", "fecha", "date", "fecha de muestra", "fecha muestra", "sample date"),
    _f("fat", "grasa", "fat", "mg", "materia grasa", "grasa %"),
    _f("protein", "proteina", "proteinas", "protein", "proteins", "prot"),
    _f("st", "st", "solidos totales", "total solids", "ts", "solids"),
    _f("snf", "snf", "sng", "solidos no grasos", "solids non fat", "solids not fat"),
    _f("density", "densidad", "density", "dens", "den"),
    _f("acidity", "acidez", "acidity", "acidez titulable"),
    _f(
        "ufc",
        "ufc",
        "ufc ml",
        "rbt",
        "recuento bacteriano",
        "bacterial count",
        "cfu",
        "recuento total",
        "bacterias",
    ),
    _f("scc", "ccs", "rcs", "celulas somaticas", "scc", "somatic cells"),
    _f("tram", "tram", "reductasa", "tiempo de reductasa", "mbrt", "tram h"),
    _f("temperature", "temperatura", "temp", "temperature", "t c"),
    _f("added_water", "agua", "agua anadida", "added water", "water", "aw", "agua %"),
    _f("alcohol", "alcohol", "prueba de alcohol", "alcohol test"),
    _f("antibiotics", "antibioticos", "antibiotics", "inhibidores"),
    _f("lab", "laboratorio", "lab", "laboratory"),
    _f("delivery", "entrega", "n entrega", "delivery", "delivery id"),
)
FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "members": MEMBER_FIELDS,
    "deliveries": DELIVERY_FIELDS,
    "tests": TEST_FIELDS,
}
# Columns recognised and left aside: row numbers, names beside a code, and what analyzers
# measure but the program does not keep.
ROW_NUMBER = ("n", "no", "nro", "numero", "item", "")
KNOWN_UNKEPT: dict[str, tuple[str, ...]] = {
    "members": ("observaciones", "observacion", "notas"),
    "deliveries": (
        "nombre",
        "nombres",
        "nombre del socio",
        "apellidos y nombres",
        "nombres y apellidos",
        "nombre completo",
        "member name",
        "n entrega",
        "delivery no",
        "socia",
        "hora",
        "time",
        "observaciones",
        "observacion",
        "notas",
    ),
    "tests": (
        "nombre",
        "nombres",
        "nombre del socio",
        "apellidos y nombres",
        "nombres y apellidos",
        "nombre completo",
        "hora",
        "time",
        "lactosa",
        "lactose",
        "sales",
        "salts",
        "punto de congelacion",
        "freezing point",
        "fp",
        "ph",
        "conductividad",
        "conductivity",
        "observaciones",
        "notas",
        "modo",
        "mode",
    ),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "members": ("code", "given_names", "surnames"),
    "deliveries": ("date", "shift"),
    "tests": ("date",),
}
QUANTITY_KEYS = ("litres", "kg", "quantity", "rejected_litres", "rejected_kg")
QUANTITY_UNITS = {"litres": "L", "kg": "kg", "rejected_litres": "L", "rejected_kg": "kg"}
PRACTICE = "practice:"  # a members file's practice column: "practice:<code>", its cells dates
# Units a header may carry after its name ("Density,kg/m3", "Temp,C", "Litros (L)"): left
# aside when the name alone is known. Multipliers (x1000) are never left aside: they change
# what the number means.
UNIT_WORDS = frozenset(
    {"c", "kg", "m3", "g", "gr", "ml", "l", "lt", "lts", "%", "h", "hr", "hrs", "horas", "mg"}
)
# A sample number an analyzer writes ("No." of Ekomilk, "N°"): the member's code when the
# file has no other column naming the member (operators type the code as the sample number).
SAMPLE_NUMBER = ("no", "n", "nro", "numero")


def header_key(text: object) -> str:
    """A header as compared: accent-free lower case, punctuation and units as spaces."""
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", fold(str(text or ""))).replace("%", " %").split())


def field_keys(kind: str) -> tuple[str, ...]:
    return tuple(f.key for f in FIELDS[kind])


def resolve_field(kind: str, name: str) -> str:
    """A field named by its key or any of its header names; "" or "-" means ignore."""
    key = header_key(name)
    if key in ("", IGNORE):
        return IGNORE
    text = str(name).strip().lower()
    if kind == "members" and text.startswith(PRACTICE) and len(text) > len(PRACTICE):
        return text
    for spec in FIELDS[kind]:
        if key == spec.key or key in spec.names:
            return spec.key
    raise ValidationError(
        "bad_mapping", "column", value=name, valid=", ".join((*field_keys(kind), IGNORE))
    )


@dataclass
class ColumnMatch:
    """Per column: the field it feeds, IGNORE, or None (not recognised)."""

    fields: list[str | None]
    notes: list[tuple[int, str]] = field(default_factory=list)  # (column, code) known-ignored
    column_of: dict[str, int] = field(init=False)  # field -> its (first) column

    def __post_init__(self) -> None:
        self.column_of = {}
        for i, f in enumerate(self.fields):
            if f is not None and f != IGNORE:
                self.column_of.setdefault(f, i)


def _names(kind: str, practices: dict[str, str] | None = None) -> dict[str, str]:
    names = {name: spec.key for spec in FIELDS[kind] for name in spec.names}
    if kind == "tests":
        names.update({k: k for k in MEASURES})
    if kind == "members" and practices:
        names.update(practices)
    return names


def known(key: str, names: dict[str, str]) -> str | None:
    """The field of a header key: its name, or its name followed by units."""
    if key in names:
        return names[key]
    words = key.split()
    while len(words) > 1 and words[-1] in UNIT_WORDS:
        words.pop()
        if " ".join(words) in names:
            return names[" ".join(words)]
    return None


def match_columns(
    kind: str,
    headers: list[str],
    mapping: dict[str, str],
    practices: dict[str, str] | None = None,
) -> ColumnMatch:
    """Match each header: first the given/saved `mapping` (header key → field or IGNORE),
    then the known names (with or without units after them); a measure key (fat, st, ufc…)
    always names its measure. `practices` (header key → "practice:<code>") adds a members
    file's practice columns, the association's own list."""
    names = _names(kind, practices)
    out: list[str | None] = []
    notes: list[tuple[int, str]] = []
    for i, header in enumerate(headers):
        key = header_key(header)
        found = known(key, names)
        if key in mapping:
            out.append(mapping[key])
        elif found is not None:
            out.append(found)
        elif key in ROW_NUMBER:
            out.append(IGNORE)
        elif key in KNOWN_UNKEPT[kind]:
            out.append(IGNORE)
            notes.append((i, "ignored_known_column"))
        else:
            out.append(None)
    if kind == "tests" and not {"member", "member_dni"} & set(out):
        for i, header in enumerate(headers):
            if header_key(header) in SAMPLE_NUMBER and header_key(header) not in mapping:
                out[i] = "member"
                notes.append((i, "sample_number_as_member"))
                break
    return ColumnMatch(out, sorted(notes))


def header_score(kind: str, cells: list[object], practices: dict[str, str] | None = None) -> int:
    """How many cells of a row are names of this kind's columns (the header row is the one
    with the most, at least two: title rows and a group header above it score less)."""
    names = _names(kind, practices)
    return sum(1 for c in cells if c not in (None, "") and known(header_key(c), names))

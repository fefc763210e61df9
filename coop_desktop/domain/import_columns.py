"""Which column of an imported file holds which field: headers matched by their names in
Spanish or English (accents, case and punctuation ignored), a saved or given mapping first.

A column maps to a field key, to IGNORE (chosen by the person, or a row-number column, or a
value the program does not keep, such as lactose), or to nothing: an unrecognised column
stops the import until it is mapped or ignored, so no data is silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import coop_desktop.domain.transfer_messages  # noqa: F401  (registers the messages)
from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.text import fold
from coop_desktop.errors import ValidationError

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
    _f("litres", "litros", "l", "lt", "lts", "litres", "liters", "cantidad l", "cantidad litros"),
    _f("kg", "kg", "kilos", "kilogramos", "cantidad kg", "peso", "peso kg"),
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
    "members": ("nombre completo", "observaciones", "observacion", "notas"),
    "deliveries": (
        "nombre",
        "nombres",
        "nombre del socio",
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
QUANTITY_KEYS = ("litres", "kg", "quantity")


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


def match_columns(kind: str, headers: list[str], mapping: dict[str, str]) -> ColumnMatch:
    """Match each header: first the given/saved `mapping` (header key → field or IGNORE),
    then the known names; a measure key (fat, st, ufc…) always names its measure."""
    names = {name: spec.key for spec in FIELDS[kind] for name in spec.names}
    if kind == "tests":
        names.update({k: k for k in MEASURES})
    out: list[str | None] = []
    notes: list[tuple[int, str]] = []
    for i, header in enumerate(headers):
        key = header_key(header)
        if key in mapping:
            out.append(mapping[key])
        elif key in names:
            out.append(names[key])
        elif key.rstrip(" %") in names:
            out.append(names[key.rstrip(" %")])
        elif key in ROW_NUMBER:
            out.append(IGNORE)
        elif key in KNOWN_UNKEPT[kind]:
            out.append(IGNORE)
            notes.append((i, "ignored_known_column"))
        else:
            out.append(None)
    return ColumnMatch(out, notes)


def looks_like_header(kind: str, cells: list[object]) -> bool:
    """A row with at least two recognised names is the header (title rows above it are
    skipped)."""
    names = {name for spec in FIELDS[kind] for name in spec.names}
    return sum(1 for c in cells if header_key(c) in names) >= 2

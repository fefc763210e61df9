"""`coop init | demo | members | deliveries | tests`: the association's everyday data."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from coop_desktop.cli import practice_commands, repair_commands
from coop_desktop.cli.base import open_db, print_json, print_table
from coop_desktop.core.i18n import _

ADMIN_HELP = {
    "es": "en un archivo nuevo: nombre del primer administrador (contraseña en la terminal, "
    "dos veces, o COOP_NEW_PASSWORD)",
    "en": "on a new file: name of the first administrator (password on the terminal, twice, "
    "or COOP_NEW_PASSWORD)",
}


def register(commands: Any, lang: str) -> None:
    p = commands.add_parser("init", help=_("crea la asociación"))
    p.add_argument("--name", required=True)
    p.add_argument("--ruc")
    p.add_argument("--cycle", default="month", choices=["month", "fortnight", "decade", "week"])
    p.add_argument("--district")
    p.add_argument("--province")
    p.add_argument("--department", default="Puno")
    p.add_argument("--address")
    p.add_argument(
        "--language",
        choices=["es", "en"],
        default="es",
        help=_("idioma de los documentos"),
    )
    p.add_argument(
        "--logo",
        metavar="FILE",
        help=_("logo (PNG o JPG) para los documentos"),
    )
    p.add_argument("--admin", metavar="NAME", default="admin", help=ADMIN_HELP[lang])
    p.set_defaults(handler=cmd_init)

    association = commands.add_parser("association", help=_("datos de la asociación"))
    asub = association.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = asub.add_parser(
        "set",
        help=_("corrige los datos de una asociación ya creada"),
    )
    p.add_argument(
        "--ruc",
        required=True,
        help=_("RUC de 11 dígitos"),
    )
    p.set_defaults(handler=cmd_association_set)

    p = commands.add_parser("demo", help=_("carga datos de demostración"))
    p.add_argument("--members", type=int, default=50)
    p.add_argument("--days", type=int, default=31)
    p.add_argument("--start", help="YYYY-MM-DD")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--admin", metavar="NAME", default="admin", help=ADMIN_HELP[lang])
    p.set_defaults(handler=cmd_demo)

    members = commands.add_parser("members", help=_("socios"))
    msub = members.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = msub.add_parser("list", help=_("lista los socios"))
    p.add_argument("--search", default="")
    p.add_argument("--status", choices=["active", "suspended", "retired"])
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_members_list)
    p = msub.add_parser("add", help=_("registra un socio"))
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True, help=_("nombres"))
    p.add_argument("--surnames", required=True)
    p.add_argument("--dni")
    p.add_argument("--gender", choices=["f", "m"])
    p.add_argument("--community")
    p.add_argument("--district")
    p.add_argument("--province")
    p.add_argument("--phone")
    p.set_defaults(handler=cmd_members_add)
    practice_commands.register(commands, msub, lang)

    deliveries = commands.add_parser("deliveries", help=_("entregas"))
    dsub = deliveries.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = dsub.add_parser("add", help=_("registra una entrega"))
    p.add_argument("member_code", metavar="MEMBER_CODE")
    p.add_argument("quantity", metavar="QUANTITY")
    p.add_argument("--unit", required=True, choices=["L", "kg"])
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--shift", required=True, choices=["am", "pm"])
    p.add_argument("--reject", metavar="REASON")
    p.add_argument("--temperature")
    p.add_argument("--density")
    p.add_argument("--cooled", action="store_true")
    p.set_defaults(handler=cmd_deliveries_add)
    p = dsub.add_parser("list", help=_("lista las entregas"))
    p.add_argument("--date", help="YYYY-MM-DD")
    p.add_argument("--member")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_deliveries_list)
    repair_commands.register_delete(dsub, lang)

    tests = commands.add_parser("tests", help=_("análisis de calidad"))
    tsub = tests.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = tsub.add_parser("add", help=_("registra un análisis"))
    p.add_argument("member_code", metavar="MEMBER_CODE")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--measure", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--delivery", type=int)
    p.add_argument("--lab")
    p.set_defaults(handler=cmd_tests_add)


def cmd_init(args: argparse.Namespace) -> int:

    from coop_desktop.services.association import create_association

    logo = None
    if args.logo:
        from coop_desktop.core.input_files import readable_file

        logo = readable_file(args.logo, "logo").read_bytes()
    db = open_db(args, create=True)
    a = create_association(
        db,
        args.name,
        args.ruc,
        cycle=args.cycle,
        district=args.district,
        province=args.province,
        department=args.department,
        address=args.address,
        language=args.language,
        logo=logo,
    )
    print(_("Asociación creada: {name}").format(name=a.name))
    print(_("Datos en: {value}").format(value=db.location.describe()))
    return 0


def cmd_association_set(args: argparse.Namespace) -> int:
    from coop_desktop.services.association import set_ruc

    a = set_ruc(open_db(args), args.ruc)
    print(
        _("RUC de {name}: {ruc}. Los recibos salen como liquidación de compra.").format(
            name=a.name, ruc=a.ruc
        )
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from coop_desktop.domain.validation import iso_date
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.demo import load_demo

    db = open_db(args, create=True)
    start = iso_date(args.start, "date") if args.start else None
    s = load_demo(db, members=args.members, days=args.days, start=start, seed=args.seed)
    print(
        _(
            "Demostración: {members} socios, {deliveries} entregas ({rejected} "
            "rechazadas), {tests} análisis, {ledger_entries} movimientos, del "
            "{value} al {value2}."
        ).format(
            members=s.members,
            deliveries=s.deliveries,
            rejected=s.rejected,
            tests=s.tests,
            ledger_entries=s.ledger_entries,
            value=fmt.day(s.start),
            value2=fmt.day(s.end),
        )
    )
    return 0


def cmd_members_list(args: argparse.Namespace) -> int:
    from coop_desktop.services.members import list_members

    members = list_members(open_db(args), search=args.search, status=args.status)
    if args.json:
        print_json(
            [
                {
                    "code": m.code,
                    "given_names": m.given_names,
                    "surnames": m.surnames,
                    "dni": m.dni,
                    "gender": m.gender,
                    "community": m.community,
                    "district": m.district,
                    "province": m.province,
                    "status": m.status,
                }
                for m in members
            ]
        )
        return 0
    headers = [_("Código"), _("Nombre"), _("DNI"), _("Comunidad"), _("Distrito"), _("Estado")]
    from coop_desktop.core.messages import status_name

    print_table(
        headers,
        [
            (m.code, m.full_name, m.dni, m.community, m.district, status_name(m.status, args.lang))
            for m in members
        ],
    )
    return 0


def cmd_members_add(args: argparse.Namespace) -> int:
    from coop_desktop.services.dto import MemberDraft
    from coop_desktop.services.members import add_member

    m = add_member(
        open_db(args),
        MemberDraft(
            code=args.code,
            given_names=args.name,
            surnames=args.surnames,
            dni=args.dni,
            gender=args.gender,
            community=args.community,
            district=args.district,
            province=args.province,
            phone=args.phone,
        ),
    )
    print(_("Socio registrado: {code} {full_name}").format(code=m.code, full_name=m.full_name))
    return 0


def cmd_deliveries_add(args: argparse.Namespace) -> int:
    from coop_desktop.services.deliveries import add_delivery

    d = add_delivery(
        open_db(args),
        args.member_code,
        args.quantity,
        args.unit,
        args.date,
        args.shift,
        reject_reason=args.reject,
        rejected=True if args.reject is not None else None,
        temperature=args.temperature,
        density=args.density,
        cooled=args.cooled,
    )
    print(d.id)
    return 0


def cmd_deliveries_list(args: argparse.Namespace) -> int:
    from coop_desktop.domain.validation import iso_date
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.deliveries import list_deliveries

    day: date | None = iso_date(args.date, "date") if args.date else None
    rows = list_deliveries(open_db(args), day=day, member_code=args.member)
    if args.json:
        print_json(
            [
                {
                    "id": d.id,
                    "member": d.member_code,
                    "name": d.member_name,
                    "date": d.date,
                    "shift": d.shift,
                    "quantity": d.quantity,
                    "unit": d.unit,
                    "rejected": d.rejected,
                    "reject_reason": d.reject_reason,
                }
                for d in rows
            ]
        )
        return 0
    headers = [
        _("Id"),
        _("Fecha"),
        _("Turno"),
        _("Socio"),
        _("Nombre"),
        _("Cantidad"),
        _("Rechazo"),
    ]
    print_table(
        headers,
        [
            (
                d.id,
                fmt.day(d.date),
                d.shift,
                d.member_code,
                d.member_name,
                fmt.quantity(d.quantity, d.unit, args.lang),
                d.reject_reason or "",
            )
            for d in rows
        ],
    )
    return 0


def cmd_tests_add(args: argparse.Namespace) -> int:
    from coop_desktop.domain.validation import measure_assignment
    from coop_desktop.services.quality import add_test

    measures: dict[str, object] = {}
    for text in args.measure:
        key, value = measure_assignment(text)
        measures[key] = value
    test = add_test(
        open_db(args),
        args.member_code,
        args.date,
        measures,
        delivery_id=args.delivery,
        lab=args.lab,
    )
    print(test.id)
    sys.stdout.flush()
    return 0

"""`coop init | demo | members | deliveries | tests`: the association's everyday data."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table, t

ADMIN_HELP = {
    "es": "en un archivo nuevo: nombre del primer administrador (contraseña en la terminal, "
    "dos veces, o COOP_NEW_PASSWORD)",
    "en": "on a new file: name of the first administrator (password on the terminal, twice, "
    "or COOP_NEW_PASSWORD)",
}


def register(commands: Any, lang: str) -> None:
    p = commands.add_parser("init", help=t(lang, "crea la asociación", "create the association"))
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
        help=t(lang, "idioma de los documentos", "language of the documents"),
    )
    p.add_argument(
        "--logo",
        metavar="FILE",
        help=t(lang, "logo (PNG o JPG) para los documentos", "logo (PNG or JPG) for the documents"),
    )
    p.add_argument("--admin", metavar="NAME", default="admin", help=ADMIN_HELP[lang])
    p.set_defaults(handler=cmd_init)

    p = commands.add_parser("demo", help=t(lang, "carga datos de demostración", "load demo data"))
    p.add_argument("--members", type=int, default=50)
    p.add_argument("--days", type=int, default=31)
    p.add_argument("--start", help="YYYY-MM-DD")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--admin", metavar="NAME", default="admin", help=ADMIN_HELP[lang])
    p.set_defaults(handler=cmd_demo)

    members = commands.add_parser("members", help=t(lang, "socios", "members"))
    msub = members.add_subparsers(dest="action", required=True, metavar="ACCIÓN")
    p = msub.add_parser("list", help=t(lang, "lista los socios", "list members"))
    p.add_argument("--search", default="")
    p.add_argument("--status", choices=["active", "suspended", "retired"])
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_members_list)
    p = msub.add_parser("add", help=t(lang, "registra un socio", "add a member"))
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True, help=t(lang, "nombres", "given names"))
    p.add_argument("--surnames", required=True)
    p.add_argument("--dni")
    p.add_argument("--gender", choices=["f", "m"])
    p.add_argument("--community")
    p.add_argument("--district")
    p.add_argument("--province")
    p.add_argument("--phone")
    p.set_defaults(handler=cmd_members_add)

    deliveries = commands.add_parser("deliveries", help=t(lang, "entregas", "deliveries"))
    dsub = deliveries.add_subparsers(dest="action", required=True, metavar="ACCIÓN")
    p = dsub.add_parser("add", help=t(lang, "registra una entrega", "record a delivery"))
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
    p = dsub.add_parser("list", help=t(lang, "lista las entregas", "list deliveries"))
    p.add_argument("--date", help="YYYY-MM-DD")
    p.add_argument("--member")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_deliveries_list)

    tests = commands.add_parser("tests", help=t(lang, "análisis de calidad", "quality tests"))
    tsub = tests.add_subparsers(dest="action", required=True, metavar="ACCIÓN")
    p = tsub.add_parser("add", help=t(lang, "registra un análisis", "record a test"))
    p.add_argument("member_code", metavar="MEMBER_CODE")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--measure", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--delivery", type=int)
    p.add_argument("--lab")
    p.set_defaults(handler=cmd_tests_add)


def cmd_init(args: argparse.Namespace) -> int:
    from pathlib import Path

    from coop_desktop.errors import NotFound
    from coop_desktop.services.association import create_association

    logo = None
    if args.logo:
        if not Path(args.logo).is_file():
            raise NotFound("file_not_found", "logo", value=args.logo)
        logo = Path(args.logo).read_bytes()
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
    print(t(args.lang, f"Asociación creada: {a.name}", f"Association created: {a.name}"))
    print(t(args.lang, f"Datos en: {db.location.describe()}", f"Data in: {db.location.describe()}"))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from coop_desktop import formatting as fmt
    from coop_desktop.domain.validation import iso_date
    from coop_desktop.services.demo import load_demo

    db = open_db(args, create=True)
    start = iso_date(args.start, "date") if args.start else None
    s = load_demo(db, members=args.members, days=args.days, start=start, seed=args.seed)
    print(
        t(
            args.lang,
            f"Demostración: {s.members} socios, {s.deliveries} entregas ({s.rejected} "
            f"rechazadas), {s.tests} análisis, {s.ledger_entries} movimientos, "
            f"del {fmt.day(s.start)} al {fmt.day(s.end)}.",
            f"Demo: {s.members} members, {s.deliveries} deliveries ({s.rejected} rejected), "
            f"{s.tests} tests, {s.ledger_entries} ledger entries, {fmt.day(s.start)} to "
            f"{fmt.day(s.end)}.",
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
    headers = (
        ["Código", "Nombre", "DNI", "Comunidad", "Distrito", "Estado"]
        if args.lang == "es"
        else ["Code", "Name", "DNI", "Community", "District", "Status"]
    )
    from coop_desktop.messages import status_name

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
    print(
        t(
            args.lang,
            f"Socio registrado: {m.code} {m.full_name}",
            f"Member added: {m.code} {m.full_name}",
        )
    )
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
    from coop_desktop import formatting as fmt
    from coop_desktop.domain.validation import iso_date
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
    headers = (
        ["Id", "Fecha", "Turno", "Socio", "Nombre", "Cantidad", "Rechazo"]
        if args.lang == "es"
        else ["Id", "Date", "Shift", "Member", "Name", "Quantity", "Rejection"]
    )
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

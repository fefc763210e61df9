"""`coop audit list | verify`: who did what, and whether the trail is intact."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table, t


def register(commands: Any, lang: str) -> None:
    audit = commands.add_parser("audit", help=t(lang, "registro de auditoría", "audit trail"))
    sub = audit.add_subparsers(dest="action", required=True, metavar="ACCIÓN")
    p = sub.add_parser("list", help=t(lang, "muestra el registro", "show the trail"))
    p.add_argument("--user", dest="by_user", metavar="NAME")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    p.add_argument("--entity")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser(
        "verify",
        help=t(lang, "verifica la cadena de huellas", "verify the hash chain"),
    )
    p.add_argument(
        "--expect",
        metavar="N:HUELLA",
        help=t(
            lang,
            "compara la fila N con la huella anotada antes (por ejemplo en un acta)",
            "compare row N with a hash written down earlier (on a minute, for example)",
        ),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_verify)


def cmd_list(args: argparse.Namespace) -> int:
    from coop_desktop import formatting as fmt
    from coop_desktop.domain.validation import iso_date
    from coop_desktop.services.audit_trail import list_audit

    entries = list_audit(
        open_db(args),
        user=args.by_user,
        start=iso_date(args.start, "date") if args.start else None,
        end=iso_date(args.end, "date") if args.end else None,
        entity=args.entity,
    )
    if args.json:
        print_json([_entry(e) for e in entries])
        return 0
    headers = (
        ["N.º", "Fecha y hora", "Usuario", "Acción", "Entidad", "Id", "Detalle"]
        if args.lang == "es"
        else ["No.", "Date and time", "User", "Action", "Entity", "Id", "Detail"]
    )
    print_table(
        headers,
        [
            (
                e.seq or "",
                fmt.moment(e.at, seconds=True),
                e.user,
                e.action,
                e.entity,
                e.entity_id or "",
                _short(e.after if e.after is not None else e.before),
            )
            for e in entries
        ],
    )
    return 0


def _entry(e: Any) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at,
        "user": e.user,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "before": e.before,
        "after": e.after,
    }


def _short(value: Any, width: int = 60) -> str:
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_verify(args: argparse.Namespace) -> int:
    from coop_desktop.errors import ValidationError
    from coop_desktop.services.audit_trail import describe, verify_audit

    expect = None
    if args.expect:
        seq, _, digest = args.expect.partition(":")
        if not seq.isdigit() or len(digest) < 8:
            raise ValidationError("bad_expect", "expect", value=args.expect)
        expect = (int(seq), digest)
    report = verify_audit(open_db(args), expect)
    problems = [describe(f, args.lang) for f in report.findings]
    if args.json:
        print_json(
            {
                "rows": report.rows,
                "last_seq": report.last_seq,
                "last_hash": report.last_hash,
                "problems": problems,
            }
        )
        return 1 if problems else 0
    if problems:
        print(
            t(
                args.lang,
                f"La cadena de auditoría está rota ({len(problems)} problemas):",
                f"The audit chain is broken ({len(problems)} problems):",
            ),
            file=sys.stderr,
        )
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print(
        t(
            args.lang,
            f"Cadena de auditoría íntegra: {report.rows} filas; la última es la n.º "
            f"{report.last_seq}, huella {report.last_hash[:16]}",
            f"Audit chain intact: {report.rows} rows; the last is no. {report.last_seq}, "
            f"hash {report.last_hash[:16]}",
        )
    )
    return 0

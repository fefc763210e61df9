"""`coop audit list | verify`: who did what, and whether the trail is intact."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table
from coop_desktop.core.i18n import _


def register(commands: Any, lang: str) -> None:
    audit = commands.add_parser("audit", help=_("registro de auditoría"))
    sub = audit.add_subparsers(dest="action", required=True, metavar=_("ACCIÓN"))
    p = sub.add_parser("list", help=_("muestra el registro"))
    p.add_argument("--user", dest="by_user", metavar="NAME")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    p.add_argument("--entity")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser(
        "verify",
        help=_("verifica la cadena de huellas"),
    )
    p.add_argument(
        "--expect",
        metavar="N:HUELLA",
        help=_("compara la fila N con la huella anotada antes (por ejemplo en un acta)"),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_verify)


def cmd_list(args: argparse.Namespace) -> int:
    from coop_desktop.domain.validation import iso_date
    from coop_desktop.language import formatting as fmt
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
    headers = [
        _("N.º"),
        _("Fecha y hora"),
        _("Usuario"),
        _("Acción"),
        _("Entidad"),
        _("Id"),
        _("Detalle"),
    ]
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
    from coop_desktop.core.errors import ValidationError
    from coop_desktop.services.audit_trail import describe, verify_audit

    expect = None
    if args.expect:
        seq, _sep, digest = args.expect.partition(":")
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
            _("La cadena de auditoría está rota ({value} problemas):").format(value=len(problems)),
            file=sys.stderr,
        )
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print(
        _(
            "Cadena de auditoría íntegra: {rows} filas; la última es la n.º "
            "{last_seq}, huella {value}"
        ).format(rows=report.rows, last_seq=report.last_seq, value=report.last_hash[:16])
    )
    return 0

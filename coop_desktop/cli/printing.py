"""`coop print ticket | receipts | statements | payroll | collection`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coop_desktop.cli.base import add_output, databases, open_db, save, t


def register(commands: Any, lang: str) -> None:
    printing = commands.add_parser(
        "print", help=t(lang, "imprime documentos (PDF)", "print documents (PDF)")
    )
    sub = printing.add_subparsers(dest="document", required=True, metavar="DOCUMENTO")
    p = sub.add_parser("ticket", help=t(lang, "ticket de entrega", "delivery ticket"))
    p.add_argument("delivery_id", type=int, metavar="DELIVERY_ID")
    add_output(p)
    p.add_argument("--width", type=int, choices=[80, 58], default=80)
    p.set_defaults(handler=cmd_ticket)
    p = sub.add_parser(
        "receipts", help=t(lang, "recibos de un periodo cerrado", "receipts of a closed period")
    )
    p.add_argument("period", metavar="PERIOD")
    add_output(p, "FILE-or-DIR")
    p.add_argument("--member")
    p.add_argument("--size", choices=["A5", "80mm"], default="A5")
    p.set_defaults(handler=cmd_receipts)
    p = sub.add_parser("statements", help=t(lang, "estados de cuenta", "statements"))
    p.add_argument("period", metavar="PERIOD")
    add_output(p, "FILE-or-DIR")
    p.add_argument("--member")
    p.set_defaults(handler=cmd_statements)
    p = sub.add_parser("payroll", help=t(lang, "planilla de pago", "payroll"))
    p.add_argument("period", metavar="PERIOD")
    add_output(p)
    p.set_defaults(handler=cmd_payroll)
    p = sub.add_parser("advance", help=t(lang, "recibo de adelanto", "advance receipt"))
    p.add_argument("number", metavar="NUMBER")
    add_output(p)
    p.set_defaults(handler=cmd_advance)
    p = sub.add_parser(
        "collection", help=t(lang, "parte diario de acopio", "daily collection sheet")
    )
    p.add_argument("day", metavar="YYYY-MM-DD")
    add_output(p)
    p.set_defaults(handler=cmd_collection)


def _progress(args: argparse.Namespace) -> Any:
    def report(done: int, total: int) -> None:
        print(f"  {done}/{total}", file=sys.stderr)

    return report


def _done(args: argparse.Namespace, paths: list[Path]) -> int:
    where = paths[0] if len(paths) == 1 else paths[0].parent
    print(t(args.lang, f"{len(paths)} archivo(s) en {where}", f"{len(paths)} file(s) in {where}"))
    return 0


def cmd_ticket(args: argparse.Namespace) -> int:
    from coop_desktop.documents.ticket import TicketRenderer
    from coop_desktop.services.documents import ticket

    pdf = TicketRenderer(args.width).render(ticket(open_db(args), args.delivery_id))
    return _done(args, [save(args, pdf)])


def cmd_receipts(args: argparse.Namespace) -> int:
    from coop_desktop.documents.batch import write_batch
    from coop_desktop.documents.receipt import ReceiptRenderer
    from coop_desktop.services.documents import receipts

    docs = receipts(open_db(args), args.period, args.member)
    paths = write_batch(
        ReceiptRenderer(args.size),
        docs,
        Path(args.output),
        [f"{d.number}-{d.member.code}" for d in docs],
        progress=_progress(args),
        force=args.force,
        databases=databases(args),
    )
    return _done(args, paths)


def cmd_statements(args: argparse.Namespace) -> int:
    from coop_desktop.documents.batch import write_batch
    from coop_desktop.documents.statement import StatementRenderer
    from coop_desktop.services.statements import statements

    docs = statements(open_db(args), args.period, args.member)
    paths = write_batch(
        StatementRenderer(),
        docs,
        Path(args.output),
        [f"{d.period}-{d.member.code}" for d in docs],
        progress=_progress(args),
        force=args.force,
        databases=databases(args),
    )
    return _done(args, paths)


def cmd_payroll(args: argparse.Namespace) -> int:
    from coop_desktop.documents.payroll import PayrollRenderer
    from coop_desktop.services.documents import payroll

    pdf = PayrollRenderer().render(payroll(open_db(args), args.period))
    return _done(args, [save(args, pdf)])


def cmd_advance(args: argparse.Namespace) -> int:
    from coop_desktop.services.printouts import render

    printout = render(open_db(args), "advance", args.number, record=True)
    return _done(args, [save(args, printout.pdf)])


def cmd_collection(args: argparse.Namespace) -> int:
    from coop_desktop.documents.collection import CollectionRenderer
    from coop_desktop.domain.validation import iso_date
    from coop_desktop.services.documents import collection

    doc = collection(open_db(args), iso_date(args.day, "date"))
    return _done(args, [save(args, CollectionRenderer().render(doc))])

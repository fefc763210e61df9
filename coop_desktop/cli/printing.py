"""`coop print ticket | receipts | statements | payroll | collection | advance`, into a PDF
file (`-o`) or on a printer (`--printer NAME`, through CUPS): on a printer the document takes
the layout the printer needs, with the same rules and the same words as the window
(coop_desktop/printing): the roll receipt on a roll printer, statements refused there."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coop_desktop.cli.base import check_output, databases, open_db, save
from coop_desktop.core.errors import NotFound
from coop_desktop.core.i18n import _, ngettext


def add_destination(parser: argparse.ArgumentParser, metavar: str = "FILE") -> None:
    """`-o FILE` (with `--force`) or `--printer NAME`: one of them."""
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", metavar=metavar)
    where.add_argument(
        "--printer",
        metavar="NAME",
        help=_("imprime en esa impresora (CUPS)"),
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=_("reemplaza un archivo existente que no es un PDF de Coop Desktop"),
    )


def register(commands: Any, lang: str) -> None:
    printing = commands.add_parser("print", help=_("imprime documentos (PDF)"))
    sub = printing.add_subparsers(dest="document", required=True, metavar="DOCUMENTO")
    p = sub.add_parser("ticket", help=_("ticket de entrega"))
    p.add_argument("delivery_id", type=int, metavar="DELIVERY_ID")
    add_destination(p)
    p.add_argument("--width", type=int, choices=[80, 58], default=80)
    p.set_defaults(handler=cmd_ticket)
    p = sub.add_parser("receipts", help=_("recibos de un periodo cerrado"))
    p.add_argument("period", metavar="PERIOD")
    add_destination(p, "FILE-or-DIR")
    p.add_argument("--member")
    p.add_argument("--size", choices=["A5", "80mm", "58mm"], default="A5")
    p.set_defaults(handler=cmd_receipts)
    p = sub.add_parser("statements", help=_("estados de cuenta"))
    p.add_argument("period", metavar="PERIOD")
    add_destination(p, "FILE-or-DIR")
    p.add_argument("--member")
    p.set_defaults(handler=cmd_statements)
    p = sub.add_parser("payroll", help=_("planilla de pago"))
    p.add_argument("period", metavar="PERIOD")
    add_destination(p)
    p.set_defaults(handler=cmd_payroll)
    p = sub.add_parser("advance", help=_("recibo de adelanto"))
    p.add_argument("number", metavar="NUMBER")
    add_destination(p)
    p.set_defaults(handler=cmd_advance)
    p = sub.add_parser("collection", help=_("parte diario de acopio"))
    p.add_argument("day", metavar="YYYY-MM-DD")
    add_destination(p)
    p.set_defaults(handler=cmd_collection)


def _progress(args: argparse.Namespace) -> Any:
    def report(done: int, total: int) -> None:
        print(f"  {done}/{total}", file=sys.stderr)

    return report


def _warn(args: argparse.Namespace, notes: list[str]) -> None:
    for note in notes:
        print(_("Aviso: ") + note, file=sys.stderr)


def _done(args: argparse.Namespace, paths: list[Path]) -> int:
    from coop_desktop.language import formatting as fmt

    where = paths[0] if len(paths) == 1 else paths[0].parent
    files = ngettext("{n} archivo", "{n} archivos", len(paths)).format(n=fmt.count(len(paths)))
    print(_("{files} en {where}").format(files=files, where=where))
    return 0


def _sent(args: argparse.Namespace, pages: int) -> int:
    sent = ngettext(
        "{pages} página enviada a {printer}", "{pages} páginas enviadas a {printer}", pages
    )
    print(sent.format(pages=pages, printer=args.printer))
    return 0


def _single(args: argparse.Namespace, kind: str, key: str, **options: Any) -> int:
    """One document through the same path as the screen's Documentos: recorded as printed
    once saved or sent, COPIA when printed before."""
    from coop_desktop.printing.jobs import print_on
    from coop_desktop.printing.plan import Plan
    from coop_desktop.services.printouts import Printout, record_printout, render

    db = open_db(args)
    if args.printer:
        built: list[Printout] = []

        def build(plan: Plan) -> tuple[bytes, str]:
            built.append(render(db, kind, key, roll=plan.roll, **options))
            return built[0].pdf, built[0].title

        pages = print_on(args.printer, kind, build, options.get("ticket_width", 80))
        _warn(args, built[0].notes(args.lang))
        record_printout(db, built[0])  # counted once sent: the next one is a COPIA
        return _sent(args, pages)
    check_output(args)  # before anything is built: a refused file counts as no print
    printout = render(db, kind, key, **options)
    _warn(args, printout.notes(args.lang))
    written = save(args, printout.pdf)
    record_printout(db, printout)  # counted once the file exists: the next one is a COPIA
    return _done(args, [written])


def cmd_ticket(args: argparse.Namespace) -> int:
    return _single(args, "ticket", str(args.delivery_id), ticket_width=args.width)


def _batch(args: argparse.Namespace, kind: str, **options: Any) -> int:
    from coop_desktop.documents.batch import write_batch
    from coop_desktop.services.printouts import batch, record_batch

    db = open_db(args)
    if args.printer:
        return _batch_on_printer(args, db, kind, **options)
    check_output(args)
    job = batch(db, kind, args.period, args.member, record=False, **options)
    _warn(args, job.notes(args.lang))
    if not job.docs:
        raise NotFound("nothing_to_print", "period", value=args.period)
    paths = write_batch(
        job.renderer,
        job.docs,
        Path(args.output),
        job.names,
        progress=_progress(args),
        force=args.force,
        databases=databases(args),
    )
    record_batch(db, kind, job.docs)
    return _done(args, paths)


def _batch_on_printer(args: argparse.Namespace, db: Any, kind: str, **options: Any) -> int:
    """A period's receipts or statements as one job, laid out for the printer."""
    from coop_desktop.documents.batch import render_combined
    from coop_desktop.printing.jobs import print_on
    from coop_desktop.printing.plan import Plan
    from coop_desktop.services.printouts import Batch, batch, record_batch

    built: list[Batch] = []

    def build(plan: Plan) -> tuple[bytes, str]:
        job = batch(db, kind, args.period, args.member, record=False, roll=plan.roll, **options)
        if not job.docs:
            raise NotFound("nothing_to_print", "period", value=args.period)
        built.append(job)
        return render_combined(job.renderer, job.docs, progress=_progress(args)), args.period

    pages = print_on(args.printer, kind, build)
    _warn(args, built[0].notes(args.lang))
    record_batch(db, kind, built[0].docs)
    return _sent(args, pages)


def cmd_receipts(args: argparse.Namespace) -> int:
    return _batch(args, "receipts", receipt_size=args.size)


def cmd_statements(args: argparse.Namespace) -> int:
    return _batch(args, "statements")


def cmd_payroll(args: argparse.Namespace) -> int:
    return _single(args, "payroll", args.period)


def cmd_advance(args: argparse.Namespace) -> int:
    return _single(args, "advance", args.number)


def cmd_collection(args: argparse.Namespace) -> int:
    return _single(args, "collection", args.day)

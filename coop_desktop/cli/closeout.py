"""`coop close | reopen | settlement | pay`: the moment of truth."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from coop_desktop.cli.base import open_db, print_json, print_table
from coop_desktop.core.i18n import _


def register(commands: Any, lang: str) -> None:
    p = commands.add_parser(
        "close",
        help=_("cierra un periodo (por defecto, el más antiguo abierto)"),
    )
    p.add_argument("period", metavar="PERIOD", nargs="?")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--before-end",
        action="store_true",
        help=_("confirma el cierre de un periodo que aún no termina"),
    )
    p.add_argument(
        "--preview",
        action="store_true",
        help=_("calcula sin cerrar"),
    )
    p.set_defaults(handler=cmd_close)
    p = commands.add_parser("reopen", help=_("reabre un periodo"))
    p.add_argument("period", metavar="PERIOD")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_reopen)
    p = commands.add_parser(
        "void",
        help=_("anula un recibo y lo reemite con el siguiente número"),
    )
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_void)
    p = commands.add_parser("settlement", help=_("liquidación de un socio"))
    p.add_argument("member_code", metavar="MEMBER_CODE")
    p.add_argument("period", metavar="PERIOD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_settlement)
    p = commands.add_parser("pay", help=_("registra el pago"))
    p.add_argument("period", metavar="PERIOD")
    p.add_argument("--member")
    p.add_argument("--method", choices=["cash", "bank", "wallet"])
    p.add_argument("--reference")
    p.add_argument("--date", help="YYYY-MM-DD")
    p.add_argument(
        "--reverse",
        action="store_true",
        help=_("revierte el pago registrado de --member (con --reason)"),
    )
    p.add_argument("--reason")
    p.set_defaults(handler=cmd_pay)


def close_json(result: Any) -> dict[str, Any]:
    from coop_desktop.domain.settlement import DEDUCTION_KINDS

    rows = []
    for m in result.members:
        applied = m.calc.applied_by_kind()
        rows.append(
            {
                "code": m.code,
                "name": m.name,
                "kg": m.milk.kg,
                "litres": m.milk.litres,
                "rejected_litres": m.milk.rejected_litres,
                "gross": m.calc.gross,
                "credits": m.calc.credit_total,
                "deductions": {k: applied[k] for k in DEDUCTION_KINDS if k in applied},
                "deductions_total": m.calc.applied_total,
                "carried_in": m.calc.carried_in,
                "carried_out": m.calc.carried_out,
                "net": m.calc.net,
                "settlement": m.number,
            }
        )
    return {
        "period": result.span.code,
        "start": result.span.start,
        "end": result.span.end,
        "members": rows,
        "totals": result.totals(),
    }


def cmd_close(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.closeout.closing import (
        close_period,
        close_refusal,
        missing_text,
        next_to_close,
        preview_close,
    )

    db = open_db(args)

    def progress(phase: str, done: int, total: int) -> None:
        if not args.json:
            print(f"  {phase}: {done}/{total}", file=sys.stderr)

    code = args.period or next_to_close(db)
    result = (
        preview_close(db, code)
        if args.preview
        else close_period(db, code, progress, before_end=args.before_end)
    )
    if args.preview:
        refusal = close_refusal(db, code, before_end=args.before_end)
        if refusal is not None:
            print(
                _("Aviso: el cierre se negaría: ") + refusal.render(args.lang),
                file=sys.stderr,
            )
        if not result.members:
            print(
                _("Aviso: el periodo {code} no tiene nada que liquidar.").format(code=code),
                file=sys.stderr,
            )
    if args.preview and result.missing:
        print(
            _(
                "Aviso: el cierre se negará mientras falten {value} análisis que el "
                "esquema necesita:"
            ).format(value=len(result.missing)),
            file=sys.stderr,
        )
        print(missing_text(result, limit=len(result.missing)), file=sys.stderr)
    if args.json:
        data = close_json(result)
        if args.preview:
            data["missing_tests"] = [
                {"member": c, "delivery": d, "measures": list(ms)} for c, d, ms in result.missing
            ]
        print_json(data)
        return 0
    totals = result.totals()
    title = _("Vista previa de") if args.preview else _("Cierre de")
    print(f"{title} {fmt.period_with_dates(result.span, args.lang)} ({result.span.code})")
    headers = [
        _("Socio"),
        _("Nombre"),
        _("kg"),
        _("Bruto"),
        _("Abonos"),
        _("Descuentos"),
        _("Pasa"),
        _("Neto"),
        _("Liquidación"),
    ]
    rows: list[tuple[Any, ...]] = [
        (
            m.code,
            m.name,
            fmt.number(m.milk.kg, 3, args.lang),
            fmt.amount(m.calc.gross, args.lang),
            fmt.amount(m.calc.credit_total, args.lang),
            fmt.amount(m.calc.applied_total, args.lang),
            fmt.amount(m.calc.carried_out, args.lang),
            fmt.amount(m.calc.net, args.lang),
            m.number or "",
        )
        for m in result.members
    ]
    rows.append(
        (
            "TOTAL",
            "",
            fmt.number(totals["kg"], 3, args.lang),
            fmt.amount(totals["gross"], args.lang),
            fmt.amount(totals["credits"], args.lang),
            fmt.amount(totals["deductions_total"], args.lang),
            fmt.amount(totals["carried_out"], args.lang),
            fmt.amount(totals["net"], args.lang),
            "",
        )
    )
    print_table(headers, rows)
    if not args.preview:
        print(_("Periodo {code} cerrado.").format(code=result.span.code))
    return 0


def cmd_void(args: argparse.Namespace) -> int:
    from coop_desktop.services.settlements import void_receipt

    new = void_receipt(open_db(args), args.number, args.reason)
    print(_("{number} anulado; se emitió {new}.").format(number=args.number, new=new))
    return 0


def cmd_reopen(args: argparse.Namespace) -> int:
    from coop_desktop.services.settlements import reopen_period

    count = reopen_period(open_db(args), args.period, args.reason)
    print(
        _("Periodo {period} reabierto; {count} liquidaciones anuladas.").format(
            period=args.period, count=count
        )
    )
    return 0


def cmd_settlement(args: argparse.Namespace) -> int:
    from coop_desktop.language import formatting as fmt
    from coop_desktop.services.settlements import settlement_for

    s = settlement_for(open_db(args), args.member_code, args.period)
    if args.json:
        print_json(
            {
                "number": s.number,
                "period": s.period,
                "member": s.member_code,
                "name": s.member_name,
                "kg": s.kg,
                "litres": s.litres,
                "gross": s.gross,
                "credits": s.credits,
                "deductions": s.deductions,
                "carried_in": s.carried_in,
                "carried_out": s.carried_out,
                "net": s.net,
                "status": s.status,
                "paid_on": s.paid_on,
                "payment_method": s.payment_method,
                "void_reason": s.void_reason,
                "lines": [
                    {
                        "kind": ln.kind,
                        "description": ln.description,
                        "quantity": ln.quantity,
                        "unit_price": ln.unit_price,
                        "amount": ln.amount,
                    }
                    for ln in s.lines
                ],
            }
        )
        return 0
    from coop_desktop.core.messages import status_name

    state = status_name(s.status, args.lang, settlement=True)
    print(f"{s.number}  {s.member_code} {s.member_name}  ({s.period}, {state})")
    print_table(
        ["", "", ""],
        [
            (
                (_("Pasa al periodo siguiente: ") if ln.kind == "carried_out" else "")
                + ln.description,
                "" if ln.quantity is None else fmt.quantity(ln.quantity, None, args.lang),
                fmt.amount(ln.amount, args.lang),
            )
            for ln in s.lines
        ],
    )
    net = fmt.money(s.net, args.lang)
    print(_("Neto a pagar: {net}").format(net=net))
    return 0


def cmd_pay(args: argparse.Namespace) -> int:
    from coop_desktop.core.errors import ValidationError
    from coop_desktop.domain.validation import iso_date
    from coop_desktop.services.settlements import pay, reverse_payment

    day = iso_date(args.date, "date") if args.date else None
    if args.reverse:
        if not args.member:
            raise ValidationError("required", "member")
        number = reverse_payment(open_db(args), args.period, args.member, args.reason or "", day)
        print(
            _("Pago de {number} revertido; la liquidación vuelve a estar por pagar.").format(
                number=number
            )
        )
        return 0
    if not args.method:
        raise ValidationError("required", "payment_method")
    count = pay(open_db(args), args.period, args.method, args.member, args.reference, day)
    print(_("{count} liquidaciones marcadas como pagadas.").format(count=count))
    return 0

"""`coop import members|deliveries|tests FILE` and `coop export KIND PERIOD -o FILE`: data
in from spreadsheets, and out for spreadsheets, the accountant and the bank."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coop_desktop.cli.base import add_output, open_db, print_json
from coop_desktop.core.i18n import _, ngettext

PROBLEMS_SHOWN = 200


def register(commands: Any, lang: str) -> None:
    p = commands.add_parser(
        "import",
        help=_("importa socios, entregas o análisis de un archivo CSV o XLSX"),
    )
    p.add_argument("kind", choices=["members", "deliveries", "tests"])
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help=_("revisa sin guardar nada"),
    )
    p.add_argument(
        "--sheet",
        help=_("hoja del libro XLSX (si no: la hoja activa)"),
    )
    p.add_argument(
        "--header-row",
        type=int,
        metavar="N",
        help=_("fila del encabezado (si no: se busca)"),
    )
    p.add_argument(
        "--correct",
        action="store_true",
        help=_(
            "confirma las correcciones: filas que cambian la cantidad de una "
            "entrega ya registrada (o las medidas de un análisis)"
        ),
    )
    p.add_argument("--encoding", choices=["utf-8", "utf-16", "cp1252"])
    p.add_argument("--delimiter", choices=["comma", "semicolon", "tab"])
    p.add_argument("--decimal", choices=["point", "comma"])
    p.add_argument(
        "--unit",
        choices=["L", "kg"],
        default="L",
        help=_("unidad de una columna «cantidad» sin unidad"),
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help=_("asigna una columna a un dato (vacío: ignorarla)"),
    )
    p.add_argument(
        "--save-mapping",
        action="store_true",
        help=_("recuerda el mapeo para la próxima vez"),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)

    p = commands.add_parser(
        "export",
        help=_("exporta a XLSX o CSV"),
    )
    p.add_argument(
        "kind",
        choices=["payroll", "ledger", "deliveries", "quality", "members", "purchases", "payments"],
    )
    p.add_argument(
        "period",
        metavar="PERIOD-or-range",
        nargs="?",
        default=None,
        help="2026-10, 2026-10-q1, 2026-10-01..2026-10-31",
    )
    add_output(p, "FILE.xlsx|.csv")
    p.set_defaults(handler=cmd_export)


def _mapping(items: list[str]) -> dict[str, str] | None:
    if not items:
        return None
    out = {}
    for item in items:
        header, _, target = item.partition("=")
        out[header] = target
    return out


def cmd_import(args: argparse.Namespace) -> int:
    from coop_desktop.services.import_table import ReadOptions
    from coop_desktop.services.imports import (
        describe,
        import_file,
        load_mapping,
        save_mapping,
        summary,
    )

    db = open_db(args)
    delimiter = {"comma": ",", "semicolon": ";", "tab": "\t"}.get(args.delimiter or "")
    options = ReadOptions(args.encoding, delimiter, args.decimal, args.sheet, args.header_row)
    given = _mapping(args.map)
    mapping = None if given is None else {**load_mapping(db, args.kind), **given}
    report = import_file(
        db,
        Path(args.file),
        args.kind,
        options=options,
        mapping=mapping,
        dry_run=args.dry_run,
        default_unit=args.unit,
        correct=args.correct,
    )
    if args.save_mapping and given and report.match is not None:
        save_mapping(db, args.kind, given)
    if args.json:
        print_json(summary(report))
        return 0 if report.ok else 1
    lang = args.lang
    table = report.table
    detected = ", ".join(
        x
        for x in (
            table.source.upper(),
            table.encoding and f"{_('codificación')} {table.encoding}",
            table.delimiter and f"{_('separador')} {table.delimiter!r}",
            _("decimal coma") if table.decimal == "comma" else _("decimal punto"),
            table.sheet and f"{_('hoja')} {table.sheet}",
        )
        if x
    )
    print(f"{table.file_name}: {detected}")
    for note in report.notes:
        print("  " + describe(report, note, lang))
    if report.earlier_import:
        print(
            _("Este archivo ya se importó el {earlier_import}.").format(
                earlier_import=report.earlier_import
            )
        )
    for warning in report.warnings:
        print(_("Aviso: ") + describe(report, warning, lang))
    if not report.ok:
        count = len(report.problems)
        print(
            ngettext(
                "No se importó nada: {count} problema.",
                "No se importó nada: {count} problemas.",
                count,
            ).format(count=count),
            file=sys.stderr,
        )
        for problem in report.problems[:PROBLEMS_SHOWN]:
            print("  " + describe(report, problem, lang), file=sys.stderr)
        if len(report.problems) > PROBLEMS_SHOWN:
            rest = len(report.problems) - PROBLEMS_SHOWN
            print(
                ngettext("  … y {rest} problema más.", "  … y {rest} problemas más.", rest).format(
                    rest=rest
                ),
                file=sys.stderr,
            )
        return 1
    print(outcome(report, lang))
    for c in report.corrections:
        before, after = c.texts(report.kind)
        done = _("  Corregida: ")
        print(f"{done}{c.who} {fmt_day(c.day)}: {before} → {after}")
    return 0


def outcome(report: Any, lang: str) -> str:
    """What an import did (or a check would do), counted in words: the CLI's last line."""
    count = report.to_write if report.dry_run else report.written
    known = report.already_imported
    if report.dry_run:
        text = ngettext(
            "Revisión: se importaría {count} fila; {known} ya estaban en la base",
            "Revisión: se importarían {count} filas; {known} ya estaban en la base",
            count,
        )
    else:
        text = ngettext(
            "Importada: {count} fila; {known} ya estaban en la base y no se repitieron",
            "Importadas: {count} filas; {known} ya estaban en la base y no se repitieron",
            count,
        )
    text = text.format(count=count, known=known)
    fixes = len(report.corrections)
    if fixes:
        text += ngettext("; {n} corrección", "; {n} correcciones", fixes).format(n=fixes)
    if report.practices_added:
        n = report.practices_added
        text += ngettext("; {n} práctica registrada", "; {n} prácticas registradas", n).format(n=n)
    return text + (_(". No se guardó nada.") if report.dry_run else ".")


def fmt_day(day: Any) -> str:
    from coop_desktop.language import formatting as fmt

    return fmt.day(day)


def cmd_export(args: argparse.Namespace) -> int:
    from coop_desktop.services.exports import export_to_file

    path, rows = export_to_file(
        open_db(args), args.kind, args.period, Path(args.output), args.lang, force=args.force
    )
    print(_("{rows} filas en {path}").format(rows=rows, path=path))
    return 0

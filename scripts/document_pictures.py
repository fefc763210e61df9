"""The pictures of docs/documents.md, from real PDFs of demo data: thermal rolls as a 203 dpi
1-bit head prints them (`pdftoppm -mono -r 203`), A4/A5 pages at 110 dpi.

    python scripts/document_pictures.py docs/img      # needs pdftoppm (poppler-utils)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(target: Path) -> int:
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="coop-pictures-") as tmp:
        work = Path(tmp)
        db = str(work / "demo.db")

        secret = "Fotos-de-documentos-2026"  # the demo file's administrator signs every command
        env = {
            **os.environ,
            "COOP_NEW_PASSWORD": secret,
            "COOP_USER": "admin",
            "COOP_PASSWORD": secret,
            "COOP_FIXED_CLOCK": "2026-11-27T10:00:00",
        }

        def coop(*args: str) -> None:
            subprocess.run(
                [sys.executable, "-m", "coop_desktop.cli", "--db", db, *args],
                check=True,
                capture_output=True,
                cwd=ROOT,
                env=env,
            )

        coop("init", "--name", "Asociación de Productores Lecheros Huaychani", "--ruc",
             "20131312955", "--cycle", "month")  # fmt: skip
        coop("demo", "--members", "40", "--days", "31", "--start", "2026-10-01", "--seed", "1")
        coop("close", "2026-10")
        coop("void", "L001-00000003", "--reason", "Se mojó")
        coop("advance", "S0001", "50", "--date", "2026-11-05")
        pdfs = {
            "statement": ("statements", "2026-10", "--member", "S0002"),
            "receipt": ("receipts", "2026-10", "--member", "S0002"),
            "receipt-void": ("receipts", "2026-10", "--member", "S0003"),
            "receipt80": ("receipts", "2026-10", "--member", "S0002", "--size", "80mm"),
            "payroll": ("payroll", "2026-10"),
            "collection": ("collection", "2026-10-03"),
            "ticket80": ("ticket", "16"),
            "ticket58": ("ticket", "16", "--width", "58"),
            "advance": ("advance", "R001-00000001"),
        }
        for name, args in pdfs.items():
            pdf = work / f"{name}.pdf"
            coop("print", *args, "-o", str(pdf))
            thermal = name.startswith("ticket") or name == "receipt80"
            options = ["-mono", "-r", "203"] if thermal else ["-r", "110"]
            pages = ["-f", "1", "-l", "2" if name == "statement" else "1"]
            subprocess.run(["pdftoppm", *options, *pages, "-png", str(pdf), str(work / name)])
            for page in sorted(work.glob(f"{name}-*.png")):
                number = int(page.stem.rsplit("-", 1)[1])
                suffix = "" if number == 1 else f"-{number}"
                page.replace(target / f"{name}{suffix}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img")))

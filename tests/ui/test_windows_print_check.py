"""The script the Windows workflow runs against "Microsoft Print to PDF"
(scripts/windows_print_check.py) runs here too: on a CUPS printer with 12 pt margins whose
output goes to a file (Qt's CUPS engine writing the file, as the Windows driver writes its
PDF). The ticket and the statement must read back whole, upright, as text."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "windows_print_check.py"


def test_the_windows_print_check_passes(cups_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    printer = "Oficina-Margen"
    env = {**cups_server.env, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("COOP_PRINT_PATH", None)
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--out",
            str(tmp_path),
            *(["--printer", printer] * bool(printer)),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == f"print check: ok (files in {tmp_path})"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["statement.printed", "ticket.printed"]
    assert "ticket: 1 page(s) [(148.1" in done.stdout  # on the smallest sheet, A5, at the top

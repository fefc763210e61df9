"""The quality gates: lint, format, types, the layer contracts and the message catalogue.

`python scripts/gates.py` runs them all (CI runs it as its own step before the tests, then sets
COOP_GATES_RAN=1 so the suite does not run them a second time); the README's test command runs
them inside the suite (tests/test_quality_gates.py), from the same list.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GATES = {
    "ruff-check": ["ruff", "check", "."],
    "ruff-format": ["ruff", "format", "--check", "."],
    "mypy": ["mypy"],
    "import-contracts": ["lint-imports"],
    # every text of the core has its English, and the compiled catalogues are current
    "catalogue": ["python", "scripts/catalogue.py", "--check"],
}


def tool(name: str) -> str | None:
    if name == "python":
        return sys.executable
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name)


def run(name: str) -> subprocess.CompletedProcess[str]:
    command = GATES[name]
    program = tool(command[0])
    if program is None:
        raise FileNotFoundError(f"{command[0]} is not installed: pip install -e '.[test]'")
    return subprocess.run([program, *command[1:]], cwd=ROOT, capture_output=True, text=True)


def main() -> int:
    failed = 0
    for name in GATES:
        began = time.perf_counter()
        result = run(name)
        took = time.perf_counter() - began
        print(f"{name}: {'ok' if result.returncode == 0 else 'FAILED'} ({took:.1f} s)")
        if result.returncode != 0:
            failed += 1
            print(result.stdout + result.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Lint, format, types and the layer contracts run as part of the suite, so the one test
command of the README checks all of them (scripts/gates.py holds the list; CI runs it as its
own step first and sets COOP_GATES_RAN=1 so they do not run twice)."""

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("gates", ROOT / "scripts" / "gates.py")
assert _spec is not None and _spec.loader is not None
gates = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gates)


@pytest.mark.parametrize("name", list(gates.GATES))
def test_gate(name: str) -> None:
    if os.environ.get("COOP_GATES_RAN") == "1":
        pytest.skip("ran as its own step before the suite (scripts/gates.py)")
    try:
        result = gates.run(name)
    except FileNotFoundError as exc:
        pytest.fail(str(exc))
    assert result.returncode == 0, result.stdout + result.stderr

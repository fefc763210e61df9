"""Functions run in child processes by tests/test_children.py (a child imports its function
by module and name, so they live in an importable module, not in the test)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path


def add(a: int, b: int) -> int:
    return a + b


def count_to(n: int) -> Iterator[int]:
    yield from range(1, n + 1)


def refuse(value: str) -> None:
    raise ValueError(f"no {value}")


def exit_at_once() -> None:
    os._exit(3)  # dies without an answer, as a crashed child would


def wait_forever(mark: str) -> None:
    """Says it started (its pid in the file `mark`), then works until it is stopped."""
    Path(mark).write_text(str(os.getpid()), "utf-8")
    while True:
        time.sleep(0.05)

"""Small helpers for connecting signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def in_turn(*actions: Callable[[], object]) -> Callable[..., None]:
    """A slot that runs `actions` one after another, whatever the signal sends."""

    def run(*_args: Any) -> None:
        for action in actions:
            action()

    return run

"""The `coop-desktop` entry point, kept light on purpose.

Worker processes (a closeout's second process, a batch of documents) are started with
multiprocessing's "spawn": each one starts the program again. In a frozen build
`freeze_support()` turns that start into the worker and never reaches the app; from a
source checkout or a wheel the worker imports this module again as the main module. Either
way the app (Qt, SQLAlchemy: half a second) is imported only inside `main()`.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()
    from ui.app import main as run_app

    return run_app(argv)

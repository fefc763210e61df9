"""The `coop-desktop` entry point, kept light on purpose.

Child processes (a closeout's second process, a batch of documents) are started the one way
of `coop_desktop/core/children.py`, multiprocessing's "spawn": each one starts the program
again. In a frozen build `support_frozen()` turns that start into the child and never
reaches the app; from a source checkout or a wheel the child imports this module again as
the main module. Either way the app (Qt, SQLAlchemy: half a second) is imported only inside
`main()`.
"""

from __future__ import annotations

from collections.abc import Sequence

from coop_desktop.core.children import support_frozen


def main(argv: Sequence[str] | None = None) -> int:
    support_frozen()
    from ui.qt_feature import take_back_import

    take_back_import()  # before the app's modules are imported
    from ui.app import main as run_app

    return run_app(argv)

"""`python -m coop_desktop` opens the desktop app, like `coop-desktop` and `python main.py`."""

import sys


def _run() -> int:
    from ui.app import main

    return main()


if __name__ == "__main__":
    sys.exit(_run())

"""`python -m coop_desktop` opens the desktop app, like `coop-desktop` and `python main.py`.

The core never imports the UI: the app is found through the installed `coop-desktop`
entry point, the same one the `coop-desktop` command runs."""

import sys
from importlib.metadata import entry_points


def _run() -> int:
    found = list(entry_points(group="gui_scripts", name="coop-desktop"))
    if not found:
        print(
            "coop-desktop no está instalado: pip install -e .  (o use: python main.py)",
            file=sys.stderr,
        )
        return 1
    return int(found[0].load()() or 0)


if __name__ == "__main__":
    sys.exit(_run())

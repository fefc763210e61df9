"""Start Coop Desktop from a source checkout: `python main.py [--db PATH-or-URL]`."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())

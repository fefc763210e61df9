"""Start Coop Desktop from a source checkout: `python main.py [--db PATH-or-URL]`."""

import sys

if __name__ == "__main__":
    from ui.launch import main

    sys.exit(main())

"""`python -m coop_desktop.cli` runs the `coop` command."""

import sys

from coop_desktop.cli import main

sys.exit(main())

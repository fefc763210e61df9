"""Frozen entry of `coop` (the console program). `main()` calls `support_frozen()` first."""

import sys

from coop_desktop.cli import main

sys.exit(main())

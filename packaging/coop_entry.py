"""Frozen entry of `coop` (the console program). `main()` calls `freeze_support()` first."""

import sys

from coop_desktop.cli import main

sys.exit(main())

"""Frozen entry of `coop-desktop` (the windowed program). `main()` calls `support_frozen()`
first and imports the app only after it, so a worker process never loads Qt."""

import sys

from ui.launch import main

sys.exit(main())

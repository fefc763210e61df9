"""The day every test runs on, whatever the machine's date (docs/testing.md).

The root conftest fixes the program's clock (`coop_desktop.core.clock`) at `NOW` before each test,
and gives `coop` run as a child process the same instant through `COOP_FIXED_CLOCK`. Data
"relative to today" is built relative to `TODAY`; a test about another day moves the clock
itself (`clock.fix(...)`).
"""

from datetime import date, datetime

NOW = datetime(2026, 11, 27, 10, 0, 0)
TODAY: date = NOW.date()

"""What a write can change, as the screens follow it: the change topics.

The storage layer names the topics of every committed write (`storage/change_record.py`, one topic
per table); the desktop's op runner announces them, and a screen refreshes when a topic it
shows is announced. The same idea as Anki's OpChanges: the code that writes says what it
changed, the code that shows never guesses."""

from __future__ import annotations

from typing import Final

ASSOCIATION: Final = "association"  # the association's own data and business settings
MEMBERS: Final = "members"  # members and their practices
CENTRES: Final = "centres"  # collection centres (and their routes, kept on the members)
DELIVERIES: Final = "deliveries"
QUALITY: Final = "quality"  # lab tests
SCHEMES: Final = "schemes"  # price schemes and their versions
PERIODS: Final = "periods"  # periods, their closes and settlements
LEDGER: Final = "ledger"  # the members' accounts: entries, charges, loans, products
SALES: Final = "sales"  # buyers, dispatches, receptions, tanks, expenses, the own plant

TOPICS: Final = frozenset(
    {ASSOCIATION, MEMBERS, CENTRES, DELIVERIES, QUALITY, SCHEMES, PERIODS, LEDGER, SALES}
)

"""The one benchmark entry point: builds data with the demo generator, prints one JSON object.

    python benchmarks/run.py            # full sizes (as the issues' budgets state them)
    python benchmarks/run.py --quick    # small sizes, about a minute
    python benchmarks/run.py --only demo_1m_s

Each metric is a function in METRICS; sizes are reported next to the numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coop_desktop.services.demo import load_demo  # noqa: E402
from coop_desktop.storage.connect import open_database  # noqa: E402

Metric = Callable[[Path, bool], dict[str, Any]]


def demo_1m(workdir: Path, quick: bool) -> dict[str, Any]:
    """Demo generation by bulk inserts: 2,000 members × 250 days × 2 shifts = 1M deliveries."""
    members, days = (200, 50) if quick else (2000, 250)
    db = open_database(str(workdir / "demo.db"))
    start = date.today() - timedelta(days=days + 1)
    began = time.perf_counter()
    summary = load_demo(db, members=members, days=days, start=start, seed=1)
    elapsed = time.perf_counter() - began
    db.dispose()
    return {"demo_1m_s": round(elapsed, 2), "demo_deliveries": summary.deliveries}


def pricing(workdir: Path, quick: bool) -> dict[str, Any]:
    """Pure pricing on one core, over demo deliveries with their period-average quality:
    amounts only (`price_per_s`) and full breakdowns (`price_breakdown_per_s`)."""
    from coop_desktop.domain.periods import period_of
    from coop_desktop.services.period_data import load_period
    from coop_desktop.services.schemes import load_timeline

    members, days = (300, 31) if quick else (2000, 75)
    db = open_database(str(workdir / "pricing.db"))
    start = date.today() - timedelta(days=days + 1)
    load_demo(db, members=members, days=days, start=start, seed=2)
    span = period_of(start + timedelta(days=days // 2), "month")
    with db.engine.connect() as conn:
        data = load_period(conn, span)
    with db.read() as session:
        pricer = load_timeline(session).at(span.end)
    work = []
    for member_id, deliveries in data.deliveries.items():
        volumes: dict[date, Any] = {}
        for d in deliveries:
            volumes[d.day] = volumes.get(d.day, 0) + d.quantity
        quality = data.quality[member_id].period_average(span.start, span.end, volumes)
        flags = data.members[member_id].flags
        work += [(d.quantity, d.unit, quality, flags) for d in deliveries if not d.rejected]
    db.dispose()
    amount = pricer.amount
    began = time.perf_counter()
    for qty, unit, quality, flags in work:
        amount(qty, unit, quality, flags)
    amounts_s = time.perf_counter() - began
    price = pricer.price
    began = time.perf_counter()
    for qty, unit, quality, flags in work:
        price(qty, unit, quality, flags)
    breakdown_s = time.perf_counter() - began
    return {
        "price_per_s": round(len(work) / amounts_s),
        "price_breakdown_per_s": round(len(work) / breakdown_s),
        "price_deliveries": len(work),
    }


METRICS: dict[str, Metric] = {"demo_1m_s": demo_1m, "price_per_s": pricing}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", action="append", choices=sorted(METRICS))
    args = parser.parse_args()
    results: dict[str, Any] = {"quick": args.quick}
    with tempfile.TemporaryDirectory(prefix="coop-bench-") as tmp:
        for name in args.only or METRICS:
            folder = Path(tmp) / name
            folder.mkdir()
            results.update(METRICS[name](folder, args.quick))
    json.dump(results, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

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


METRICS: dict[str, Metric] = {"demo_1m_s": demo_1m}


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

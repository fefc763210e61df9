"""Jobs released at the same instant from several threads (two PCs, two windows)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from coop_desktop.core.errors import CoopError


def at_once(*jobs: Callable[[], object]) -> list[object]:
    """Run the jobs in threads released together; each result is what the job returned or
    the CoopError it raised. Anything else (a driver error, a traceback) fails the test."""
    start = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(i: int, job: Callable[[], object]) -> None:
        start.wait()
        try:
            results[i] = job()
        except BaseException as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, j)) for i, j in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    for r in results:
        assert not isinstance(r, BaseException) or isinstance(r, CoopError), repr(r)
    return results


def code(result: object) -> str:
    """ "ok", or the code of the error a job met."""
    return result.code if isinstance(result, CoopError) else "ok"

"""Batches: all receipts or statements of a period into one PDF, or one file per member into a
folder, with progress reporting and cancellation.

Sized to the work: a batch renders in this process unless it is large enough that a second
process pays for its own start (spawning a worker imports the program again: about a second
on the office PCs this runs on). CROSSOVER is that size, measured (docs/documents.md). A
combined file is one ReportLab document, so its fonts are embedded once; past the crossover
each of the two workers renders half and the halves are joined. The workers are child
processes started the program's one way (`coop_desktop/core/children.py`: spawn, results and
errors back, a cancel terminates them at once)."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from coop_desktop.core import children
from coop_desktop.core.errors import Refused, StorageError
from coop_desktop.core.outputs import MARK, check_target, write_file

Progress = Callable[[int, int], None]
CHUNK = 25
# Documents below which one process is faster than two, start-up included (measured with
# 60-delivery statements; docs/documents.md). Set COOP_BATCH_CROSSOVER to tune it.
CROSSOVER = int(os.environ.get("COOP_BATCH_CROSSOVER", "1000"))


def workers_for(count: int, workers: int | None) -> int:
    """How many processes a batch of `count` documents uses: the caller's choice, or one
    below the crossover and two above it (never more than the cores there are)."""
    if workers is not None:
        return max(1, workers)
    return 2 if count >= CROSSOVER and (os.cpu_count() or 1) >= 2 else 1


def _render_chunk(renderer: Any, docs: Sequence[Any]) -> list[bytes]:
    return [renderer.render(doc) for doc in docs]


def _combined(
    renderer: Any, docs: Sequence[Any], on_part: Callable[[int], None] | None = None
) -> bytes:
    return bytes(renderer.render_many(list(docs), on_part))


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Refused("cancelled")


def render_all(
    renderer: Any,
    docs: Sequence[Any],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[bytes]:
    """Render every document on its own, in order (one file per document)."""
    chunks = [docs[i : i + CHUNK] for i in range(0, len(docs), CHUNK)]
    results: list[list[bytes]] = [[] for _ in chunks]
    done = 0
    if workers_for(len(docs), workers) <= 1 or len(chunks) <= 1:
        for i, chunk in enumerate(chunks):
            _check(cancel)
            results[i] = _render_chunk(renderer, chunk)
            done += len(chunk)
            if progress:
                progress(done, len(docs))
        return [pdf for chunk in results for pdf in chunk]
    # each worker takes the next chunk as soon as it is free; each comes back once drawn
    parts = [(renderer, chunk) for chunk in chunks]
    workers_used = workers_for(len(docs), workers)
    for index, pdfs in children.share_out(
        _render_chunk, parts, workers_used, cancel=cancel, name="coop-batch"
    ):
        results[index] = pdfs
        done += len(pdfs)
        if progress:
            progress(done, len(docs))
    return [pdf for chunk in results for pdf in chunk]


def render_combined(
    renderer: Any,
    docs: Sequence[Any],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> bytes:
    """Every document in one PDF. A renderer with `render_many` draws them as one ReportLab
    document (fonts once); others are rendered one by one and joined."""
    if not hasattr(renderer, "render_many"):
        return merge(render_all(renderer, docs, workers=workers, progress=progress, cancel=cancel))
    if not docs:
        return merge([])
    n = workers_for(len(docs), workers)
    if n <= 1:

        def started(i: int) -> None:
            _check(cancel)
            if progress and i and i % 5 == 0:
                progress(i, len(docs))

        pdf = _combined(renderer, docs, started)
        if progress:
            progress(len(docs), len(docs))
        return pdf
    half = (len(docs) + 1) // 2
    halves = [docs[:half], docs[half:]]
    running = children.start_each(_combined, [(renderer, h) for h in halves], name="coop-batch")
    pdfs: list[bytes] = [b"", b""]
    done = 0
    for k, pdf in children.gather(running, cancel):
        pdfs[k] = pdf
        done += len(halves[k])
        if progress:
            progress(done, len(docs))
    return merge(pdfs)


def merge(pdfs: Sequence[bytes]) -> bytes:
    """One PDF with the pages of every document, in order."""
    from pypdf import PdfReader, PdfWriter  # only joining needs it: a lighter start

    writer = PdfWriter()
    for pdf in pdfs:
        for page in PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(page)
    writer.add_metadata({"/Author": MARK, "/Creator": MARK, "/Producer": MARK})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_batch(
    renderer: Any,
    docs: Sequence[Any],
    target: Path,
    names: Sequence[str],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    force: bool = False,
    databases: Sequence[Path] = (),
) -> list[Path]:
    """Render `docs` into one file `target` (a .pdf) or, when `target` is a folder, one file
    per document named by `names`. Nothing is written if the batch is cancelled, or when any
    target is a database or a file that is not ours (unless `force`; `outputs`)."""
    single = target.suffix.lower() == ".pdf"
    if not single and target.exists() and not target.is_dir():
        raise StorageError("output_exists", value=str(target))
    paths = [target] if single else [target / f"{name}.pdf" for name in names]
    for path in paths:
        check_target(path, force=force, databases=databases)
    if single:
        pdf = render_combined(renderer, docs, workers=workers, progress=progress, cancel=cancel)
        return [write_file(target, pdf, force=force, databases=databases)]
    pdfs = render_all(renderer, docs, workers=workers, progress=progress, cancel=cancel)
    target.mkdir(parents=True, exist_ok=True)
    return [
        write_file(path, pdf, force=force, databases=databases)
        for path, pdf in zip(paths, pdfs, strict=True)
    ]

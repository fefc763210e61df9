"""Batches: all receipts or statements of a period into one PDF, or one file per member into a
folder, on both cores, with progress reporting and cancellation."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter

from coop_desktop.errors import Refused, StorageError
from coop_desktop.outputs import MARK, check_target, write_file

Progress = Callable[[int, int], None]
CHUNK = 25


def _render_chunk(renderer: Any, docs: Sequence[Any]) -> list[bytes]:
    return [renderer.render(doc) for doc in docs]


def render_all(
    renderer: Any,
    docs: Sequence[Any],
    *,
    workers: int = 2,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[bytes]:
    """Render every document, in order, on `workers` processes (1: in this process)."""
    chunks = [docs[i : i + CHUNK] for i in range(0, len(docs), CHUNK)]
    results: list[list[bytes]] = [[] for _ in chunks]
    done = 0
    if workers <= 1 or len(chunks) <= 1:
        for i, chunk in enumerate(chunks):
            if cancel is not None and cancel.is_set():
                raise Refused("cancelled")
            results[i] = _render_chunk(renderer, chunk)
            done += len(chunk)
            if progress:
                progress(done, len(docs))
        return [pdf for chunk in results for pdf in chunk]
    # "spawn", not fork: the desktop app calls this from a worker thread of a Qt process, and a
    # forked copy of a multithreaded Qt process can crash (it is also Windows' only way).
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        futures: dict[Future[list[bytes]], int] = {
            pool.submit(_render_chunk, renderer, chunk): i for i, chunk in enumerate(chunks)
        }
        try:
            for future in _as_done(futures):
                if cancel is not None and cancel.is_set():
                    raise Refused("cancelled")
                results[futures[future]] = future.result()
                done += len(chunks[futures[future]])
                if progress:
                    progress(done, len(docs))
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return [pdf for chunk in results for pdf in chunk]


def _as_done(futures: dict[Future[list[bytes]], int]) -> Any:
    from concurrent.futures import as_completed

    return as_completed(futures)


def merge(pdfs: Sequence[bytes]) -> bytes:
    """One PDF with the pages of every document, in order."""
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
    workers: int = 2,
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
    pdfs = render_all(renderer, docs, workers=workers, progress=progress, cancel=cancel)
    if single:
        return [write_file(target, merge(pdfs), force=force, databases=databases)]
    target.mkdir(parents=True, exist_ok=True)
    return [
        write_file(path, pdf, force=force, databases=databases)
        for path, pdf in zip(paths, pdfs, strict=True)
    ]

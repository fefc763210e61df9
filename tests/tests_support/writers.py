"""Child processes that write while a test does something else, their stdout read line by line
by one thread each."""

from __future__ import annotations

import subprocess
import threading


def listen(writers: list[subprocess.Popen[str]]) -> tuple[list[list[str]], list[threading.Thread]]:
    """One list of lines heard per writer, filled by a reader thread (started)."""
    heard: list[list[str]] = [[] for _ in writers]
    readers = [
        threading.Thread(target=lambda w=w, out=out: out.extend(w.stdout or ()), daemon=True)
        for w, out in zip(writers, heard, strict=True)
    ]
    for r in readers:
        r.start()
    return heard, readers


def finish(writers: list[subprocess.Popen[str]], readers: list[threading.Thread]) -> list[str]:
    """Wait for the writers (told to stop) and their last lines; what each wrote to stderr.
    stdout belongs to the reader threads: communicate() would read it too and could take half
    of a line."""
    for w in writers:
        w.wait(timeout=120)
    for r in readers:
        r.join(timeout=10)
    return [w.stderr.read() if w.stderr else "" for w in writers]

"""The one way the program starts a child process (the closeout's second process, the
workers of a large batch of documents).

- multiprocessing's "spawn", never fork and never `sys.executable -c`: it is Windows' only
  way, a forked copy of a multithreaded Qt process can crash, and in a frozen build
  `sys.executable` is the program itself. Spawn starts the program again, so each entry
  point calls `support_frozen()` first and imports the app only inside `main()`: a child
  imports this module, its function's module and the main module, nothing heavier.
- The function and its arguments travel pickled as the process's argument; what it returns
  comes back over a one-way pipe: one result, or (`stream=True`) each item of the iterable
  it returns as its own message, so no single unpickling holds the interpreter long and the
  parent sees progress.
- An error in the child comes back as the same exception (its traceback text as the cause);
  a child that dies without answering, or cannot start, is a `ChildFailed`.
- `share_out` spreads many calls over a few children, each taking the next as soon as it is
  free (a core the machine keeps busy with other work gets fewer).
- Cancel is terminate: `Child.cancel()` stops the process wherever it is, and waiting with a
  `cancel` event set terminates every child waited on and raises Refused("cancelled").
"""

from __future__ import annotations

import multiprocessing
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from coop_desktop.core.errors import Refused

POLL_S = 0.05  # how often a wait looks at its cancel event


class ChildFailed(RuntimeError):
    """A child process that could not start, or ended without its answer."""


class ChildTraceback(Exception):
    """The traceback of an error raised in a child, attached as the re-raised error's cause."""

    def __str__(self) -> str:
        return f"\n\nIn the child process:\n{self.args[0]}"


def support_frozen() -> None:
    """First thing in every entry point: in a frozen build, a started child runs here (and
    exits) instead of starting the program."""
    multiprocessing.freeze_support()


def _run(target: Callable[..., Any], args: tuple[Any, ...], stream: bool, reply: Any) -> None:
    """The child's side: call, send each piece (or the one result), then the end or the error."""
    try:
        out = target(*args)
        for piece in out if stream else (out,):
            reply.send(("piece", piece))
        reply.send(("end", None))
    except Exception as exc:  # an error is an answer too: it goes back to the parent
        text = traceback.format_exc()
        try:
            reply.send(("error", exc, text))
        except Exception:  # an exception that does not pickle: its text goes back
            reply.send(("error", None, text))
    finally:
        reply.close()


class Child:
    """A started child process and the read end of the pipe its answer comes back on."""

    def __init__(self, process: Any, answer: Connection, name: str) -> None:
        self.process = process
        self.answer = answer
        self.name = name
        self.ended = False

    def receive(self) -> tuple[bool, Any]:
        """The next message: (False, piece), or (True, None) at the end. Raises the child's
        error, or ChildFailed when it ended without answering."""
        try:
            message = self.answer.recv()
        except (EOFError, OSError) as exc:
            self.cancel()
            code = self.process.exitcode
            raise ChildFailed(f"{self.name} ended without an answer (exit code {code})") from exc
        if message[0] == "piece":
            return False, message[1]
        self.ended = True
        self.answer.close()
        self.process.join()
        if message[0] == "error":
            _kind, error, text = message
            if isinstance(error, BaseException):
                raise error from ChildTraceback(text)
            raise ChildFailed(f"{self.name} failed:\n{text}")
        return True, None

    def pieces(self, cancel: threading.Event | None = None) -> Iterator[Any]:
        """Each piece the child sends, as it arrives (its one result if not streamed)."""
        for _index, piece in gather([self], cancel):
            yield piece

    def result(self, cancel: threading.Event | None = None) -> Any:
        """The one result of a child started without `stream`."""
        [value] = list(self.pieces(cancel))
        return value

    def cancel(self) -> None:
        """Stop it wherever it is (terminate; kill if that does not end it) and close the pipe."""
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(2)
            if self.process.is_alive():
                self.process.kill()
        self.process.join()
        self.ended = True
        self.answer.close()


def start(
    target: Callable[..., Any], *args: Any, name: str = "coop-child", stream: bool = False
) -> Child:
    """Run `target(*args)` in a new child process (a module-level function: the child
    imports it by name). With `stream`, `target` returns an iterable whose items come back
    one by one. Raises ChildFailed when the process cannot start."""
    context = multiprocessing.get_context("spawn")
    answer, reply = context.Pipe(duplex=False)
    process = context.Process(
        target=_run, args=(target, args, stream, reply), name=name, daemon=True
    )
    try:
        process.start()
    except Exception as exc:
        answer.close()
        raise ChildFailed(f"{name} did not start ({exc!r})") from exc
    finally:
        reply.close()  # the child has its own copy: when it exits, `answer` reads end-of-file
    return Child(process, answer, name)


def start_each(
    target: Callable[..., Any],
    each_args: Sequence[tuple[Any, ...]],
    *,
    name: str = "coop-child",
    stream: bool = False,
) -> list[Child]:
    """One child per argument tuple, all running at once; if one cannot start, those already
    started are stopped and ChildFailed is raised."""
    started: list[Child] = []
    try:
        for args in each_args:
            started.append(start(target, *args, name=name, stream=stream))
    except BaseException:
        for child in started:
            child.cancel()
        raise
    return started


def gather(
    children: Sequence[Child], cancel: threading.Event | None = None
) -> Iterator[tuple[int, Any]]:
    """(index of the child, piece) from every child, as they arrive, until all have ended.
    When `cancel` is set, or anything stops the wait (an error, the caller leaving the
    loop), every child still running is terminated; a cancel raises Refused("cancelled")."""
    waiting = {child.answer: i for i, child in enumerate(children) if not child.ended}
    try:
        while waiting:
            if cancel is not None and cancel.is_set():
                raise Refused("cancelled")
            for ready in wait(list(waiting), POLL_S):
                index = waiting[ready]  # type: ignore[index]
                ended, piece = children[index].receive()
                if ended:
                    del waiting[ready]  # type: ignore[arg-type]
                else:
                    yield index, piece
    finally:
        for child in children:
            if not child.ended:
                child.cancel()


def share_out(
    target: Callable[..., Any],
    each_args: Sequence[tuple[Any, ...]],
    workers: int,
    *,
    cancel: threading.Event | None = None,
    name: str = "coop-child",
) -> Iterator[tuple[int, Any]]:
    """`target(*args)` for every argument tuple, on `workers` children at once, each taking
    the next tuple as soon as it is free: (index of the tuple, its result) as they come.
    Cancel and errors as in `gather`."""
    context = multiprocessing.get_context("spawn")
    tasks: Any = context.Queue()  # its feeder thread writes while the children read
    for task in enumerate(each_args):
        tasks.put(task)
    for _ in range(workers):
        tasks.put(None)  # one end mark per child
    try:
        running = start_each(_take_each, [(target, tasks)] * workers, name=name, stream=True)
        for _child, piece in gather(running, cancel):
            yield piece
    finally:
        tasks.cancel_join_thread()  # what a cancelled batch left unread is dropped
        tasks.close()


def _take_each(target: Callable[..., Any], tasks: Any) -> Iterator[tuple[int, Any]]:
    """A `share_out` child: the next task until the end mark, each result sent at once."""
    while (task := tasks.get()) is not None:
        index, args = task
        yield index, target(*args)

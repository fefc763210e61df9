"""The one way to start a child process (coop_desktop/core/children.py): a child's result
and its streamed pieces come back, calls shared out over a few children each come back
once, its error comes back as the same error, a child that dies or cannot start is a
ChildFailed, and a cancel terminates it at once."""

from __future__ import annotations

import multiprocessing.resource_tracker
import multiprocessing.spawn
import threading
import time
from pathlib import Path

import pytest
from tests_support import child_work

from coop_desktop.core import children
from coop_desktop.core.errors import Refused


def started(*marks: Path) -> None:
    """Wait until each child has written its pid into its mark (it is at work)."""
    limit = time.monotonic() + 60
    while not all(m.exists() and m.read_text() for m in marks):
        assert time.monotonic() < limit, "the children never started"
        time.sleep(0.02)  # (a timed Event.wait never returns under a faked date)


def test_a_child_s_result_and_its_pieces_come_back() -> None:
    assert children.start(child_work.add, 2, 40).result() == 42
    streamed = children.start(child_work.count_to, 5, stream=True)
    assert list(streamed.pieces()) == [1, 2, 3, 4, 5]
    assert streamed.process.exitcode == 0


def test_several_children_answer_each_with_its_index() -> None:
    running = children.start_each(child_work.count_to, [(2,), (3,)], stream=True)
    got = list(children.gather(running))
    assert sorted(got) == [(0, 1), (0, 2), (1, 1), (1, 2), (1, 3)]
    assert all(not child.process.is_alive() for child in running)


def test_many_calls_shared_out_over_a_few_children_each_come_back_once() -> None:
    calls = [(i, 100) for i in range(30)]
    got = list(children.share_out(child_work.add, calls, 2))
    assert sorted(got) == [(i, i + 100) for i in range(30)]


def test_an_error_in_a_shared_out_call_comes_back() -> None:
    calls = [("leche",), ("queso",)] * 5
    with pytest.raises(ValueError, match="no "):
        list(children.share_out(child_work.refuse, calls, 2))


def test_a_child_s_error_comes_back_as_the_same_error_with_its_traceback() -> None:
    with pytest.raises(ValueError, match="no leche") as raised:
        children.start(child_work.refuse, "leche").result()
    cause = raised.value.__cause__
    assert isinstance(cause, children.ChildTraceback)
    assert "refuse" in str(cause) and "ValueError" in str(cause)


def test_a_child_that_dies_without_answering_is_a_failure() -> None:
    child = children.start(child_work.exit_at_once)
    with pytest.raises(children.ChildFailed, match="exit code 3"):
        child.result()


def test_a_child_that_cannot_start_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    # multiprocessing's helper process is started first, with the real Python, or it would
    # be started with the missing one below and die (a warning in a later test)
    multiprocessing.resource_tracker.ensure_running()
    monkeypatch.setattr(
        multiprocessing.spawn, "_python_exe", multiprocessing.spawn.get_executable()
    )
    multiprocessing.spawn.set_executable("/no/such/python")
    with pytest.raises(children.ChildFailed):
        children.start(child_work.add, 1, 1).result()


def test_a_cancel_terminates_every_child_waited_on(tmp_path: Path) -> None:
    marks = [tmp_path / "a", tmp_path / "b"]
    running = children.start_each(child_work.wait_forever, [(str(m),) for m in marks])
    cancel = threading.Event()
    waiting = children.gather(running, cancel)
    assert not any(c.ended for c in running)
    started(*marks)
    cancel.set()  # both are at work; the user cancels
    with pytest.raises(Refused):
        next(waiting)
    for child in running:
        assert not child.process.is_alive() and child.process.exitcode not in (0, None)
        assert child.answer.closed


def test_cancel_stops_one_child_wherever_it_is(tmp_path: Path) -> None:
    mark = tmp_path / "pid"
    child = children.start(child_work.wait_forever, str(mark))
    started(mark)
    child.cancel()
    assert not child.process.is_alive() and child.process.exitcode != 0


def test_no_other_module_of_the_program_starts_a_child_process() -> None:
    """One way: only core/children.py imports multiprocessing or a process pool (files.py
    runs Windows' icacls, an outside command, not a child of the program)."""
    import ast

    root = Path(__file__).resolve().parents[1]
    allowed = root / "coop_desktop" / "core" / "children.py"
    found = []
    for path in [*(root / "coop_desktop").rglob("*.py"), *(root / "ui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [f"{node.module}.{a.name}" for a in node.names]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                if name.startswith("multiprocessing") or "ProcessPool" in name:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {name}")
    assert found and all(f.startswith(str(allowed.relative_to(root))) for f in found), found

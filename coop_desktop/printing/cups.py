"""The CUPS API (libcups, through ctypes): a queue's state as the print service sees it, the
paper it offers with the margins it cannot print on, and a job sent straight to the queue
with its media named, so a PDF stays a PDF (text stays text) and a refusal comes back as an
error instead of vanishing.

Linux and macOS print through CUPS; Windows has no libcups and prints through QPrinter.
Everything here is plain Python and ctypes, no Qt: it runs on the op runner's worker and in
`coop print --printer`. libcups keeps its server per thread and reads CUPS_SERVER the first
time a thread uses it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading
from dataclasses import dataclass
from functools import cache

from coop_desktop.printing.failures import PrintFailed
from coop_desktop.printing.placement import Placed

HTTP_CONTINUE = 100
IPP_OK_MAX = 0x00FF  # successful-ok … successful-ok-events-complete
STATE_STOPPED = 5


class CupsError(Exception):
    """The print service refused or could not be reached; `text` is what it said."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class _Option(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("value", ctypes.c_char_p)]


class _Size(ctypes.Structure):
    """cups_size_t: a media name, its size and margins in hundredths of a millimetre."""

    _fields_ = [
        ("media", ctypes.c_char * 128),
        ("width", ctypes.c_int),
        ("length", ctypes.c_int),
        ("bottom", ctypes.c_int),
        ("left", ctypes.c_int),
        ("right", ctypes.c_int),
        ("top", ctypes.c_int),
    ]


class _Dest(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("instance", ctypes.c_char_p),
        ("is_default", ctypes.c_int),
        ("num_options", ctypes.c_int),
        ("options", ctypes.POINTER(_Option)),
    ]


@cache
def _lib() -> ctypes.CDLL | None:
    if sys.platform == "win32":
        return None
    name = ctypes.util.find_library("cups")
    if not name:
        return None
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.cupsGetDests.argtypes = [ctypes.POINTER(ctypes.POINTER(_Dest))]
    lib.cupsGetDests.restype = ctypes.c_int
    lib.cupsFreeDests.argtypes = [ctypes.c_int, ctypes.POINTER(_Dest)]
    lib.cupsFreeDests.restype = None
    lib.cupsAddOption.argtypes = [
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.POINTER(_Option)),
    ]
    lib.cupsAddOption.restype = ctypes.c_int
    lib.cupsFreeOptions.argtypes = [ctypes.c_int, ctypes.POINTER(_Option)]
    lib.cupsFreeOptions.restype = None
    lib.cupsCreateJob.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(_Option),
    ]
    lib.cupsCreateJob.restype = ctypes.c_int
    lib.cupsStartDocument.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_int,
    ]
    lib.cupsStartDocument.restype = ctypes.c_int
    lib.cupsWriteRequestData.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
    lib.cupsWriteRequestData.restype = ctypes.c_int
    lib.cupsFinishDocument.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.cupsFinishDocument.restype = ctypes.c_int
    lib.cupsCancelJob.argtypes = [ctypes.c_char_p, ctypes.c_int]
    lib.cupsCancelJob.restype = ctypes.c_int
    lib.cupsLastErrorString.argtypes = []
    lib.cupsLastErrorString.restype = ctypes.c_char_p
    lib.cupsSetServer.argtypes = [ctypes.c_char_p]
    lib.cupsSetServer.restype = None
    dest = ctypes.POINTER(_Dest)
    lib.cupsGetNamedDest.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
    lib.cupsGetNamedDest.restype = dest
    lib.cupsCopyDestInfo.argtypes = [ctypes.c_void_p, dest]
    lib.cupsCopyDestInfo.restype = ctypes.c_void_p
    lib.cupsFreeDestInfo.argtypes = [ctypes.c_void_p]
    lib.cupsFreeDestInfo.restype = None
    lib.cupsGetDestMediaCount.argtypes = [ctypes.c_void_p, dest, ctypes.c_void_p, ctypes.c_uint]
    lib.cupsGetDestMediaCount.restype = ctypes.c_int
    lib.cupsGetDestMediaByIndex.argtypes = [
        ctypes.c_void_p,
        dest,
        ctypes.c_void_p,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.POINTER(_Size),
    ]
    lib.cupsGetDestMediaByIndex.restype = ctypes.c_int
    lib.cupsFindDestSupported.argtypes = [ctypes.c_void_p, dest, ctypes.c_void_p, ctypes.c_char_p]
    lib.cupsFindDestSupported.restype = ctypes.c_void_p
    lib.ippGetCount.argtypes = [ctypes.c_void_p]
    lib.ippGetCount.restype = ctypes.c_int
    lib.ippGetString.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    lib.ippGetString.restype = ctypes.c_char_p
    lib.ippGetInteger.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.ippGetInteger.restype = ctypes.c_int
    return lib


def available() -> bool:
    """True where printing goes through CUPS (Linux, macOS with libcups)."""
    return _lib() is not None


def reset_server() -> None:
    """Forget this thread's server, so the next call reads CUPS_SERVER again."""
    lib = _lib()
    if lib is not None:
        lib.cupsSetServer(None)


def _last_error(lib: ctypes.CDLL) -> str:
    text = lib.cupsLastErrorString()
    return text.decode("utf-8", "replace") if text else ""


@dataclass(frozen=True, slots=True)
class QueueState:
    """What CUPS says of a queue: its state (3 idle, 4 printing, 5 stopped), whether it takes
    jobs, and the reasons it gives (offline-report, paused, media-empty…)."""

    name: str
    state: int
    accepting: bool
    reasons: tuple[str, ...]
    message: str

    @property
    def paused(self) -> bool:
        return self.state == STATE_STOPPED or "paused" in self.reasons

    @property
    def offline(self) -> bool:
        return any(r.startswith(("offline", "connecting-to-device")) for r in self.reasons)


_lock = threading.Lock()


def queue_state(name: str) -> QueueState | None:
    """The named queue's state, exactly that name; None when CUPS has no such queue.
    Raises CupsError when the print service cannot be reached."""
    lib = _lib()
    if lib is None:
        raise CupsError("libcups")
    dests = ctypes.POINTER(_Dest)()
    with _lock:
        count = lib.cupsGetDests(ctypes.byref(dests))
        try:
            if count == 0 and _last_error(lib) and "No destinations" not in _last_error(lib):
                raise CupsError(_last_error(lib))
            for i in range(count):
                dest = dests[i]
                if (dest.name or b"").decode("utf-8", "replace") != name or dest.instance:
                    continue
                options = {
                    (dest.options[j].name or b"").decode("utf-8", "replace"): (
                        dest.options[j].value or b""
                    ).decode("utf-8", "replace")
                    for j in range(dest.num_options)
                }
                reasons = tuple(
                    r for r in options.get("printer-state-reasons", "").split(",") if r != "none"
                )
                state = options.get("printer-state", "3")
                return QueueState(
                    name,
                    int(state) if state.isdigit() else 3,
                    options.get("printer-is-accepting-jobs", "true").lower() != "false",
                    reasons,
                    options.get("printer-state-message", ""),
                )
            return None
        finally:
            if count:
                lib.cupsFreeDests(count, dests)


def submit(
    name: str, data: bytes, title: str, options: dict[str, str], mime: str = "application/pdf"
) -> int:
    """Send `data` as one job to queue `name`; returns the job id. Raises CupsError with the
    service's own words when the queue refuses it (paused, rejecting, gone)."""
    lib = _lib()
    if lib is None:
        raise CupsError("libcups")
    opts = ctypes.POINTER(_Option)()
    count = 0
    for key, value in options.items():
        count = lib.cupsAddOption(key.encode(), value.encode(), count, ctypes.byref(opts))
    encoded = name.encode("utf-8")
    try:
        job = lib.cupsCreateJob(None, encoded, title.encode("utf-8"), count, opts)
        if job <= 0:
            raise CupsError(_last_error(lib))
        ok = (
            lib.cupsStartDocument(None, encoded, job, title.encode("utf-8"), mime.encode(), 1)
            == HTTP_CONTINUE
        )
        step = 1 << 16
        for start in range(0, len(data), step):
            if not ok:
                break
            chunk = data[start : start + step]
            ok = lib.cupsWriteRequestData(None, chunk, len(chunk)) == HTTP_CONTINUE
        finished = lib.cupsFinishDocument(None, encoded)
        if not ok or finished > IPP_OK_MAX:
            said = _last_error(lib)
            lib.cupsCancelJob(encoded, job)
            raise CupsError(said)
        return int(job)
    finally:
        if count:
            lib.cupsFreeOptions(count, opts)


def check(name: str) -> None:
    """Raise PrintFailed unless `name` is exactly a CUPS queue that takes jobs now."""
    if not name:
        raise PrintFailed("print_no_printer")
    try:
        state = queue_state(name)
    except CupsError as exc:
        raise PrintFailed("print_no_service", name, detail=exc.text) from exc
    if state is None:
        raise PrintFailed("print_missing", name)
    if not state.accepting:
        raise PrintFailed("print_rejecting", name)
    if state.paused:
        raise PrintFailed("print_paused", name)
    if state.offline:
        raise PrintFailed("print_offline", name)


def send(name: str, placed: Placed, title: str) -> int:
    """The placed PDF as one job on queue `name`, its media named; returns the pages sent.
    Raises PrintFailed with the service's own words when the queue refuses it."""
    options = {"media": placed.media} if placed.media else {}
    try:
        submit(name, placed.pdf, title, options)
    except CupsError as exc:
        raise PrintFailed("print_refused", name, detail=exc.text) from exc
    return placed.pages

"""Bytes straight to a receipt printer that speaks ESC/POS and has no driver: through a raw
print queue (CUPS raw queue, or a Windows printer with the "Generic / Text Only" driver, sent
as RAW), to a network port (192.168.1.50:9100), or to a device (/dev/usb/lp0, COM3).

Where it goes is a short text the user types in Configuración ("Conexión"):
  ""                    the ticket printer's own queue, sent RAW
  "host" or "host:port" a network printer (port 9100 when none is given)
  "/dev/…", "COM3", "\\\\PC\\share"  a device or a shared printer, written as a file
"""

from __future__ import annotations

import re
import socket
import sys
from dataclasses import dataclass

from coop_desktop.printing import cups
from coop_desktop.printing.failures import PrintFailed
from ui.printing.printers import check_printer, uses_cups

NETWORK = re.compile(r"^(?P<host>[A-Za-z0-9.\-]+)(?::(?P<port>\d{1,5}))?$")
COM_PORT = re.compile(r"^COM\d+$", re.IGNORECASE)
TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class RawTarget:
    """Where receipt-printer bytes go: `queue` (a print queue sent RAW), or `port`."""

    queue: str
    port: str = ""

    @property
    def label(self) -> str:
        return self.port or self.queue

    @property
    def kind(self) -> str:
        if not self.port:
            return "queue"
        if COM_PORT.match(self.port) or self.port.startswith(("/", "\\\\")):
            return "device"
        return "network" if NETWORK.match(self.port) else "device"


def send_raw(target: RawTarget, data: bytes, title: str) -> str:
    """Send `data` as it is; returns where it went. Raises PrintFailed in plain words."""
    kind = target.kind
    if kind == "queue":
        check_printer(target.queue)
        if uses_cups():
            try:
                cups.submit(target.queue, data, title, {}, mime="application/vnd.cups-raw")
            except cups.CupsError as exc:
                raise PrintFailed("print_refused", target.queue, detail=exc.text) from exc
        else:
            _windows_raw(target.queue, data, title)
        return target.queue
    if kind == "network":
        match = NETWORK.match(target.port)
        assert match is not None
        host, port = match["host"], int(match["port"] or 9100)
        try:
            with socket.create_connection((host, port), timeout=TIMEOUT_S) as conn:
                conn.sendall(data)
        except OSError as exc:
            raise PrintFailed("print_offline", target.port) from exc
        return target.port
    path = target.port
    if sys.platform == "win32" and COM_PORT.match(path):
        path = "\\\\.\\" + path.upper()
    try:
        with open(path, "wb") as device:
            device.write(data)
    except OSError as exc:
        raise PrintFailed("print_device", target.port, detail=exc.strerror or str(exc)) from exc
    return target.port


def _windows_raw(name: str, data: bytes, title: str) -> None:  # pragma: no cover - Windows
    """The Windows spooler with datatype RAW: the driver passes the bytes through untouched
    (the "Generic / Text Only" driver, or the maker's driver of a receipt printer)."""
    import ctypes
    from ctypes import wintypes

    class DocInfo1(ctypes.Structure):
        _fields_ = [
            ("pDocName", wintypes.LPWSTR),
            ("pOutputFile", wintypes.LPWSTR),
            ("pDatatype", wintypes.LPWSTR),
        ]

    spool = ctypes.WinDLL("winspool.drv")  # type: ignore[attr-defined]
    handle = wintypes.HANDLE()
    if not spool.OpenPrinterW(name, ctypes.byref(handle), None):
        raise PrintFailed("print_missing", name)
    try:
        info = DocInfo1(title, None, "RAW")
        if not spool.StartDocPrinterW(handle, 1, ctypes.byref(info)):
            raise PrintFailed("print_refused", name, detail=str(ctypes.GetLastError()))  # type: ignore[attr-defined]
        try:
            spool.StartPagePrinter(handle)
            written = wintypes.DWORD()
            ok = spool.WritePrinter(handle, data, len(data), ctypes.byref(written))
            spool.EndPagePrinter(handle)
        finally:
            spool.EndDocPrinter(handle)
        if not ok or written.value != len(data):
            raise PrintFailed("print_incomplete", name, done=written.value, total=len(data))
    finally:
        spool.ClosePrinter(handle)

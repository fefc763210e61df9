"""The one log of the program, for the desktop and for `coop`: a rotating file in the data
folder, readable by the user only, that records unexpected errors with their traceback (and
what the program says it did). Never a password: a server address is logged without it."""

from __future__ import annotations

import logging
import re
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from coop_desktop.storage.files import make_private, private_folder
from coop_desktop.storage.location import data_dir

NAME = "coop.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(program)s %(name)s: %(message)s"
_PASSWORD_IN_URL = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")
log = logging.getLogger("coop_desktop")


class _Program(logging.Filter):
    def __init__(self, program: str) -> None:
        super().__init__()
        self.program = program

    def filter(self, record: logging.LogRecord) -> bool:
        record.program = self.program
        return True


def redact(text: str) -> str:
    """`postgresql://ana:secreto@pc/coop` → `postgresql://ana:***@pc/coop`."""
    return _PASSWORD_IN_URL.sub(r"\1***@", text)


def path() -> Path:
    return data_dir() / NAME


def setup(program: str) -> Path | None:
    """Send the program's log records to the file (once per process); None when the data
    folder cannot be written (the records then go to stderr)."""
    root = logging.getLogger()
    if any(getattr(h, "coop_log", False) for h in root.handlers):
        return path()
    try:
        target = path()
        private_folder(target.parent)
        handler: logging.Handler = RotatingFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=False
        )
        make_private(target)
    except OSError:
        handler, target = logging.StreamHandler(sys.stderr), None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(_Program(program))
    handler.coop_log = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return target


def unexpected(error: BaseException, context: str = "") -> str:
    """Log an unexpected error with its traceback; where it went (a path, or "stderr")."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    log.error("unexpected error %s\n%s", redact(context), redact(text))
    written = any(isinstance(h, RotatingFileHandler) for h in logging.getLogger().handlers)
    return str(path()) if written else "stderr"

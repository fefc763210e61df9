"""A print that did not happen, said in the user's words: which printer and what to do.
Nothing is sent and nothing is recorded when one of these is raised before sending."""

from __future__ import annotations

from coop_desktop.core.errors import CoopError


class PrintFailed(CoopError):
    """A print that did not happen, said in the user's words; `printer` names the printer."""

    def __init__(self, code: str, printer: str = "", **params: object) -> None:
        self.printer = printer
        super().__init__(code, "printer", printer=printer, **params)

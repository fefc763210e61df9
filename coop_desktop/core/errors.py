"""Expected errors: each has a message code, the field or row it concerns, and parameters.

They are raised by the domain and the services and shown to the user in their language by
the CLI and the UI through `coop_desktop.core.messages`. Unexpected errors are anything else.
"""

from __future__ import annotations

from typing import Any

from coop_desktop.core.messages import render


class CoopError(Exception):
    """A user-facing error: bad input, a refused operation, a missing record."""

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params = params
        super().__init__(self.render("en"))

    def render(self, lang: str | None = "es") -> str:
        """The sentence in `lang` (None: the current language)."""
        return render(self.code, lang, self.field, **self.params)


class ValidationError(CoopError):
    """Input that cannot be accepted; `field` names where it is."""


class ValidationErrors(CoopError):
    """Several problems at once (for example every problem of a scheme file)."""

    def __init__(self, errors: list[ValidationError]) -> None:
        self.errors = errors
        super().__init__("many_errors", None, count=len(errors))

    def render(self, lang: str | None = "es") -> str:
        head = render("many_errors", lang, count=len(self.errors))
        return "\n".join([head, *("  - " + e.render(lang) for e in self.errors)])


class NotFound(CoopError):
    """A record named by the user does not exist."""


class Refused(CoopError):
    """An operation that the state of the data does not allow (closed period, …)."""


class StorageError(CoopError):
    """The database cannot be opened or used as asked."""


class Forbidden(CoopError):
    """Nobody is signed in, the sign-in failed, or the user's role does not allow the action.
    Raised before anything is written; the refusal itself is recorded in the audit trail."""

"""Find every public service function that writes, by reading the services' source."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import Any

import coop_desktop.services as package

WRITES = ("db.write(", "db.write_connection(", "db.record(")


def public_functions() -> list[tuple[str, Callable[..., Any]]]:
    found = []
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(obj):
                continue
            if obj.__module__ != module.__name__:
                continue
            found.append((f"{module.__name__}.{name}", obj))
    return found


def writes(fn: Callable[..., Any]) -> bool:
    source = inspect.getsource(inspect.unwrap(fn))
    return any(marker in source for marker in WRITES)


def writing_services() -> list[tuple[str, Callable[..., Any]]]:
    """Public service functions that open a write through the unit of work."""
    return [(n, f) for n, f in public_functions() if writes(f)]

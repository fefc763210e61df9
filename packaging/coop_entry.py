"""Frozen entry of `coop` (the console program). `main()` calls `freeze_support()` first.

The console program's archive leaves out numpy (it is the desktop's, for the charts): numpy's
compiled files are still in the shared folder, so an optional `import numpy` (openpyxl asks)
would find half a package. Here numpy is simply not importable, and such imports fall back."""

import sys
from importlib.abc import MetaPathFinder


class _NoNumpy(MetaPathFinder):
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "numpy" or name.startswith("numpy."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, _NoNumpy())

from coop_desktop.cli import main  # noqa: E402

sys.exit(main())

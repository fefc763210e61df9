"""Which Qt plugins the frozen build leaves out (used by the hook overrides beside it).

The stock PySide6 hooks collect every plugin of a module; some pull in large libraries the
app never uses (the virtual keyboard brings Qt Quick and QML, the GTK theme brings GTK,
Wayland and EGLFS bring their own stacks). Dropping them here, before PyInstaller looks for
the libraries they need, keeps those libraries out too.

Kept: platforms (windows, xcb, offscreen, minimal), xcbglintegrations, printsupport,
imageformats for the formats Qt may load (svg, ico, jpeg, gif, pdf), iconengines, styles,
platform input contexts for typing accents (compose, ibus), the desktop-portal theme.
"""

from __future__ import annotations

import os

DROPPED_FOLDERS = {
    "egldeviceintegrations",
    "generic",
    "networkinformation",
    "tls",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-shell-integration",
}
# Plugin file names (without "lib" and the extension) that start with one of these.
DROPPED_PLUGINS = (
    "qtvirtualkeyboardplugin",
    "qgtk3",
    "qeglfs",
    "qlinuxfb",
    "qvnc",
    "qvkkhrdisplay",
    "qminimalegl",
    "qwayland",
    "qdirect2d",
    "qtiff",
    "qwebp",
    "qicns",
    "qtga",
    "qwbmp",
)


def plugin_name(path: str) -> str:
    name = os.path.basename(path).split(".")[0]
    return name[3:] if name.startswith("lib") else name


def keep(entry: tuple[str, ...]) -> bool:
    """`entry` is a hook's (source, destination folder) pair."""
    source, destination = entry[0], entry[1]
    parts = destination.replace("\\", "/").split("/")
    if "plugins" not in parts or parts[-1] == "plugins":
        return True
    if parts[parts.index("plugins") + 1] in DROPPED_FOLDERS:
        return False
    return not plugin_name(source).startswith(DROPPED_PLUGINS)

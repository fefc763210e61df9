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
import re

DROPPED_FOLDERS = {
    "egldeviceintegrations",
    "generic",
    "networkinformation",
    "tls",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-shell-integration",
}
DROPPED_PLUGINS = re.compile(
    r"^(lib)?q?(tvirtualkeyboardplugin|gtk3|eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl|"
    r"wayland.*|tiff|webp|icns|tga|wbmp|direct2d)d?\.(so|dll|dylib)$"
)


def keep(entry: tuple[str, ...]) -> bool:
    """`entry` is a hook's (source, destination folder) pair."""
    source, destination = entry[0], entry[1]
    parts = destination.replace("\\", "/").split("/")
    if "plugins" not in parts:
        return True
    kind = parts[parts.index("plugins") + 1] if parts[-1] != "plugins" else ""
    if kind in DROPPED_FOLDERS:
        return False
    return not DROPPED_PLUGINS.match(os.path.basename(source))

# Overrides PyInstaller's hook. Only QtPdf needs QtNetwork's library; the app does no network
# through Qt, so neither its plugins (TLS, network information) nor OpenSSL are collected.
import os
import sys

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

sys.path.insert(0, os.path.dirname(__file__))
from qt_trim import keep

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [b for b in binaries if keep(b)]

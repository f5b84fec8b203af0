"""Starts the kiosk for real: the Qt application, logging, the window on the primary screen."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.ui.theme import Metrics

log = logging.getLogger("kiosk")
WINDOWED_SIZE = (1280, 800)


def launch(root: Path, *, windowed: bool) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    from kiosk.app import KioskApp

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    if windowed:
        width, height = WINDOWED_SIZE
    else:
        geometry = app.primaryScreen().geometry()
        width, height = geometry.width(), geometry.height()
    kiosk = KioskApp(root, Metrics(height))
    log.info("kiosk started with content from %s", root.resolve())
    if windowed:
        kiosk.window.resize(width, height)
        kiosk.window.show()
    else:
        kiosk.window.showFullScreen()
    return app.exec()

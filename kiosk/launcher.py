"""Starts the kiosk for real: the Qt application, logging, lockdown, live reload, the window."""

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
    from kiosk.lockdown import Lockdown

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    if windowed:
        width, height = WINDOWED_SIZE
    else:
        geometry = app.primaryScreen().geometry()
        width, height = geometry.width(), geometry.height()
    kiosk = KioskApp(root, Metrics(height), watch=True)
    log.info("kiosk started with content from %s", root.resolve())
    lockdown = Lockdown(kiosk.window, show_cursor=kiosk.state.config.kiosk.show_cursor)

    def staff_exit() -> None:
        log.info("staff exit")
        lockdown.release()
        app.quit()

    kiosk.exit_requested.connect(staff_exit)
    if windowed:
        kiosk.window.resize(width, height)
        kiosk.window.show()
    else:
        kiosk.window.show()
        lockdown.engage()
    return app.exec()

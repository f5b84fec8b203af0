"""`kiosk snapshot`: each screen rendered to PNG exactly as the kiosk shows it, for staff previews."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from kiosk.runtime.qt_messages import harmless_qt_messages_dropped
from kiosk.ui.theme import Metrics


def render_snapshots(root: Path, out: Path, size: tuple[int, int], only: int | None = None) -> list[Path]:
    with harmless_qt_messages_dropped():
        return _render(root, out, size, only)


def _render(root: Path, out: Path, size: tuple[int, int], only: int | None) -> list[Path]:
    from kiosk.app import KioskApp
    from kiosk.core.tuning import Timing

    app = QApplication.instance() or QApplication(sys.argv[:1])
    # Problems are printed below in check's format; keep the kiosk's log from saying them again
    # (with no logging set up, Python would print each warning to stderr a second time).
    quiet = logging.NullHandler()
    logger = logging.getLogger("kiosk")
    logger.addHandler(quiet)
    width, height = size
    kiosk = KioskApp(root, Metrics.for_size(width, height), timing=Timing(animation_ms=0))
    window = kiosk.window
    try:
        kiosk.listening.speaker.wait_until_answered()  # so Listen shows where this computer can speak
        window.resize(width, height)
        window.show()
        window.setFocus()
        names = [screen.name for screen in window.screens.all()]
        if only is not None and not 0 <= only < len(names):
            raise ValueError(f"there is no screen {only}; screens are 0 to {len(names) - 1}")
        out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for index, name in enumerate(names):
            if only is not None and index != only:
                continue
            window.go_to(index, animate=False)
            app.processEvents()
            path = out / f"{index:02d}-{name}.png"
            window.grab().save(str(path))
            written.append(path)
        for problem in kiosk.complete().problems:  # the other languages too, read once the pictures are out
            print(problem.format(), file=sys.stderr)
        return written
    finally:
        logger.removeHandler(quiet)
        kiosk.listening.shutdown()
        window.close()
        window.deleteLater()
        kiosk.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

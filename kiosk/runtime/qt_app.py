"""The one QApplication the kiosk's widgets, fonts and style sheets live in."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication


def gui_app() -> QApplication:
    """The running QApplication, made now if there is none yet.

    Qt allows one application object per process; a plain QCoreApplication (the speech helper's)
    cannot show a window, so finding one here is a programming error, said plainly."""
    app = QApplication.instance()
    if app is None:
        return QApplication(sys.argv[:1])
    if not isinstance(app, QApplication):
        raise RuntimeError(f"the kiosk's screens need a QApplication, and this process already runs a {type(app).__name__}")
    return app

"""Qt's own warnings, minus the one the offscreen platform prints on every window shown.

`kiosk snapshot` runs offscreen, where Qt says "This plugin does not support propagateSizeHints()"
each time a window or bar is shown: noise that would bury the content problems staff read on
stderr. Everything else Qt says still reaches stderr (or, in the running kiosk, the log).
Installed only by the commands, never by KioskApp: tests keep pytest-qt's own handler.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

HARMLESS = ("This plugin does not support propagateSizeHints()",)


def _to_stderr(text: str) -> None:
    if sys.stderr is not None:
        print(text, file=sys.stderr)


@contextmanager
def harmless_qt_messages_dropped(sink: Callable[[str], None] = _to_stderr) -> Iterator[None]:
    def handler(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if message not in HARMLESS:
            sink(message)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)

"""Guards against Qt binding regressions that would take a months-long kiosk down.

PySide6 6.12.0 drops a reference to None on every void QPainter call; on Python 3.11 the
interpreter aborts ("deallocating None") after a few thousand paints. The pinned version must not.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument

from kiosk.ui.card import CardBody


def none_refs_lost(action, times: int = 2000) -> int:
    before = sys.getrefcount(None)
    for _ in range(times):
        action()
    return before - sys.getrefcount(None)


def test_void_painter_calls_keep_none_alive(qapp):
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        assert none_refs_lost(lambda: painter.drawRect(QRectF(1, 1, 4, 4))) < 100
        assert none_refs_lost(lambda: painter.setBrush(QColor("black"))) < 100
    finally:
        painter.end()


def test_python_overrides_returning_none_keep_none_alive(qtbot):
    body = CardBody()
    qtbot.addWidget(body)
    kind = QTextDocument.ResourceType.ImageResource.value
    assert none_refs_lost(lambda: body.loadResource(kind, QUrl("https://example.org/x.png"))) < 100

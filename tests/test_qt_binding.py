"""Guards against Qt binding regressions that would take a months-long kiosk down.

PySide6 6.12.0 drops a reference to None on every void QPainter call; on Python 3.11 the
interpreter aborts ("deallocating None") after a few thousand paints. The pinned version must not.
On Python 3.12+ None is immortal (its count never changes), so the bug cannot abort the
interpreter there and these checks would measure nothing: they are skipped, saying why.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.runtime.pictures import shared_pictures
from kiosk.ui.card import CardBody

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on Python 3.12+: nothing to lose")
CALLS = 2000


def none_refs_lost(action, times: int = CALLS) -> int:
    before = sys.getrefcount(None)
    for _ in range(times):
        action()
    return before - sys.getrefcount(None)


def test_the_measure_sees_references_to_none_come_and_go():
    held: list[None] = []
    assert none_refs_lost(lambda: held.append(None)) == -CALLS  # would read 0 if the count were blind
    held.clear()


def test_void_painter_calls_keep_none_alive(qapp):
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        assert none_refs_lost(lambda: painter.drawRect(QRectF(1, 1, 4, 4))) < 100
        assert none_refs_lost(lambda: painter.setBrush(QColor("black"))) < 100
    finally:
        painter.end()


class CountingBody(CardBody):
    calls = 0

    def loadResource(self, kind: int, url: QUrl) -> object:
        CountingBody.calls += 1
        super().loadResource(kind, url)  # (the kiosk's own answer is an empty picture, never None)
        return None


def test_python_overrides_called_by_qt_and_returning_none_keep_none_alive(qtbot):
    # Qt's text layout asks the override for each picture from C++, so the None it returns
    # crosses the binding (a call from Python would not).
    body = CountingBody(shared_pictures())
    qtbot.addWidget(body)
    body.resize(400, 300)
    html = "".join(f'<img src="https://example.org/{n}.png" width="4" height="4">' for n in range(CALLS))
    before = sys.getrefcount(None)
    body.setHtml(html)
    body.document().size()
    body.grab()
    lost = before - sys.getrefcount(None)
    assert CountingBody.calls >= CALLS, "Qt did not call the Python override"
    assert lost < 100

"""Real input for tests: mouse events sent through QApplication (so application event filters see
them, which QTest.mouseMove skips in Qt 6) and touch sequences through QTest.touchEvent."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

_touch_device = None


def _send(kind: QEvent.Type, target: QWidget, global_pos: QPoint, buttons: Qt.MouseButton) -> None:
    local = QPointF(target.mapFromGlobal(global_pos))
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, local, QPointF(global_pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)


def mouse_drag(window: QWidget, start: QPoint, end: QPoint, steps: int = 10, before_release=None) -> None:
    """Press at `start` (window coordinates), move in `steps`, release at `end`."""
    global_start = window.mapToGlobal(start)
    target = window.childAt(start) or window
    _send(QEvent.Type.MouseButtonPress, target, global_start, Qt.MouseButton.LeftButton)
    for step in range(1, steps + 1):
        point = start + (end - start) * step / steps
        _send(QEvent.Type.MouseMove, target, window.mapToGlobal(point), Qt.MouseButton.LeftButton)
    if before_release is not None:
        before_release()
    _send(QEvent.Type.MouseButtonRelease, target, window.mapToGlobal(end), Qt.MouseButton.NoButton)
    QApplication.processEvents()


def mouse_tap(window: QWidget, point: QPoint) -> None:
    mouse_drag(window, point, point, steps=0)


def touch_device():
    global _touch_device
    if _touch_device is None:
        _touch_device = QTest.createTouchDevice()
    return _touch_device


def touch_drag(window: QWidget, start: QPoint, end: QPoint, steps: int = 10) -> None:
    device = touch_device()
    QTest.touchEvent(window, device).press(0, start).commit()
    for step in range(1, steps + 1):
        QTest.touchEvent(window, device).move(0, start + (end - start) * step / steps).commit()
    QTest.touchEvent(window, device).release(0, end).commit()
    QApplication.processEvents()


def touch_tap(window: QWidget, point: QPoint) -> None:
    device = touch_device()
    QTest.touchEvent(window, device).press(0, point).commit()
    QTest.touchEvent(window, device).release(0, point).commit()
    QApplication.processEvents()

"""The hidden staff gesture: a long press in the top-left corner of the kiosk window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.core.tuning import DEFAULT_TIMING
from kiosk.runtime.input_router import Stage, input_router

DEFAULT_HOLD_MS = DEFAULT_TIMING.hold_ms


class CornerLongPress(QObject):
    """Emits `triggered` when a finger rests `hold_ms` in the window's top-left `size`×`size` corner.

    Patients rarely press and hold one spot that long; staff know to. The release that ends the
    long press is swallowed so it never also taps what lies under the corner.
    """

    triggered = Signal()
    kinds = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease})

    def __init__(self, window: QWidget, size: int, *, hold_ms: int = DEFAULT_HOLD_MS) -> None:
        super().__init__(window)
        self.window = window
        self.size = size
        self._timer = QTimer(self, singleShot=True, interval=hold_ms)
        self._timer.timeout.connect(self._on_held)
        self._press: QPoint | None = None
        self._swallow_release = False
        input_router().add(Stage.STAFF_CORNER, self)

    def corner(self) -> QRect:
        return QRect(self.window.mapToGlobal(QPoint(0, 0)), self.window.mapToGlobal(QPoint(self.size, self.size)))

    def handle(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isinstance(watched, QWidget) or watched.window() is not self.window or not isinstance(event, QMouseEvent):
            return False
        pos = event.globalPosition().toPoint()
        if kind == QEvent.Type.MouseButtonPress:
            if event.button() == Qt.MouseButton.LeftButton and self.corner().contains(pos) and self._press is None:
                self._press = pos
                self._timer.start()
            return False
        if kind == QEvent.Type.MouseMove:
            if self._press is not None and not self.corner().contains(pos):
                self._cancel()
            return False
        swallow = self._swallow_release
        self._swallow_release = False
        self._cancel()
        return swallow

    def _cancel(self) -> None:
        self._timer.stop()
        self._press = None

    def _on_held(self) -> None:
        self._press = None
        self._swallow_release = True
        self.triggered.emit()

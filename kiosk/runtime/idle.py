"""Notices when nobody has touched the kiosk for a while, so the next patient starts fresh."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent

from kiosk.runtime.input_router import Stage, input_router

INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
    QEvent.Type.KeyPress, QEvent.Type.Wheel,
}
# Input that completes a gesture. `activity` waits for one of these, so the touch that wakes the
# kiosk ends on whatever was on top when it began (the idle prompt), never on what lies beneath.
ENDING_EVENTS = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.KeyPress, QEvent.Type.Wheel}


class IdleMonitor(QObject):
    """Watches every input event in the application; emits `idle` after `timeout_ms` without one.

    Input taken before it (a touch that wakes a dark screen, the release ending the staff long
    press: kiosk/runtime/input_router.py) is not a patient using the kiosk and does not count."""

    kinds = frozenset(INPUT_EVENTS | {QEvent.Type.MouseMove})

    idle = Signal()  # nobody has touched the kiosk for timeout_ms
    activity = Signal()  # the first completed input (release, key) after `idle`
    input_began = Signal()  # a press after `idle`, not yet released: the patient is answering the prompt

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self._on_timeout)
        self._timer.setInterval(timeout_ms)
        self.is_idle = False
        input_router().add(Stage.IDLE, self)

    def set_timeout(self, timeout_ms: int) -> None:
        self._timer.setInterval(timeout_ms)
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        self.is_idle = False
        self._timer.start()

    def timeout_ms(self) -> int:
        return self._timer.interval()

    def handle(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS or (kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent) and event.buttons()):
            ending = kind in ENDING_EVENTS
            if self.is_idle and not ending:
                self.input_began.emit()
            self.poke(ending=ending)
        return False

    def poke(self, *, ending: bool = True) -> None:
        """Count as input: restart the countdown to idle."""
        self._timer.start()
        if ending and self.is_idle:
            self.is_idle = False
            self.activity.emit()

    def _on_timeout(self) -> None:
        self.is_idle = True
        self.idle.emit()

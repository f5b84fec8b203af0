"""'Still reading?': the calm warning before the kiosk returns to the start for the next patient."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.core.tuning import DEFAULT_TIMING
from kiosk.core.strings import Strings
from kiosk.ui.overlays.overlay import Overlay
from kiosk.ui.theme import Theme

DEFAULT_COUNTDOWN_S = DEFAULT_TIMING.countdown_s


class IdleOverlay(Overlay):
    """Counts down visibly; `expired` when it reaches zero. The wiring cancels it on any input."""

    expired = Signal()
    started = Signal()  # the prompt opened (Listen says it aloud to a patient who was listening)

    def __init__(self, theme: Theme, parent: QWidget | None = None, *, tick_ms: int = 1000) -> None:
        super().__init__(theme, parent, opacity=120)
        metrics = theme.metrics
        self.title = QLabel(objectName="OverlayTitle", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.prompt = QLabel(objectName="OverlayText", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.countdown = QLabel(objectName="OverlayCountdown", alignment=Qt.AlignmentFlag.AlignCenter)
        for label in (self.title, self.prompt, self.countdown):
            self.panel_layout.addWidget(label)
        self.panel.setMinimumWidth(metrics.px(900))
        self._strings: Strings | None = None
        self._remaining = 0
        self._timer = QTimer(self, interval=tick_ms)
        self._timer.timeout.connect(self._tick)

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        self.title.setText(strings["idle_title"])
        self.prompt.setText(strings["idle_prompt"])
        self._show_remaining()

    def start(self, seconds: int = DEFAULT_COUNTDOWN_S) -> None:
        self._remaining = seconds
        self._show_remaining()
        self.open()
        self._timer.start()
        self.started.emit()

    def cancel(self) -> None:
        self._timer.stop()
        self.hide()

    def _tick(self) -> None:
        self._remaining -= 1
        self._show_remaining()
        if self._remaining <= 0:
            self.cancel()
            self.expired.emit()

    def _show_remaining(self) -> None:
        if self._strings is not None:
            self.countdown.setText(self._strings["idle_countdown"].format(seconds=max(0, self._remaining)))

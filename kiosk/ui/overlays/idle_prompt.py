"""'Still reading?': the calm warning before the kiosk goes back to its home screen for the next patient.

WCAG 2.2.1 (Timing Adjustable): the patient gets at least 20 seconds (Timing.countdown_s, 30 by
default) and a simple way to ask for more: a large "More time" button, or a touch anywhere.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.core.tuning import DEFAULT_TIMING
from kiosk.core.strings import Strings
from kiosk.ui.buttons import TouchButton
from kiosk.ui.named import named
from kiosk.ui.overlays.overlay import Overlay
from kiosk.ui.theme import Theme

DEFAULT_COUNTDOWN_S = DEFAULT_TIMING.countdown_s


class IdleOverlay(Overlay):
    """Counts down visibly; `expired` when it reaches zero. "More time" closes it and says so
    (`more_time`); the wiring also cancels it on any other input.

    The number shown is read from the clock at each tick, not counted in ticks: a tick that comes
    late on a busy machine never stretches "30 seconds" into 40. One step of the countdown is
    `tick_ms` (a second; tests shorten it)."""

    expired = Signal()
    more_time = Signal()  # the patient asked for more time with the button
    started = Signal()  # the prompt opened (Listen says it aloud to a patient who was listening)

    def __init__(self, theme: Theme, parent: QWidget | None = None, *, tick_ms: int = DEFAULT_TIMING.tick_ms,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(theme, parent, opacity=120, width_at_1080=900)
        self.title = named("OverlayTitle", QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True))
        self.prompt = named("OverlayText", QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True))
        self.countdown = named("OverlayCountdown", QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True))
        self.more = TouchButton(objectName="MoreTimeButton")  # filled like Next, wider than any other
        self.more.clicked.connect(self._on_more_time)
        for label in (self.title, self.prompt, self.countdown):
            self.panel_layout.addWidget(label)
        self.panel_layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignHCenter)
        self._strings: Strings | None = None
        self._remaining = 0
        self._clock = clock
        self._step_s = tick_ms / 1000
        self._deadline = 0.0
        self._timer = named("countdown", QTimer(self, interval=tick_ms))
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may tick 5% early and show a number twice
        self._timer.timeout.connect(self._tick)

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        self.title.setText(strings["idle_title"])
        self.prompt.setText(strings["idle_prompt"])
        self.more.setText(strings["idle_more_time"])
        self._show_remaining()

    def start(self, seconds: int = DEFAULT_COUNTDOWN_S) -> None:
        self._remaining = seconds
        self._deadline = self._clock() + seconds * self._step_s
        self._show_remaining()
        self.open()
        self._timer.start()
        self.started.emit()

    def hold(self) -> None:
        """A finger is down (on "More time", or anywhere): the countdown stops, so the visit never
        ends under it, and the prompt stays up to take the release (the wiring then cancels it).
        A finger that never lifts does not keep the kiosk forever: the next idle starts the countdown again."""
        self._timer.stop()

    def cancel(self) -> None:
        self._timer.stop()
        self.hide()

    def _on_more_time(self) -> None:
        self.cancel()
        self.more_time.emit()

    def _tick(self) -> None:
        left = (self._deadline - self._clock()) / self._step_s
        self._remaining = max(0, math.ceil(round(left, 6)))  # round: 29.0000000001 steps left is 29
        self._show_remaining()
        if self._remaining <= 0:
            self.cancel()
            self.expired.emit()

    def _show_remaining(self) -> None:
        if self._strings is not None:
            key = "idle_countdown_one" if self._remaining == 1 else "idle_countdown"  # "1 second", not "1 seconds"
            self.countdown.setText(self._strings[key].format(seconds=max(0, self._remaining)))

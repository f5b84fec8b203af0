"""Runs the screen schedule: the display dark outside clinic hours, on in the morning, woken by a touch.

The touch that wakes the display is swallowed whole (press, moves, release, and the mouse events Qt
makes from it): a patient tapping a black screen must not also start a visit or press a button they
could not see. After a wake at night the display stays on while it is used and goes dark again after
`wake_ms` without input. The clock is injectable and checked every `check_ms`, so a clock change or a
suspend never leaves the screen in the wrong state for long. Once dark by the schedule, the screen
stays dark until the "on" time really comes (Schedule.next_on), so the hour an autumn clock change
repeats does not light it again when "off" falls in that hour.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.core.schedule import Schedule, as_utc
from kiosk.ops.runtime.display_power import switched
from kiosk.runtime.input_router import Stage, input_router

log = logging.getLogger(__name__)

CHECK_MS = 30_000
WAKE_MS = 5 * 60_000
_PRESSES = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}
_RELEASES = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel, QEvent.Type.KeyRelease}
_DURING = {QEvent.Type.MouseMove, QEvent.Type.TouchUpdate}


class Power(Protocol):
    def set_on(self, on: bool) -> str: ...


class ScreenSchedule(QObject):
    display_changed = Signal()  # `display` changed (the metrics file is written again)
    kinds = frozenset(_PRESSES | _RELEASES | _DURING)

    def __init__(
        self,
        power: Power,
        *,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),  # aware: the repeated hour's times differ
        check_ms: int = CHECK_MS,
        wake_ms: int = WAKE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._power = power
        self._now = now
        self.schedule: Schedule | None = None
        self.asleep = False
        # For monitoring: "on", "off_schedule" (dark on purpose), or "switch_failed" (the log says why).
        self.display = "on"
        self._dark: tuple[datetime, datetime] | None = None  # (since, until) in UTC, while dark by the schedule
        self._swallowing = False  # the wake gesture is still going on
        self._gesture_open = False
        self._timer = QTimer(self, interval=check_ms)
        self._timer.timeout.connect(self.check)
        self._woken = QTimer(self, interval=wake_ms, singleShot=True)
        self._woken.timeout.connect(self.check)
        input_router().add(Stage.SCREEN_WAKE, self)

    def set_hours(self, off: str | None, on: str | None) -> None:
        """New hours from kiosk.toml (at start and after each reload); both None: always on."""
        schedule = Schedule.from_settings(off, on)
        if (schedule and (schedule.off, schedule.on)) != (self.schedule and (self.schedule.off, self.schedule.on)):
            log.info("screen schedule: %s", f"dark from {off} to {on}" if schedule else "none, the screen stays on")
        self.schedule = schedule
        self._dark = None
        if schedule is None:
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()
        self.check()

    def check(self) -> None:
        now = self._now()
        wanted = self.schedule is None or self.schedule.is_on(now)
        if wanted and self.schedule is not None and self._dark is not None and self._dark[0] <= as_utc(now) < self._dark[1]:
            wanted = False  # the wall clock went back into the evening (an autumn change): "on" has not come yet
        if wanted and self.asleep:
            self._dark = None
            self._switch(True, "clinic hours")
        elif not wanted and not self.asleep and not self._woken.isActive():
            if self.schedule is not None and self._dark is None:
                self._dark = (as_utc(now), as_utc(self.schedule.next_on(now)))
            self._switch(False, "outside clinic hours")

    def _switch(self, on: bool, why: str) -> None:
        self.asleep = not on
        said = self._power.set_on(on)
        log.info("screen schedule (%s): %s", why, said)
        display = ("on" if on else "off_schedule") if switched(said) else "switch_failed"
        if display != self.display:
            self.display = display
            self.display_changed.emit()

    def handle(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.asleep and kind in _PRESSES:
            self._swallowing = self._gesture_open = True
            self._woken.start()
            self._switch(True, "woken by a touch")
            return True
        if self._swallowing:
            if kind in _PRESSES and not self._gesture_open:
                self._swallowing = False  # a new touch, after the waking one ended: it counts
            elif kind in _PRESSES or kind in _DURING:
                return True
            elif kind in _RELEASES:
                self._gesture_open = False
                return True
        if self._woken.isActive() and kind in _PRESSES:
            self._woken.start()  # still being used at night: stay on
        return False

    def stop(self) -> None:
        self._timer.stop()
        self._woken.stop()
        input_router().remove(self)
        if self.asleep:
            self._switch(True, "kiosk stopping")

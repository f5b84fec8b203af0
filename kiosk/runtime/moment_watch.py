"""Wakes the kiosk at a moment of the day it was asked for: a topic's show hours beginning or ending.

Like day_watch, never for longer than `max_wait_ms` at a time, since a kiosk that runs for months
sees its clock set and adjusted; each wake-up before the moment just waits again, so a moment is
met at most `max_wait_ms` late and a changed clock is noticed within that time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.tuning import DEFAULT_TIMING

_PAST_THE_MOMENT_MS = 1000  # wake just after it, not a hair before


class MomentWatch(QObject):
    due = Signal()  # the moment asked for has come (or passed)

    def __init__(self, now: Callable[[], datetime] = datetime.now, *, max_wait_ms: int = DEFAULT_TIMING.day_check_ms,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self._max_wait_ms = max_wait_ms
        self.moment: datetime | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.on_timeout)

    def wake_at(self, moment: datetime | None) -> None:
        """Emit `due` once `moment` has come; None: nothing to wait for."""
        self.moment = moment
        if moment is None:
            self._timer.stop()
        else:
            self._arm()

    def on_timeout(self) -> None:
        if self.moment is None:
            return
        if self._now() >= self.moment:
            self.moment = None
            self.due.emit()
        else:
            self._arm()

    def is_waiting(self) -> bool:
        return self._timer.isActive()

    def _arm(self) -> None:
        assert self.moment is not None
        until = int((self.moment - self._now()).total_seconds() * 1000) + _PAST_THE_MOMENT_MS
        self._timer.start(max(1, min(until, self._max_wait_ms)))

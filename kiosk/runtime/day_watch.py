"""Notices when the date changes, so cards with show dates appear and go at midnight without a restart.

A single timer is armed for just after the next midnight, but never for longer than `max_wait_ms`:
a kiosk that runs for months sees its clock set, adjusted for daylight saving or resumed from a
suspend, and a timer armed hours ago knows nothing of that. Each wake-up compares dates, so a
change is seen at most `max_wait_ms` late and a wake-up with no change costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.tuning import DEFAULT_TIMING

_PAST_MIDNIGHT_MS = 1000  # wake just after midnight, not a hair before it


class DayWatch(QObject):
    day_changed = Signal(object)  # the new date (datetime.date)

    def __init__(self, now: Callable[[], datetime] = datetime.now, *, max_wait_ms: int = DEFAULT_TIMING.day_check_ms,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self._max_wait_ms = max_wait_ms
        self.today: date = now().date()
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.on_timeout)
        self._arm()

    def next_wait_ms(self) -> int:
        now = self._now()
        midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), now.tzinfo)
        until = int((midnight - now).total_seconds() * 1000) + _PAST_MIDNIGHT_MS
        return max(1, min(until, self._max_wait_ms))

    def on_timeout(self) -> None:
        today = self._now().date()
        if today != self.today:
            self.today = today
            self.day_changed.emit(today)
        self._arm()

    def _arm(self) -> None:
        self._timer.start(self.next_wait_ms())

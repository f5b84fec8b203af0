"""Counts events in the last hour and since the start (visits, for the metrics), with an injectable clock."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

HOUR_S = 3600.0


class RecentEvents:
    """Keeps only the times inside the window, so months of visits cost no more memory than one busy hour."""

    def __init__(self, window_s: float = HOUR_S, clock: Callable[[], float] = time.monotonic) -> None:
        self._window_s = window_s
        self._clock = clock
        self._times: deque[float] = deque()
        self.total = 0

    def add(self) -> None:
        self._times.append(self._clock())
        self.total += 1
        self._forget()

    def recent(self) -> int:
        self._forget()
        return len(self._times)

    def _forget(self) -> None:
        oldest = self._clock() - self._window_s
        while self._times and self._times[0] <= oldest:
            self._times.popleft()

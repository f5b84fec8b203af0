"""How fast a finger moves across the screen: the positions of the last ~100 ms of a drag.

The pager (kiosk/ui/pager.py) tells a quick flick, which turns the page after a short way, from a
slow drag, which must go a quarter of the width. Positions are along the reading direction, so a
right-to-left screen measures the same way.
"""

from __future__ import annotations

from collections import deque

VELOCITY_WINDOW_S = 0.1


class DragTrack:
    def __init__(self) -> None:
        self._samples: deque[tuple[float, float]] = deque(maxlen=32)

    def start(self, time_s: float, x: float) -> None:
        self._samples.clear()
        self._samples.append((time_s, x))

    def add(self, time_s: float, x: float) -> None:
        self._samples.append((time_s, x))

    def velocity(self) -> float:
        """Speed over the last ~100 ms, in px per ms (negative: towards smaller x)."""
        if len(self._samples) < 2:
            return 0.0
        end_time, end_x = self._samples[-1]
        start_time, start_x = self._samples[0]
        for sample_time, sample_x in reversed(self._samples):
            if end_time - sample_time > VELOCITY_WINDOW_S:
                break
            start_time, start_x = sample_time, sample_x
        elapsed_ms = (end_time - start_time) * 1000
        return (end_x - start_x) / elapsed_ms if elapsed_ms > 0 else 0.0

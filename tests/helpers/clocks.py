"""A monotonic clock the test moves by hand, for countdowns that must end only when the test says so."""

from __future__ import annotations


class SteppedClock:
    """Seconds, as time.monotonic gives them; `now` changes only when the test moves it."""

    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now

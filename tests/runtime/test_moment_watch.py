"""The wake-up for a topic's show hours: on time, and never trusting one long timer."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.runtime.moment_watch import MomentWatch


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 5, 4, 11, 59, 59, 900_000)

    def __call__(self) -> datetime:
        return self.moment


def test_due_once_the_moment_has_come(qtbot):
    clock = Clock()
    watch = MomentWatch(clock, max_wait_ms=50)
    moment = clock.moment + timedelta(milliseconds=100)
    watch.wake_at(moment)
    assert watch.is_waiting()
    with qtbot.assertNotEmitted(watch.due, wait=120):  # woken by the cap, but the clock has not moved on
        pass
    clock.moment = moment
    with qtbot.waitSignal(watch.due, timeout=1000):
        pass
    assert watch.moment is None and not watch.is_waiting()


def test_nothing_to_wait_for(qtbot):
    watch = MomentWatch(Clock(), max_wait_ms=50)
    watch.wake_at(None)
    assert not watch.is_waiting()

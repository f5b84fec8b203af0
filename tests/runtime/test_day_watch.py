"""The date watch: wakes just after midnight, never sleeps longer than its cap, reports each new day once."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.runtime.day_watch import DayWatch


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def test_it_sleeps_until_just_after_midnight_or_its_cap(qtbot):
    clock = Clock(datetime(2026, 12, 1, 23, 59, 58))
    watch = DayWatch(clock, max_wait_ms=60_000)
    assert watch.next_wait_ms() == 3_000  # 2 s to midnight, 1 s past it
    clock.at = datetime(2026, 12, 1, 9, 0)
    assert watch.next_wait_ms() == 60_000


def test_a_new_day_is_reported_once_even_when_the_clock_jumps(qtbot):
    clock = Clock(datetime(2026, 12, 1, 12, 0))
    watch = DayWatch(clock, max_wait_ms=10)
    seen: list[date] = []
    watch.day_changed.connect(seen.append)
    clock.at = datetime(2026, 12, 3, 0, 0, 5)  # e.g. resumed after a power cut: two days on
    qtbot.waitUntil(lambda: seen == [date(2026, 12, 3)], timeout=2000)
    qtbot.wait(50)  # several more wake-ups on the same day
    assert seen == [date(2026, 12, 3)]

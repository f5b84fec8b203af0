"""ScreenSchedule on the real kiosk: dark at night, on in the morning, and the waking touch does nothing else."""

from __future__ import annotations

from datetime import datetime

import pytest
from helpers.gestures import mouse_tap, touch_tap

from kiosk.ops.runtime.screen_schedule import ScreenSchedule


class FakePower:
    def __init__(self) -> None:
        self.calls: list[bool] = []

    def set_on(self, on: bool) -> str:
        self.calls.append(on)
        return f"display {'on' if on else 'off'} (fake)"


class Clock:
    def __init__(self, text: str) -> None:
        self.now = datetime.fromisoformat(text)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def make_night(make_kiosk, qtbot):
    """The kiosk at 21:00 with the screen dark until 07:00; after a wake it stays on `wake_ms` without input."""
    schedules: list[ScreenSchedule] = []

    def make(wake_ms: int):
        kiosk = make_kiosk()
        clock = Clock("2026-12-01T21:00")
        power = FakePower()
        schedules.append(ScreenSchedule(power, now=clock, check_ms=10_000, wake_ms=wake_ms, parent=kiosk))
        schedules[-1].set_hours("20:00", "07:00")
        return kiosk, schedules[-1], power, clock

    yield make
    for schedule in schedules:
        schedule.stop()


@pytest.fixture
def night(make_night):
    # Awake for a minute after a touch: longer than any test takes between two taps on a busy machine
    # (with 150 ms, the screen went dark again between them at load 14, and the second tap woke it).
    return make_night(wake_ms=60_000)


def centre(widget):
    return widget.rect().center()


def test_dark_at_night_and_on_in_the_morning(night):
    kiosk, schedule, power, clock = night
    assert schedule.asleep and power.calls == [False]
    clock.now = datetime.fromisoformat("2026-12-02T07:00")
    schedule.check()
    assert not schedule.asleep and power.calls == [False, True]
    schedule.check()
    assert power.calls == [False, True], "nothing is sent again while nothing changes"


@pytest.mark.parametrize("tap", [mouse_tap, touch_tap], ids=["mouse", "touch"])
def test_the_waking_touch_is_swallowed_and_the_next_one_counts(night, qtbot, tap):
    kiosk, schedule, power, _ = night
    window = kiosk.window
    tap(window, centre(window))  # "Touch to start" on the welcome screen, in the dark
    assert power.calls == [False, True] and not schedule.asleep
    assert window.current_index() == 0, "the waking touch must not start a visit"
    tap(window, centre(window))
    qtbot.waitUntil(lambda: window.current_index() == 1, timeout=2000)


def test_after_a_wake_at_night_the_screen_goes_dark_again_when_left_alone(make_night, qtbot):
    kiosk, schedule, power, _ = make_night(wake_ms=150)
    mouse_tap(kiosk.window, centre(kiosk.window))
    assert power.calls == [False, True]
    qtbot.waitUntil(lambda: schedule.asleep, timeout=3000)
    assert power.calls == [False, True, False]


def test_no_hours_means_always_on_and_a_removed_schedule_wakes_the_screen(night):
    kiosk, schedule, power, _ = night
    schedule.set_hours(None, None)
    assert not schedule.asleep and power.calls == [False, True]
    mouse_tap(kiosk.window, centre(kiosk.window))
    assert kiosk.window.current_index() == 1, "with the screen on, touches are never swallowed"


def test_the_hour_an_autumn_change_repeats_does_not_light_a_screen_that_went_dark_in_it(make_kiosk):
    from zoneinfo import ZoneInfo

    new_york = ZoneInfo("America/New_York")  # 2026-11-01: 02:00 EDT becomes 01:00 EST
    make_kiosk()
    clock = Clock("2026-11-01T01:29")
    clock.now = clock.now.replace(tzinfo=new_york)
    power = FakePower()
    schedule = ScreenSchedule(power, now=clock, check_ms=10_000, wake_ms=150)
    try:
        schedule.set_hours("01:30", "07:00")
        assert power.calls == []
        for minute, fold in ((30, 0), (59, 0), (0, 1), (15, 1), (29, 1), (30, 1), (59, 1)):
            clock.now = datetime(2026, 11, 1, 1, minute, tzinfo=new_york, fold=fold)  # fold=1: the second time round
            schedule.check()
        assert power.calls == [False], "dark at the first 01:30, and still dark through the repeated 01:00-02:00"
        clock.now = datetime(2026, 11, 1, 7, 0, tzinfo=new_york)
        schedule.check()
        assert power.calls == [False, True]
    finally:
        schedule.stop()


def test_the_schedule_follows_local_wall_time_across_the_change(make_kiosk):
    from zoneinfo import ZoneInfo

    new_york = ZoneInfo("America/New_York")
    make_kiosk()
    clock = Clock("2026-10-31T21:00")
    clock.now = clock.now.replace(tzinfo=new_york)
    power = FakePower()
    schedule = ScreenSchedule(power, now=clock, check_ms=10_000, wake_ms=150)
    try:
        schedule.set_hours("20:00", "07:00")
        assert power.calls == [False]
        clock.now = datetime(2026, 11, 1, 6, 59, tzinfo=new_york)  # 25 hours of night on the clock's side: still dark
        schedule.check()
        clock.now = datetime(2026, 11, 1, 7, 0, tzinfo=new_york)  # on at 07:00 local, EST now
        schedule.check()
        assert power.calls == [False, True]
    finally:
        schedule.stop()

"""The screen's hours: dark from off to on (across midnight or not), the next switch, kiosk.toml checks."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from kiosk.core.config import load_config
from kiosk.core.schedule import Schedule, schedule_problem


@pytest.mark.parametrize(
    ("moment", "on"),
    [("06:59", False), ("07:00", True), ("12:00", True), ("19:59", True), ("20:00", False), ("23:59", False), ("00:00", False)],
)
def test_evening_to_morning(moment, on):
    schedule = Schedule(time(20, 0), time(7, 0))
    assert schedule.is_on(datetime.fromisoformat(f"2026-12-01T{moment}")) is on


def test_a_midday_break_works_too():
    schedule = Schedule(time(12, 0), time(13, 30))
    assert schedule.is_on(datetime(2026, 12, 1, 11, 59)) and not schedule.is_on(datetime(2026, 12, 1, 13, 0))
    assert schedule.is_on(datetime(2026, 12, 1, 13, 30))


def test_next_change_is_tonight_or_tomorrow_morning():
    schedule = Schedule(time(20, 0), time(7, 0))
    assert schedule.next_change(datetime(2026, 12, 1, 9, 0)) == datetime(2026, 12, 1, 20, 0)
    assert schedule.next_change(datetime(2026, 12, 1, 21, 0)) == datetime(2026, 12, 2, 7, 0)
    assert schedule.next_change(datetime(2026, 12, 2, 3, 0)) == datetime(2026, 12, 2, 7, 0)


def test_both_or_neither():
    assert schedule_problem(None, None) is None and schedule_problem("20:00", "07:00") is None
    assert "needs both off and on" in schedule_problem("20:00", None)
    assert "the same time" in schedule_problem("07:00", "07:00")
    assert Schedule.from_settings("20:00", None) is None


def test_kiosk_toml_display_section(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('[kiosk]\nidle_seconds = 90\n\n[display]\noff = "20:00"\non = "7:00"\n', encoding="utf-8")
    config = load_config(path).config
    assert (config.display.off, config.display.on) == ("20:00", "7:00")
    path.write_text('[kiosk]\nidle_seconds = 90\n\n[display]\noff = "8pm"\non = "07:00"\n', encoding="utf-8")
    result = load_config(path)
    assert (5, 'off must be a time of day such as "20:00" (24-hour clock); the screen stays on') in [
        (p.line, p.message) for p in result.problems if p.is_error]
    assert (result.config.display.off, result.config.display.on) == (None, None)

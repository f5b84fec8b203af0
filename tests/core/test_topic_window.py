"""A topic's show window: dates, weekdays and hours, asked of a `now` passed in."""

from __future__ import annotations

from datetime import date, datetime, time

from kiosk.core.topic_window import ShowWindow

MONDAY_9 = datetime(2026, 5, 4, 9, 0)  # a Monday
MORNINGS = ShowWindow(days=(0, 1, 2, 3, 4), hours=(time(8), time(12)))


def test_no_window_is_always_on_and_never_changes():
    window = ShowWindow()
    assert window.always and window.is_on(MONDAY_9) and window.next_change(MONDAY_9) is None
    assert window.describe() == "always"


def test_hours_and_days_decide_with_start_included_and_end_not():
    assert MORNINGS.is_on(MONDAY_9)
    assert MORNINGS.is_on(MONDAY_9.replace(hour=8))
    assert MORNINGS.off(MONDAY_9.replace(hour=12)) == ("hours", "shown 08:00-12:00 only")
    saturday = datetime(2026, 5, 9, 9, 0)
    assert MORNINGS.off(saturday) == ("days", "shown on mon-fri only")
    assert MORNINGS.describe() == "mon-fri, 08:00-12:00"


def test_dates_include_both_days():
    window = ShowWindow(show_from=date(2026, 5, 4), show_until=date(2026, 5, 5))
    assert window.is_on(MONDAY_9) and window.is_on(datetime(2026, 5, 5, 23, 59))
    assert window.hidden_reason(datetime(2026, 5, 3, 23, 59)) == "hidden until 2026-05-04 (its show_from date)"
    assert window.off(datetime(2026, 5, 6))[0] == "show_until"
    assert window.describe() == "2026-05-04 to 2026-05-05"


def test_next_change_is_the_next_edge_of_the_hours_or_midnight():
    assert MORNINGS.next_change(MONDAY_9.replace(hour=7)) == MONDAY_9.replace(hour=8)
    assert MORNINGS.next_change(MONDAY_9) == MONDAY_9.replace(hour=12)
    assert MORNINGS.next_change(MONDAY_9.replace(hour=13)) == datetime(2026, 5, 5, 0, 0)
    dated = ShowWindow(show_until=date(2026, 5, 4))
    assert dated.next_change(MONDAY_9) == datetime(2026, 5, 5, 0, 0)


def test_a_span_to_midnight_is_written_24_00():
    window = ShowWindow(hours=(time(18), time.max), days=(0, 2, 4))
    assert window.is_on(MONDAY_9.replace(hour=23, minute=59))
    assert window.describe() == "mon, wed, fri, 18:00-24:00"

"""What the staff panel tells about a topic library: each topic, when it is shown, and whether it is now."""

from __future__ import annotations

from datetime import date, datetime

from conftest import LIBRARY

from kiosk.core.store import ContentStore
from kiosk.staff.core.info import staff_info, topic_lines


def test_each_topic_with_its_window_and_whether_it_is_on_now():
    state = ContentStore(LIBRARY).reload()
    assert topic_lines(state, datetime(2026, 5, 4, 14, 0)) == (
        "10-first: The basics; shown always; on now",
        "20-mornings: Before your session; shown mon-fri, 08:00-12:00; off now (shown 08:00-12:00 only)",
        "30-english-only: Paying for care; shown always; on now; no cards in es",
    )
    info = staff_info(state, date(2026, 5, 4), datetime(2026, 5, 4, 9, 0), version="1", uptime_s=5, last_reload="")
    assert info.topics[1].endswith("; on now")


def test_a_single_deck_lists_no_topics(content):
    state = ContentStore(content).reload()
    assert topic_lines(state, datetime(2026, 5, 4, 14, 0)) == ()

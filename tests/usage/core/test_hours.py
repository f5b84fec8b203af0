"""Usage hours are kept in UTC and shown in local time: the autumn change's two 01:00 hours are two hours."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, date, datetime

import pytest
from helpers.usage import visit

from kiosk.usage.core.db import UsageDb
from kiosk.usage.core.hours import hour_key, hours_of_days, local_date
from kiosk.usage.core.report import format_csv, summarize
from kiosk.usage.core.visits import EndReason, VisitRecorder


@pytest.fixture
def new_york():
    """The computer's time zone is New York (2026-11-01: 02:00 EDT becomes 01:00 EST)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_the_two_one_oclock_hours_of_the_autumn_change_are_two_hours(new_york, tmp_path):
    db = UsageDb.open(tmp_path / "usage.sqlite3")
    moments = [datetime(2026, 11, 1, 5, 30, tzinfo=UTC), datetime(2026, 11, 1, 6, 30, tzinfo=UTC)]  # 01:30 EDT, 01:30 EST
    for moment in moments:
        recorder = VisitRecorder(clock=lambda: 0.0, now=lambda moment=moment: moment)
        recorder.show_card("10-a.md")
        db.add(recorder.end(EndReason.HOME))
    assert db.connection.execute("SELECT hour, visits FROM hours ORDER BY hour").fetchall() == [(2026110105, 1), (2026110106, 1)]
    day = summarize(db, date(2026, 11, 1), date(2026, 11, 1))
    assert [(row.day, row.visits) for row in day.days] == [(20261101, 2)]  # shown as the clinic's local day
    assert format_csv(db, date(2026, 11, 1), date(2026, 11, 1)).splitlines()[1].startswith("2026-11-01,")
    db.close()


def test_local_days_have_23_or_25_hours_across_a_change(new_york):
    assert hours_of_days(date(2026, 11, 1), date(2026, 11, 1)) == (2026110104, 2026110204)  # 25 hours
    assert hours_of_days(date(2026, 3, 8), date(2026, 3, 8)) == (2026030805, 2026030903)  # 23 hours
    assert local_date(2026110204) == date(2026, 11, 1) and local_date(2026110205) == date(2026, 11, 2)


def test_a_naive_time_is_local_and_an_aware_one_is_itself(new_york):
    assert hour_key(datetime(2026, 11, 30, 9, 15)) == 2026113014
    assert hour_key(datetime(2026, 11, 30, 9, 15, tzinfo=UTC)) == 2026113009


def test_a_database_kept_in_local_hours_is_converted_to_utc_on_opening(new_york, tmp_path):
    path = tmp_path / "usage.sqlite3"
    db = UsageDb.open(path)
    for hour in (2026113008, 2026113009, 2026113009, 2026070112):
        db.add(visit(hour))
    db.connection.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")  # as the kiosk kept it before
    db.close()
    converted = UsageDb.open(path)
    rows = converted.connection.execute("SELECT hour, visits FROM hours ORDER BY hour").fetchall()
    assert rows == [(2026070116, 1), (2026113013, 1), (2026113014, 2)]  # EDT +4 in July, EST +5 in November
    assert converted.connection.execute("SELECT COUNT(*) FROM cards WHERE hour = 2026113014").fetchone()[0] == 1
    assert converted.connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == "3"  # and on to topics
    converted.close()
    with sqlite3.connect(path) as again:  # and only once
        assert again.execute("SELECT MIN(hour) FROM hours").fetchone()[0] == 2026070116

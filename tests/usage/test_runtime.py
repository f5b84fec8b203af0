"""The usage service: visits reach the disk off the UI thread; a clean stop keeps the visit in progress."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest

from kiosk.usage.core.db import UsageDb
from kiosk.core.visit import Visit
from kiosk.usage.runtime import UsageStore


@pytest.fixture
def make_store(tmp_path):
    made: list[UsageStore] = []
    now = [datetime(2026, 11, 30, 9, 15)]
    t = [0.0]

    def make(**kwargs) -> UsageStore:
        store = UsageStore(kwargs.pop("path", tmp_path / "usage.sqlite3"), clock=lambda: t[0], now=lambda: now[0], **kwargs)
        made.append(store)
        return store

    make.t = t
    yield make
    for store in made:
        store.stop()


def stored(path) -> list[tuple]:
    db = UsageDb.open_existing(path)
    try:
        return db.connection.execute("SELECT hour, visits, completed, idle_resets FROM hours").fetchall()
    finally:
        db.close()


def test_finished_visits_are_written(make_store):
    store = make_store()
    store.on_card_shown("10-a.md", False)
    store.on_contact_shown()
    store.on_welcome_shown()
    store.on_card_shown("10-a.md", False)
    store.on_idle_reset(100, Visit("en"))
    assert store.flush()
    assert stored(store.path) == [(2026113009, 2, 1, 1)]


def test_stop_adds_the_visit_in_progress(make_store):
    store = make_store()
    store.on_card_shown("10-a.md", True)
    store.stop()
    assert stored(store.path) == [(2026113009, 1, 0, 0)]
    store.on_card_shown("20-b.md", False)  # after the stop nothing more is written, and nothing fails
    store.stop()
    assert stored(store.path) == [(2026113009, 1, 0, 0)]


def test_switched_off_counts_nothing(make_store):
    store = make_store(enabled=False)
    store.on_card_shown("10-a.md", False)
    store.on_welcome_shown()
    store.set_enabled(True)
    store.on_card_shown("10-a.md", False)
    store.set_enabled(False)  # off mid-visit: that visit is dropped, not saved
    store.stop()
    assert stored(store.path) == []


def test_a_corrupt_database_at_start_is_replaced(make_store, tmp_path, caplog):
    path = tmp_path / "usage.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    with caplog.at_level(logging.ERROR, logger="kiosk"):
        store = make_store(path=path)
        store.on_card_shown("10-a.md", False)
        store.on_welcome_shown()
        assert store.flush()
    assert stored(path) == [(2026113009, 1, 0, 0)]
    assert list(tmp_path.glob("usage.sqlite3.broken-*"))
    assert any("moved aside" in r.getMessage() for r in caplog.records)


def test_an_unusable_folder_never_stops_the_kiosk(make_store, tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="kiosk"):
        store = make_store(path=blocker / "state" / "usage.sqlite3")
        store.on_card_shown("10-a.md", False)
        store.on_welcome_shown()
        assert not store.flush(), "the visit waits in memory for a folder it can be saved in"
    assert store.summary(7) is None and "cannot make the folder" in store.problem
    assert any("cannot be used" in r.getMessage() and "wait in memory" in r.getMessage() for r in caplog.records)


def test_summary_for_staff(make_store):
    store = make_store()
    for _ in range(3):
        store.on_card_shown("10-a.md", False)
        store.on_welcome_shown()
    assert store.flush()
    summary = store.summary(7)
    assert summary.visits == 3 and len(summary.visits_per_day()) == 7
    assert summary.visits_per_day()[-1] == (datetime(2026, 11, 30).date(), 3)

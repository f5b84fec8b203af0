"""The usage writer against a real outside world: a database another process holds locked, a full disk,
a state folder deleted under it, and clocks that are wrong. Each visit waits in memory, nothing good is
moved aside or deleted, and the log says the real cause once."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
import threading
from datetime import UTC, datetime, timedelta

import pytest
from helpers.usage import visit

from kiosk.usage.core.db import UsageDb
from kiosk.usage.core.hours import hour_key
from kiosk.usage.core.writer import Flush, Writer


class Clocks:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.elapsed = 0.0

    def wall(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.elapsed


def start(path, clocks: Clocks | None = None, keep_days: int = 730) -> Writer:
    clocks = clocks or Clocks(datetime(2026, 11, 30, 9, 15, tzinfo=UTC))
    writer = Writer(path, keep_days, now=clocks.wall, monotonic=clocks.monotonic, retry_s=0.05, busy_timeout_s=0.05)
    writer.start()
    return writer


def flush(writer: Writer, timeout: float = 10.0) -> bool:
    done = threading.Event()
    writer.jobs.put(Flush(done))
    assert done.wait(timeout)
    return not writer.waiting


def stop(writer: Writer) -> None:
    writer.jobs.put(None)
    writer.join(10)


def hours(path) -> list[tuple[int, int]]:
    db = UsageDb.open_existing(path)
    try:
        return db.connection.execute("SELECT hour, visits FROM hours ORDER BY hour").fetchall()
    finally:
        db.close()


def messages(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records]


def test_a_database_locked_by_another_process_is_waited_for_never_moved_aside(tmp_path, caplog):
    path = tmp_path / "usage.sqlite3"
    seed = UsageDb.open(path)
    seed.add(visit(2026113008))  # history that must survive
    seed.close()
    other = sqlite3.connect(path, isolation_level=None)  # another process's connection (kiosk stats, a backup)
    other.execute("BEGIN EXCLUSIVE")
    with caplog.at_level(logging.INFO, logger="kiosk"):
        writer = start(path)
        for _ in range(3):
            writer.jobs.put(visit())
        assert not flush(writer), "the visits wait while the lock is held"
        assert len(writer.waiting) == 3
        other.execute("COMMIT")
        other.close()
        assert flush(writer)
        stop(writer)
    assert hours(path) == [(2026113008, 1), (2026113009, 3)]
    assert not list(tmp_path.glob("*.broken-*"))
    said = messages(caplog)
    assert sum("locked by another process" in m for m in said) == 1, said
    assert any("saved again" in m for m in said)


def test_a_lock_taken_while_running_keeps_the_visits_until_it_is_released(tmp_path, caplog):
    path = tmp_path / "usage.sqlite3"
    writer = start(path)
    writer.jobs.put(visit())
    assert flush(writer)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    with caplog.at_level(logging.INFO, logger="kiosk"):
        for _ in range(5):
            writer.jobs.put(visit())
        assert not flush(writer)
        other.execute("ROLLBACK")
        other.close()
        assert flush(writer)
    stop(writer)
    assert hours(path) == [(2026113009, 6)]
    assert sum("locked by another process" in m for m in messages(caplog)) == 1


def test_a_full_database_says_so_once_not_cannot_rollback_and_keeps_the_visits(tmp_path, caplog):
    path = tmp_path / "usage.sqlite3"
    writer = start(path)
    writer.jobs.put(visit())
    assert flush(writer)
    pages = writer._db.connection.execute("PRAGMA page_count").fetchone()[0]
    writer._db.connection.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
    with caplog.at_level(logging.INFO, logger="kiosk"):
        for n in range(40):
            writer.jobs.put(visit(2026113010 + n % 10, cards=[(f"{c:02}-card.md", "en") for c in range(30)]))
        assert not flush(writer)
        said = messages(caplog)
        assert sum("database or disk is full" in m for m in said) == 1, said
        assert not any("cannot rollback" in m for m in said)
        writer._db.connection.execute("PRAGMA max_page_count = 1073741823")  # room again
        assert flush(writer)
    stop(writer)
    assert sum(n for _, n in hours(path)) == 41


def test_a_real_full_disk_keeps_the_visits_and_says_so_once(tmp_path, caplog):
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root); the max_page_count test covers SQLite's side")
    try:
        path = disk / "usage.sqlite3"
        writer = start(path)
        writer.jobs.put(visit())
        assert flush(writer)
        (disk / "filler").write_bytes(b"\0" * (os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize))
        with caplog.at_level(logging.INFO, logger="kiosk"):
            for n in range(30):
                writer.jobs.put(visit(2026113010 + n % 10, cards=[(f"{c:02}-card.md", "en") for c in range(40)]))
            assert not flush(writer)
            (disk / "filler").unlink()
            assert flush(writer)
            said = messages(caplog)
        stop(writer)
        assert sum(n for _, n in hours(path)) == 31
        assert sum("does not take the counts" in m for m in said) == 1, said
        assert not any("cannot rollback" in m for m in said)
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_a_damaged_file_is_moved_aside_only_when_sqlite_says_so(tmp_path, caplog):
    path = tmp_path / "usage.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with caplog.at_level(logging.ERROR, logger="kiosk"):
        writer = start(path)
        writer.jobs.put(visit())
        assert flush(writer)
        stop(writer)
    assert list(tmp_path.glob("usage.sqlite3.broken-*"))
    assert hours(path) == [(2026113009, 1)]


def test_the_state_folder_deleted_while_running_is_made_again_with_the_counts(tmp_path, caplog):
    state = tmp_path / "state"
    path = state / "usage.sqlite3"
    writer = start(path)
    for _ in range(4):
        writer.jobs.put(visit())
    assert flush(writer)
    shutil.rmtree(state)  # someone cleaning up, or a sync tool
    with caplog.at_level(logging.ERROR, logger="kiosk"):
        writer.jobs.put(visit())
        assert flush(writer)
        writer.jobs.put(visit())
        assert flush(writer)
    stop(writer)
    assert hours(path) == [(2026113009, 6)]  # the four from before the deletion, and the two after
    assert sum("vanished while the kiosk ran" in m for m in messages(caplog)) == 1


def seed_two_years(path, newest: datetime) -> int:
    db = UsageDb.open(path)
    for day in range(700):
        db.add(visit(hour_key(newest - timedelta(days=day))))
    count = db.connection.execute("SELECT COUNT(*) FROM hours").fetchone()[0]
    db.close()
    return count


def test_a_start_with_the_clock_three_years_ahead_deletes_nothing(tmp_path, caplog):
    path = tmp_path / "usage.sqlite3"
    real_now = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
    kept = seed_two_years(path, real_now - timedelta(hours=20))
    clocks = Clocks(real_now + timedelta(days=3 * 365))  # a dead clock battery, before NTP
    with caplog.at_level(logging.INFO, logger="kiosk"):
        writer = start(path, clocks)
        writer.jobs.put(visit(hour_key(clocks.now)))
        assert flush(writer)
        clocks.now += timedelta(hours=2)  # and it stays wrong, with visits every hour (no NTP at all)
        clocks.elapsed += 7200
        writer.jobs.put(visit(hour_key(clocks.now)))
        assert flush(writer)
        clocks.now, clocks.elapsed = real_now + timedelta(days=1, hours=2), clocks.elapsed + 60  # NTP sets it right
        writer.jobs.put(visit(hour_key(clocks.now)))
        assert flush(writer)
        stop(writer)
    stored = hours(path)
    assert len([hour for hour, _ in stored if hour <= hour_key(real_now)]) == kept, "not one real hour was deleted"
    assert any("no old counts are deleted" in m for m in messages(caplog))


def test_a_clock_that_agrees_with_the_counts_deletes_what_is_past_keep_days(tmp_path):
    path = tmp_path / "usage.sqlite3"
    now = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
    seed_two_years(path, now - timedelta(hours=20))
    writer = start(path, Clocks(now), keep_days=365)
    writer.jobs.put(visit(hour_key(now)))
    assert flush(writer)
    stop(writer)
    oldest = hours(path)[0][0]
    assert hour_key(now - timedelta(days=366)) <= oldest <= hour_key(now - timedelta(days=364))

"""The usage database: visits added all or nothing, retention, a broken file moved aside, kill -9."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from helpers.usage import visit

from kiosk.usage.core.visits import add_visits
from kiosk.usage.core.db import UsageDb
from kiosk.usage.core.retention import retention_cutoff

REPO = Path(__file__).resolve().parents[2]


def test_visits_add_up_per_hour(tmp_path):
    db = UsageDb.open(tmp_path / "u.db")
    visits = [
        visit(completed=True, cards=(("10-a.md", "en"), ("20-b.md", "en"))),
        visit(idle=True, languages=("en", "es"), cards=(("10-a.md", "es"),), text_size="large"),
        visit(2026113010, contrast=True),
    ]
    for item in visits:
        db.add(item)
    rows = db.connection.execute("SELECT * FROM hours ORDER BY hour").fetchall()
    assert rows == [(2026113009, 2, 1, 1, 3), (2026113010, 1, 0, 0, 1)]
    shares = {(facet, value): n for _day, facet, value, n in db.shares(2026113000, 2026113023)}
    assert shares == {
        ("language", "en"): 3, ("language", "es"): 1, ("text_size", "normal"): 2, ("text_size", "large"): 1,
        ("contrast", "standard"): 2, ("contrast", "high"): 1, ("cards", "1"): 2, ("cards", "2"): 1,
    }
    stored = {(topic, card, language): counts for _day, topic, card, language, counts in db.cards(2026113000, 2026113023)}
    assert stored == add_visits(visits)
    assert db.days(2026113000, 2026113023)[0].visits == 3
    assert db.span() == (2026113009, 2026113010)
    db.close()


def test_nothing_finer_than_the_hour_is_stored(tmp_path):
    db = UsageDb.open(tmp_path / "u.db")
    db.add(visit())
    tables = [row[0] for row in db.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    columns = {t: [row[1] for row in db.connection.execute(f"PRAGMA table_info({t})")] for t in tables}
    assert not any(name in ("id", "time", "timestamp", "minute", "visit") for cols in columns.values() for name in cols)
    assert db.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_retention_drops_old_hours(tmp_path):
    db = UsageDb.open(tmp_path / "u.db")
    db.add(visit(2024113023))
    db.add(visit(2024120100))
    db.add(visit(2026113009))
    verdict = retention_cutoff(730, datetime(2026, 12, 1, 8, tzinfo=UTC), 2026113009, 2026113009, 0)
    assert db.prune_before(verdict.cutoff) == 1
    assert [row.day for row in db.days(0, 9999999999)] == [20241201, 20261130]
    assert db.connection.execute("SELECT COUNT(*) FROM cards WHERE hour < 2024120100").fetchone()[0] == 0
    db.close()


def test_a_corrupt_database_is_moved_aside_and_a_fresh_one_started(tmp_path, caplog):
    path = tmp_path / "u.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with caplog.at_level(logging.ERROR, logger="kiosk.usage.core.db"):
        db = UsageDb.open(path)
    db.add(visit())
    assert db.days(0, 9999999999)[0].visits == 1
    db.close()
    aside = list(tmp_path.glob("u.db.broken-*"))
    assert len(aside) == 1 and aside[0].read_bytes().endswith(b"\xff" * 100)
    assert any("moved aside" in record.getMessage() for record in caplog.records)


def test_a_truncated_database_is_moved_aside(tmp_path):
    path = tmp_path / "u.db"
    db = UsageDb.open(path)
    for hour in range(2026010100, 2026010124):
        db.add(visit(hour, cards=[(f"{n:02}-card.md", "en") for n in range(40)]))
    db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2] + b"\x00" * 4096 + raw[len(raw) // 2 + 4096 :])
    fresh = UsageDb.open(path)
    assert fresh.span() is None
    fresh.close()
    assert list(tmp_path.glob("u.db.broken-*"))


def test_a_folder_in_the_way_is_moved_aside(tmp_path):
    (tmp_path / "u.db").mkdir()
    db = UsageDb.open(tmp_path / "u.db")
    db.add(visit())
    db.close()
    assert (tmp_path / "u.db").is_file() and next(iter(tmp_path.glob("u.db.broken-*"))).is_dir()


WRITER = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from helpers.usage import visit
from kiosk.usage.core.db import UsageDb
db = UsageDb.open(Path(sys.argv[1]))
n = 0
while True:
    db.add(visit(2026113000 + n % 24, cards=[(f"{{c:03}}-card.md", "en") for c in range(60)]))
    n += 1
    if n == 20:
        print("writing", flush=True)
"""


def test_kill_during_write_leaves_a_readable_database(tmp_path):
    """kill -9 in the middle of adding a visit: every visit is there whole, or not at all."""
    path = tmp_path / "u.db"
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER.format(tests=str(REPO / "tests")), str(path)],
        stdout=subprocess.PIPE, cwd=REPO, text=True,
    )
    try:
        assert child.stdout.readline() == "writing\n"
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert child.returncode == -9
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    visits = connection.execute("SELECT SUM(visits) FROM hours").fetchone()[0]
    views = connection.execute("SELECT SUM(views) FROM cards").fetchone()[0]
    languages = connection.execute("SELECT SUM(visits) FROM shares WHERE facet = 'language'").fetchone()[0]
    connection.close()
    assert visits >= 20 and views == 60 * visits and languages == visits
    db = UsageDb.open(path)  # and the kiosk carries on with it
    db.add(visit())
    db.close()
    assert not list(tmp_path.glob("u.db.broken-*"))


SCHEMA_2_CARDS = """CREATE TABLE cards (hour INTEGER NOT NULL, card TEXT NOT NULL, language TEXT NOT NULL,
    views INTEGER NOT NULL, completions INTEGER NOT NULL, listens INTEGER NOT NULL, qr_shown INTEGER NOT NULL,
    helpful_yes INTEGER NOT NULL, helpful_no INTEGER NOT NULL, {dwell},
    PRIMARY KEY (hour, card, language)) WITHOUT ROWID"""


def schema_2_file(path: Path) -> None:
    """A file as the kiosk kept it before topics (schema 2): cards without a topic, no topics table."""
    from kiosk.usage.core.schema import DWELL

    with sqlite3.connect(path) as old:
        old.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        old.execute("INSERT INTO meta VALUES ('schema', '2')")
        old.execute("CREATE TABLE hours (hour INTEGER PRIMARY KEY, visits INTEGER NOT NULL, completed INTEGER NOT NULL,"
                    " idle_resets INTEGER NOT NULL, cards_viewed INTEGER NOT NULL)")
        old.execute("CREATE TABLE shares (hour INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL,"
                    " visits INTEGER NOT NULL, PRIMARY KEY (hour, facet, value)) WITHOUT ROWID")
        old.execute(SCHEMA_2_CARDS.format(dwell=", ".join(f"{name} INTEGER NOT NULL" for name in DWELL)))
        old.execute("INSERT INTO hours VALUES (2026113014, 3, 1, 0, 3)")
        old.execute(f"INSERT INTO cards VALUES (2026113014, '10-a.md', 'en', 3, 1, 0, 0, 2, 0, {', '.join('0' * len(DWELL))})")
    old.close()


def test_a_file_from_before_topics_is_read_as_it_is_and_brought_up_to_date_by_the_kiosk(tmp_path):
    path = tmp_path / "usage.sqlite3"
    schema_2_file(path)
    reading = UsageDb.open_existing(path)  # kiosk stats: nothing changed, the one deck's cards read
    assert not reading.has_topics and reading.topics(0, 1 << 40) == []
    assert [(topic, card, counts.views) for _day, topic, card, _language, counts in reading.cards(0, 1 << 40)] == [("", "10-a.md", 3)]
    reading.close()
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT value FROM meta").fetchone()[0] == "2"
    check.close()
    db = UsageDb.open(path)  # the kiosk: schema 3, the counts kept under topic ""
    assert db.connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == "3"
    assert db.connection.execute("SELECT topic, card, views, helpful_yes FROM cards").fetchall() == [("", "10-a.md", 3, 2)]
    db.add(visit(2026113015, cards=(("10-basics", "10-what.md", "en"),), topics=(("10-basics", "en"),)))
    assert db.topics(0, 1 << 40) == [(0, "10-basics", "en", 1)]
    assert db.connection.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 2
    db.close()

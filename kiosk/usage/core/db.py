"""The anonymous usage counts on disk: hourly totals in SQLite (standard library), small and bounded.

Only totals per hour are ever written; a finished visit is added to them in one transaction, so a
kiosk killed mid-write loses at most that visit (SQLite's journal undoes the half-written one).
WAL mode lets `kiosk stats` read while the kiosk writes. A database that cannot be opened or fails
its check is moved aside (kept for IT, named with the time) and a fresh one started: counting must
never stop the kiosk.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from kiosk.usage.core.visits import CARDS_PER_VISIT_CAP, DWELL_BUCKETS, CardCounts, VisitCounts, hour_key

log = logging.getLogger(__name__)

DB_NAME = "usage.sqlite3"
SCHEMA_VERSION = 1
DEFAULT_KEEP_DAYS = 730
_DWELL = [f"d{i}" for i in range(DWELL_BUCKETS)]
_CARD_COLUMNS = ["views", "completions", "listens", "qr_shown", "helpful_yes", "helpful_no", *_DWELL]
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hours (
    hour INTEGER PRIMARY KEY,  -- YYYYMMDDHH, local time
    visits INTEGER NOT NULL, completed INTEGER NOT NULL, idle_resets INTEGER NOT NULL,
    cards_viewed INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS shares (  -- visits per hour by language, text_size, contrast, cards (per visit)
    hour INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, visits INTEGER NOT NULL,
    PRIMARY KEY (hour, facet, value)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cards (
    hour INTEGER NOT NULL, card TEXT NOT NULL, language TEXT NOT NULL,
    {", ".join(f"{name} INTEGER NOT NULL" for name in _CARD_COLUMNS)},
    PRIMARY KEY (hour, card, language)
) WITHOUT ROWID;
"""


class UsageDbError(Exception):
    """The database could not be used even after starting a fresh one."""


def default_db_path(state_dir: Path) -> Path:
    return state_dir / DB_NAME


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=2.0, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a killed process loses nothing committed; only a power cut can lose the
        # last few visits, which is a fair price for not syncing the disk on every visit.
        connection.execute("PRAGMA synchronous=NORMAL")
        if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("quick_check failed")
        connection.executescript(SCHEMA)
        row = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            connection.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        elif row[0] != str(SCHEMA_VERSION):
            raise sqlite3.DatabaseError(f"schema version {row[0]}, expected {SCHEMA_VERSION}")
    except BaseException:
        connection.close()
        raise
    return connection


def move_aside(path: Path, reason: str) -> Path | None:
    """Rename a broken database (and its WAL files) out of the way; returns the new name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    try:
        os.replace(path, target)
    except OSError as exc:
        log.error("usage counts: %s is unusable (%s) and cannot be moved aside: %s", path, reason, exc.strerror)
        return None
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            try:
                os.replace(side, target.with_name(target.name + suffix))
            except OSError:
                pass
    log.error("usage counts: %s was unusable (%s); moved aside to %s and started a fresh one", path, reason, target.name)
    return target


class UsageDb:
    """One open database. Not thread-safe: the kiosk uses it from its writer thread only."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: Path) -> UsageDb:
        """Open or create `path`; a broken one is moved aside and replaced. Raises UsageDbError
        only when even a fresh database cannot be made (for example a read-only disk)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageDbError(f"cannot make the folder {path.parent}: {exc.strerror}") from exc
        if path.exists() and not path.is_file():
            move_aside(path, "not a regular file")
        try:
            return cls(_connect(path), path)
        except sqlite3.Error as exc:
            if move_aside(path, str(exc)) is None:
                raise UsageDbError(str(exc)) from exc
        try:
            return cls(_connect(path), path)
        except sqlite3.Error as exc:
            raise UsageDbError(str(exc)) from exc

    @classmethod
    def open_existing(cls, path: Path) -> UsageDb:
        """For `kiosk stats`: reads what is there; never creates, moves or repairs anything."""
        if not path.is_file():
            raise UsageDbError(f"{path}: no usage counts yet (the kiosk makes this file at its first visit)")
        connection = None
        try:
            connection = sqlite3.connect(path, timeout=2.0, isolation_level=None)
            connection.execute("SELECT COUNT(*) FROM hours").fetchone()
        except sqlite3.Error as exc:
            if connection is not None:
                connection.close()
            raise UsageDbError(f"{path}: cannot be read ({exc}); the kiosk moves it aside at its next start") from exc
        return cls(connection, path)

    def close(self) -> None:
        self.connection.close()

    def add(self, visit: VisitCounts) -> None:
        """Add one finished visit to its hour, all or nothing."""
        c = self.connection
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute(
                "INSERT INTO hours VALUES (?, 1, ?, ?, ?) ON CONFLICT(hour) DO UPDATE SET visits = visits + 1,"
                " completed = completed + excluded.completed, idle_resets = idle_resets + excluded.idle_resets,"
                " cards_viewed = cards_viewed + excluded.cards_viewed",
                (visit.hour, int(visit.completed), int(visit.idle_reset), visit.cards_viewed),
            )
            shares = [("language", language) for language in visit.languages]
            shares += [
                ("text_size", visit.text_size),
                ("contrast", "high" if visit.high_contrast else "standard"),
                ("cards", str(min(visit.cards_viewed, CARDS_PER_VISIT_CAP))),
            ]
            c.executemany(
                "INSERT INTO shares VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE SET visits = visits + 1",
                [(visit.hour, facet, value) for facet, value in shares],
            )
            updates = ", ".join(f"{name} = {name} + excluded.{name}" for name in _CARD_COLUMNS)
            c.executemany(
                f"INSERT INTO cards VALUES (?, ?, ?, {', '.join('?' * len(_CARD_COLUMNS))})"
                f" ON CONFLICT DO UPDATE SET {updates}",
                [(visit.hour, slug, language, *_card_row(counts)) for slug, language, counts in visit.cards],
            )
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def prune(self, keep_days: int, today: date | None = None) -> int:
        """Drop hours older than `keep_days`; returns how many hours went."""
        today = today or date.today()
        cutoff = hour_key(datetime.combine(today - timedelta(days=keep_days), datetime.min.time()))
        c = self.connection
        c.execute("BEGIN IMMEDIATE")
        try:
            gone = c.execute("DELETE FROM hours WHERE hour < ?", (cutoff,)).rowcount
            c.execute("DELETE FROM shares WHERE hour < ?", (cutoff,))
            c.execute("DELETE FROM cards WHERE hour < ?", (cutoff,))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return gone

    # --- reading ------------------------------------------------------------------------------

    def days(self, first: int, last: int) -> list[DayRow]:
        """Per day (YYYYMMDD) between two hour keys, inclusive."""
        rows = self.connection.execute(
            "SELECT hour / 100, SUM(visits), SUM(completed), SUM(idle_resets), SUM(cards_viewed) FROM hours"
            " WHERE hour BETWEEN ? AND ? GROUP BY hour / 100 ORDER BY 1",
            (first, last),
        )
        return [DayRow(*row) for row in rows]

    def shares(self, first: int, last: int, *, by_day: bool = False) -> list[tuple[int, str, str, int]]:
        """(day or 0, facet, value, visits)."""
        day = "hour / 100" if by_day else "0"
        return list(self.connection.execute(
            f"SELECT {day}, facet, value, SUM(visits) FROM shares WHERE hour BETWEEN ? AND ?"
            f" GROUP BY 1, facet, value ORDER BY 1, facet, value",
            (first, last),
        ))

    def cards(self, first: int, last: int, *, by_day: bool = False) -> list[tuple[int, str, str, CardCounts]]:
        """(day or 0, card, language, counts)."""
        day = "hour / 100" if by_day else "0"
        sums = ", ".join(f"SUM({name})" for name in _CARD_COLUMNS)
        rows = self.connection.execute(
            f"SELECT {day}, card, language, {sums} FROM cards WHERE hour BETWEEN ? AND ?"
            f" GROUP BY 1, card, language ORDER BY 1, card, language",
            (first, last),
        )
        return [(row[0], row[1], row[2], _counts(row[3:])) for row in rows]

    def span(self) -> tuple[int, int] | None:
        """First and last hour with any visit."""
        row = self.connection.execute("SELECT MIN(hour), MAX(hour) FROM hours").fetchone()
        return None if row[0] is None else (row[0], row[1])


@dataclass(frozen=True)
class DayRow:
    day: int  # YYYYMMDD
    visits: int
    completed: int
    idle_resets: int
    cards_viewed: int


def _card_row(counts: CardCounts) -> tuple[int, ...]:
    return (counts.views, counts.completions, counts.listens, counts.qr_shown, counts.helpful_yes,
            counts.helpful_no, *counts.dwell)


def _counts(row: tuple[int, ...]) -> CardCounts:
    views, completions, listens, qr_shown, helpful_yes, helpful_no = row[:6]
    return CardCounts(views, completions, listens, qr_shown, helpful_yes, helpful_no, dwell=tuple(row[6:]))

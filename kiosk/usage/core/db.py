"""The anonymous usage counts on disk: hourly totals in SQLite (standard library), small and bounded.

Only totals per hour are ever written; a finished visit is added to them in one transaction, so a
kiosk killed mid-write loses at most that visit (SQLite's journal undoes the half-written one).
WAL mode lets `kiosk stats` read while the kiosk writes. A database that SQLite itself says is
damaged (`PRAGMA quick_check`, or "file is not a database") is moved aside (kept for IT, named with
the time) and a fresh one started: counting must never stop the kiosk. A database another process
holds locked is not damaged: opening it raises DatabaseBusy and the caller waits and tries again.
Hours are UTC (kiosk/usage/core/hours.py); the tables and how an older file is converted on opening
are kiosk/usage/core/schema.py's; `kiosk stats` reads an older file as it is.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.usage.core.hours import local_day
from kiosk.usage.core.schema import CARD_COLUMNS, UnknownSchema, bring_up_to_date
from kiosk.usage.core.visits import CARDS_PER_VISIT_CAP, CardCounts, VisitCounts

log = logging.getLogger(__name__)

DB_NAME = "usage.sqlite3"
DEFAULT_KEEP_DAYS = 730


class UsageDbError(Exception):
    """The database could not be used even after starting a fresh one."""


class DatabaseBusy(Exception):
    """Another process holds the database locked: nothing is wrong with it; wait and try again."""


def is_busy(exc: sqlite3.Error) -> bool:
    """SQLite's "database is locked" (or busy): another connection holds it, the file is fine."""
    return getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc)


def is_damaged(exc: sqlite3.Error) -> bool:
    """Only what SQLite says is damage: a file that is not a database, or is malformed (SQLITE_CORRUPT,
    SQLITE_NOTADB); a full disk, a lock or a missing folder is not, and never moves the file aside."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in str(exc) or "not a database" in str(exc)


def default_db_path(state_dir: Path) -> Path:
    return state_dir / DB_NAME


class _Damaged(sqlite3.DatabaseError):
    """SQLite's own check found damage (or a schema this kiosk does not know)."""


def _connect(path: Path, busy_timeout_s: float = 2.0) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False)
    try:
        connection.create_function("local_day", 1, local_day)
        connection.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a killed process loses nothing committed; only a power cut can lose the
        # last few visits, which is a fair price for not syncing the disk on every visit.
        connection.execute("PRAGMA synchronous=NORMAL")
        verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise _Damaged(f"SQLite's quick_check: {verdict}")
        try:
            bring_up_to_date(connection)
        except UnknownSchema as exc:
            raise _Damaged(str(exc)) from exc
    except BaseException:
        connection.close()
        raise
    return connection


def _roll_back(connection: sqlite3.Connection) -> None:
    """Undo a failed transaction without hiding why it failed: on a full disk SQLite may have
    rolled back already, and a second ROLLBACK would raise "cannot rollback" in the real cause's place."""
    if connection.in_transaction:
        try:
            connection.execute("ROLLBACK")
        except sqlite3.Error:
            pass


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
        # An older file read by `kiosk stats` (the kiosk has not opened it since) has no topics.
        self.has_topics = "topic" in {row[1] for row in connection.execute("PRAGMA table_info(cards)")}

    @classmethod
    def open(cls, path: Path, busy_timeout_s: float = 2.0) -> UsageDb:
        """Open or create `path`; one SQLite says is damaged is moved aside and replaced. Raises
        DatabaseBusy while another process holds it locked, and UsageDbError when it cannot be used
        for another reason (a read-only or full disk): neither moves anything."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageDbError(f"cannot make the folder {path.parent}: {exc.strerror}") from exc
        if path.exists() and not path.is_file():
            move_aside(path, "not a regular file")
        for attempt in (1, 2):
            try:
                return cls(_connect(path, busy_timeout_s), path)
            except sqlite3.Error as exc:
                if is_busy(exc):
                    raise DatabaseBusy(str(exc)) from exc
                if attempt == 2 or not (isinstance(exc, _Damaged) or is_damaged(exc)) or move_aside(path, str(exc)) is None:
                    raise UsageDbError(str(exc)) from exc
        raise AssertionError("unreachable")

    @classmethod
    def open_existing(cls, path: Path) -> UsageDb:
        """For `kiosk stats`: reads what is there; never creates, moves or repairs anything."""
        if not path.is_file():
            raise UsageDbError(f"{path}: no usage counts yet (the kiosk makes this file at its first visit)")
        connection = None
        try:
            connection = sqlite3.connect(path, timeout=2.0, isolation_level=None)
            connection.create_function("local_day", 1, local_day)
            connection.execute("SELECT COUNT(*) FROM hours").fetchone()
        except sqlite3.Error as exc:
            if connection is not None:
                connection.close()
            raise UsageDbError(f"{path}: cannot be read ({exc}); the kiosk moves it aside at its next start") from exc
        return cls(connection, path)

    def close(self) -> None:
        self.connection.close()

    def is_sound(self) -> bool:
        """What SQLite's own check says of the file, on a connection of its own; a file that cannot
        be checked now (locked, gone) is not called damaged."""
        try:
            checker = sqlite3.connect(self.path, timeout=2.0)
        except sqlite3.Error:
            return True
        try:
            return checker.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        except sqlite3.Error as exc:
            return not is_damaged(exc)
        finally:
            checker.close()

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
            updates = ", ".join(f"{name} = {name} + excluded.{name}" for name in CARD_COLUMNS)
            c.executemany(
                f"INSERT INTO cards VALUES (?, ?, ?, ?, {', '.join('?' * len(CARD_COLUMNS))})"
                f" ON CONFLICT DO UPDATE SET {updates}",
                [(visit.hour, topic, slug, language, *_card_row(counts)) for topic, slug, language, counts in visit.cards],
            )
            c.executemany(
                "INSERT INTO topics VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE SET opened = opened + 1",
                [(visit.hour, topic, language) for topic, language in visit.topics],
            )
            c.execute("COMMIT")
        except BaseException:
            _roll_back(c)
            raise

    def prune_before(self, cutoff: int) -> int:
        """Drop hours before the UTC hour key `cutoff` (kiosk/usage/core/retention.py decides it);
        returns how many hours went."""
        c = self.connection
        c.execute("BEGIN IMMEDIATE")
        try:
            gone = c.execute("DELETE FROM hours WHERE hour < ?", (cutoff,)).rowcount
            c.execute("DELETE FROM shares WHERE hour < ?", (cutoff,))
            c.execute("DELETE FROM cards WHERE hour < ?", (cutoff,))
            c.execute("DELETE FROM topics WHERE hour < ?", (cutoff,))
            c.execute("COMMIT")
        except BaseException:
            _roll_back(c)
            raise
        return gone

    # --- reading ------------------------------------------------------------------------------

    def days(self, first: int, last: int) -> list[DayRow]:
        """Per local day (YYYYMMDD) between two UTC hour keys, inclusive."""
        rows = self.connection.execute(
            "SELECT local_day(hour), SUM(visits), SUM(completed), SUM(idle_resets), SUM(cards_viewed) FROM hours"
            " WHERE hour BETWEEN ? AND ? GROUP BY 1 ORDER BY 1",
            (first, last),
        )
        return [DayRow(*row) for row in rows]

    def shares(self, first: int, last: int, *, by_day: bool = False) -> list[tuple[int, str, str, int]]:
        """(local day or 0, facet, value, visits)."""
        day = "local_day(hour)" if by_day else "0"
        return list(self.connection.execute(
            f"SELECT {day}, facet, value, SUM(visits) FROM shares WHERE hour BETWEEN ? AND ?"
            f" GROUP BY 1, facet, value ORDER BY 1, facet, value",
            (first, last),
        ))

    def cards(self, first: int, last: int, *, by_day: bool = False) -> list[tuple[int, str, str, str, CardCounts]]:
        """(local day or 0, topic, card, language, counts)."""
        day = "local_day(hour)" if by_day else "0"
        topic = "topic" if self.has_topics else "''"
        sums = ", ".join(f"SUM({name})" for name in CARD_COLUMNS)
        rows = self.connection.execute(
            f"SELECT {day}, {topic}, card, language, {sums} FROM cards WHERE hour BETWEEN ? AND ?"
            f" GROUP BY 1, 2, card, language ORDER BY 1, 2, card, language",
            (first, last),
        )
        return [(row[0], row[1], row[2], row[3], _counts(row[4:])) for row in rows]

    def topics(self, first: int, last: int, *, by_day: bool = False) -> list[tuple[int, str, str, int]]:
        """(local day or 0, topic, language, visits that opened it); none in an older file."""
        if not self.has_topics:
            return []
        day = "local_day(hour)" if by_day else "0"
        return list(self.connection.execute(
            f"SELECT {day}, topic, language, SUM(opened) FROM topics WHERE hour BETWEEN ? AND ?"
            f" GROUP BY 1, topic, language ORDER BY 1, topic, language",
            (first, last),
        ))

    def newest(self, below: int | None = None) -> int | None:
        """The newest hour with a visit (before hour key `below`, if given)."""
        row = self.connection.execute("SELECT MAX(hour) FROM hours WHERE hour < ?", (below or 1 << 62,)).fetchone()
        return row[0]

    def span(self) -> tuple[int, int] | None:
        """First and last hour with any visit."""
        row = self.connection.execute("SELECT MIN(hour), MAX(hour) FROM hours").fetchone()
        return None if row[0] is None else (row[0], row[1])


@dataclass(frozen=True)
class DayRow:
    day: int  # YYYYMMDD, local
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

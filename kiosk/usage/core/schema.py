"""The usage counts' tables, their version, and how a file written by an older kiosk is brought up to date.

Version 1 kept local hours; 2 keeps UTC hours (kiosk/usage/core/hours.py); 3 (the topic library)
keeps each card's topic and counts the topics each visit opened. Each step runs in one transaction
when the kiosk opens an older file, so a kiosk stopped in the middle finds the file as it was.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from kiosk.usage.core.hours import utc_key_of_local_key
from kiosk.usage.core.visits import DWELL_BUCKETS

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3  # 1: hours in local time; 2: in UTC; 3: cards with their topic, topics opened
DWELL = [f"d{i}" for i in range(DWELL_BUCKETS)]
CARD_COLUMNS = ["views", "completions", "listens", "qr_shown", "helpful_yes", "helpful_no", *DWELL]
_CARDS = f"""CREATE TABLE IF NOT EXISTS cards (  -- topic: the card's topic folder in a topic library, "" with one deck
    hour INTEGER NOT NULL, topic TEXT NOT NULL, card TEXT NOT NULL, language TEXT NOT NULL,
    {", ".join(f"{name} INTEGER NOT NULL" for name in CARD_COLUMNS)},
    PRIMARY KEY (hour, topic, card, language)
) WITHOUT ROWID"""
_TOPICS = """CREATE TABLE IF NOT EXISTS topics (  -- visits per hour that opened a topic, in the language it was opened in
    hour INTEGER NOT NULL, topic TEXT NOT NULL, language TEXT NOT NULL, opened INTEGER NOT NULL,
    PRIMARY KEY (hour, topic, language)
) WITHOUT ROWID"""
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hours (
    hour INTEGER PRIMARY KEY,  -- YYYYMMDDHH, UTC
    visits INTEGER NOT NULL, completed INTEGER NOT NULL, idle_resets INTEGER NOT NULL,
    cards_viewed INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS shares (  -- visits per hour by language, text_size, contrast, cards (per visit)
    hour INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, visits INTEGER NOT NULL,
    PRIMARY KEY (hour, facet, value)
) WITHOUT ROWID;
{_TOPICS};
"""  # the cards table is made by bring_up_to_date: an older file's must be rebuilt, not left as it is


class UnknownSchema(sqlite3.DatabaseError):
    """A version this kiosk does not know (a newer kiosk wrote the file)."""


def bring_up_to_date(connection: sqlite3.Connection) -> None:
    """Make the tables, or bring an older file's up to this version, one step at a time."""
    connection.executescript(SCHEMA)
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is None:
        connection.execute(_CARDS)
        connection.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        return
    if row[0] not in ("1", "2", str(SCHEMA_VERSION)):
        raise UnknownSchema(f"schema version {row[0]}, expected {SCHEMA_VERSION}")
    if row[0] == "1":
        _step(connection, 2, _local_hours_to_utc, "hours converted from local time to UTC")
    if row[0] in ("1", "2"):
        _step(connection, 3, _cards_get_a_topic, "each card counted under its topic (the one deck's: none)")


def _step(connection: sqlite3.Connection, version: int, change: Callable[[sqlite3.Connection], None], what: str) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        change(connection)
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(version),))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    log.info("usage counts: %s (schema %d)", what, version)


def _local_hours_to_utc(connection: sqlite3.Connection) -> None:
    """1 to 2: every hour key from local time to UTC. Keys are negated first so no key meets one not
    yet converted (each table's hour is part of its primary key)."""
    connection.create_function("utc_hour", 1, utc_key_of_local_key)
    for table in ("hours", "shares", "cards"):
        connection.execute(f"UPDATE {table} SET hour = -utc_hour(hour)")
        connection.execute(f"UPDATE {table} SET hour = -hour")


def _cards_get_a_topic(connection: sqlite3.Connection) -> None:
    """2 to 3: the cards table gains a topic (a key column, so the table is rebuilt); its cards were
    the one deck's, topic ""."""
    columns = ", ".join(["hour", "card", "language", *CARD_COLUMNS])
    connection.execute("ALTER TABLE cards RENAME TO cards_schema_2")
    connection.execute(_CARDS)
    connection.execute(f"INSERT INTO cards (topic, {columns}) SELECT '', {columns} FROM cards_schema_2")
    connection.execute("DROP TABLE cards_schema_2")

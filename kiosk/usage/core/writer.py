"""The thread that owns the usage database: visits wait in memory until the disk takes them.

Visits reach it through `jobs`; it adds them to the database, drops old hours once a day (when
the clock can be trusted, core/retention.py), and never raises. Whatever keeps a visit from the
disk is waited out, not mistaken for damage: a database another process holds locked, a full or
read-only disk, a state folder deleted under the kiosk. Visits wait in a bounded queue in memory
(`MAX_WAITING`: a busy clinic's day) and are written when the disk takes them again, tried every
`retry_s`; the real cause is logged once per episode, and once more when it is over. Only what
SQLite itself says is damaged (`PRAGMA quick_check`) is moved aside.
"""

from __future__ import annotations

import logging
import os
import queue
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from kiosk.usage.core.db import DatabaseBusy, UsageDb, UsageDbError, is_busy, is_damaged, move_aside
from kiosk.usage.core.hours import hour_key
from kiosk.usage.core.retention import retention_cutoff
from kiosk.usage.core.visits import VisitCounts

log = logging.getLogger("kiosk.usage.runtime")

MAX_WAITING = 2000  # visits kept in memory while the disk refuses them: a day of a busy clinic
RETRY_S = 5.0


@dataclass(frozen=True)
class Flush:
    done: threading.Event


class Writer(threading.Thread):
    """Owns the database connection; everything it is given arrives through `jobs`."""

    def __init__(self, path: Path, keep_days: int, *, now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 monotonic: Callable[[], float] = time.monotonic, retry_s: float = RETRY_S, busy_timeout_s: float = 2.0) -> None:
        super().__init__(name="usage-writer", daemon=True)
        self.path = path
        self.keep_days = keep_days
        self.jobs: queue.SimpleQueue[VisitCounts | Flush | None] = queue.SimpleQueue()
        self.waiting: deque[VisitCounts] = deque(maxlen=MAX_WAITING)
        self.dropped = 0  # visits lost because more than MAX_WAITING waited
        self._now = now
        self._monotonic = monotonic
        self._retry_s = retry_s
        self._busy_timeout_s = busy_timeout_s
        self._pruned: date | None = None
        self._db: UsageDb | None = None
        self._inode: tuple[int, int] | None = None
        self._newest_at_start: int | None = None
        self._began = monotonic()
        self._trouble: str | None = None  # the cause being waited out, logged once
        self._said: set[str] = set()  # retention reasons already logged
        self.error: str | None = None  # why nothing is being saved, for the staff panel

    def run(self) -> None:
        self._open()
        while True:
            try:
                job = self.jobs.get(timeout=self._retry_s if self.waiting else None)
            except queue.Empty:  # nothing new for retry_s while visits wait: try the disk again
                self._write_waiting()
                continue
            if job is None:
                break
            if isinstance(job, Flush):
                self._write_waiting()
                job.done.set()
                continue
            if len(self.waiting) == self.waiting.maxlen:
                self.dropped += 1
                self._say(f"more than {MAX_WAITING} visits waited for the disk; the oldest are dropped", "overflow")
            self.waiting.append(job)
            self._write_waiting()
        self._write_waiting()
        if self._db is not None:
            self._db.close()

    # --- the database ------------------------------------------------------------------------------

    def _open(self) -> bool:
        try:
            self._db = UsageDb.open(self.path, self._busy_timeout_s)
        except DatabaseBusy as exc:
            self._trouble_is(f"the database {self.path} is locked by another process ({exc})", "locked")
            return False
        except UsageDbError as exc:
            self.error = str(exc)
            self._trouble_is(f"the database {self.path} cannot be used ({exc})", "unusable")
            return False
        self.error = None
        info = os.stat(self.path)
        self._inode = (info.st_dev, info.st_ino)
        if self._newest_at_start is None:
            self._newest_at_start = self._db.newest()
        return True

    def _still_there(self) -> bool:
        """The file the connection writes is still the one at `path` (a deleted state folder takes it
        away while SQLite goes on writing to the unlinked file, and every visit is lost)."""
        try:
            info = os.stat(self.path)
            return (info.st_dev, info.st_ino) == self._inode
        except OSError:
            return False

    def _recover_vanished(self) -> None:
        """Copy what the open connection still holds to a new file at `path`, then use that."""
        assert self._db is not None
        old = self._db
        self._db = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                old.connection.execute("VACUUM INTO ?", (str(self.path),))
            log.error("usage counts: %s vanished while the kiosk ran (was the state folder deleted?); "
                      "made it again with the counts the kiosk still held", self.path)
        except (OSError, sqlite3.Error) as exc:
            log.error("usage counts: %s vanished while the kiosk ran and cannot be made again here (%s)", self.path, exc)
        finally:
            old.close()

    def _write_waiting(self) -> None:
        if self._db is not None and not self._still_there():
            self._recover_vanished()
        if self._db is None and not self._open():
            return
        assert self._db is not None
        while self.waiting:
            try:
                self._prune_daily()
                self._db.add(self.waiting[0])
            except sqlite3.Error as exc:
                self._failed(exc)
                return
            self.waiting.popleft()
        if self._trouble is not None:
            log.warning("usage counts are saved again (%s is over)", self._trouble)
            self._trouble = None

    def _failed(self, exc: sqlite3.Error) -> None:
        if is_busy(exc):
            self._trouble_is(f"the database {self.path} is locked by another process ({exc})", "locked")
        elif is_damaged(exc) and self._db is not None and not self._db.is_sound():
            self._db.close()
            self._db = None
            move_aside(self.path, str(exc))
        else:  # a full or read-only disk, an I/O error: the file is fine, the disk is not taking it now
            self._trouble_is(f"the disk does not take the counts ({exc})", "disk")

    def _trouble_is(self, cause: str, kind: str) -> None:
        if self._trouble != kind:
            log.error("usage counts: %s; %d visits wait in memory (at most %d) and are saved when it is over",
                      cause, len(self.waiting), MAX_WAITING)
            self._trouble = kind

    def _say(self, message: str, key: str, serious: bool = True) -> None:
        if key not in self._said:
            self._said.add(key)
            (log.warning if serious else log.info)("usage counts: %s", message)

    # --- retention ---------------------------------------------------------------------------------

    def retain(self, keep_days: int) -> None:
        """A new retention applies from the next visit written."""
        if keep_days != self.keep_days:
            self.keep_days = keep_days
            self._pruned = None

    def _prune_daily(self) -> None:
        now = self._now()
        today = now.astimezone().date()
        if self._pruned == today or self._db is None:
            return
        newest = self._db.newest(below=hour_key(now))
        verdict = retention_cutoff(self.keep_days, now, newest, self._newest_at_start, self._monotonic() - self._began)
        if verdict.cutoff is None:
            self._say(verdict.reason, verdict.reason[:40], verdict.serious)
            return
        gone = self._db.prune_before(verdict.cutoff)
        if gone:
            log.info("usage counts: dropped %d hours older than %d days", gone, self.keep_days)
        self._pruned = today

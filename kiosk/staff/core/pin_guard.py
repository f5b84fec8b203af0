"""The PIN pad's memory: escalating lockouts that survive a restart, and wrong attempts on record.

Five wrong PINs in a row lock the pad for 60 s, the next five for 5 min, then 15 min, then an hour
each time: a patient with time gets about 150 guesses a day instead of 7,200, and a 4-digit PIN
holds for months instead of a day and a half. The count lives in the state folder
(`pin-lockout.json`), so pulling the plug does not reset it. A file that cannot be read back fails
safe: the pad is locked (for the first step), and the log says why. A good PIN clears the lockouts;
staff then see how many wrong attempts there were since the previous good one.

The record keeps wall-clock times (they must mean something after a reboot), but while the kiosk
runs a lockout is timed on the monotonic clock, so stepping the wall clock (NTP after a dead RTC,
a daylight-saving slip, someone at the BIOS) never lengthens or shortens it; a stored deadline
further away than its own step (the clock was set back while the kiosk was off) is cut to the step.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from enum import Enum
from pathlib import Path

from kiosk.core.state import write_atomically

log = logging.getLogger(__name__)

LOCKOUT_STEPS_S = (60, 5 * 60, 15 * 60, 60 * 60)
ATTEMPTS_PER_STEP = 5
STATE_FILE = "pin-lockout.json"


class PinResult(Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"


@dataclass(frozen=True)
class PinRecord:
    """What is kept between runs; times are seconds since the epoch."""

    failures: int = 0  # wrong PINs since the last lockout or good PIN
    lockouts: int = 0  # lockouts since the last good PIN: the step of the next one
    locked_until: float = 0.0
    wrong_since_ok: int = 0  # wrong PINs since the last good PIN...
    since: float = 0.0  # ...counted from this time (the last good PIN, or when counting began)


def lockout_seconds(lockouts_before: int) -> int:
    return LOCKOUT_STEPS_S[min(lockouts_before, len(LOCKOUT_STEPS_S) - 1)]


class PinGuard:
    """Decides whether the pad takes a PIN now and keeps the record; checking the PIN itself is the caller's."""

    def __init__(self, path: Path | None = None, *, clock: Callable[[], float] = time.time,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self._clock = clock
        self._monotonic = monotonic
        self._save_failed = False
        self._unlocks_at = 0.0  # on the monotonic clock
        self.record = self._load()
        self._time_lockout(self.record.locked_until - self._clock())

    # --- the record on disk ----------------------------------------------------------------------

    def _load(self) -> PinRecord:
        now = self._clock()
        fresh = PinRecord(since=now)
        if self.path is None:
            return fresh
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            record = PinRecord(**{key: data[key] for key in asdict(fresh)})
            numbers = asdict(record).values()
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v >= 0 for v in numbers):
                raise ValueError("a value is not a number of zero or more")
        except FileNotFoundError:
            return fresh
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            seconds = lockout_seconds(0)
            log.error("staff PIN lockout record %s cannot be read (%s): the PIN pad stays locked for %d s to be safe",
                      self.path, exc if not isinstance(exc, KeyError) else f"{exc} is missing", seconds)
            record = PinRecord(lockouts=1, locked_until=now + seconds, since=now)
            self._save(record)
            return record
        # A clock set back must not stretch a lockout past its step.
        longest = now + lockout_seconds(max(0, record.lockouts - 1))
        return replace(record, locked_until=min(record.locked_until, longest))

    def _save(self, record: PinRecord) -> None:
        if self.path is None:
            return
        try:
            write_atomically(self.path, json.dumps(asdict(record), indent=1) + "\n")
            self._save_failed = False
        except OSError as exc:
            if not self._save_failed:
                log.error("cannot keep the staff PIN lockout record in %s (%s): a restart would forget it",
                          self.path, exc.strerror or exc)
            self._save_failed = True

    def _set(self, record: PinRecord) -> None:
        self.record = record
        self._save(record)

    def _time_lockout(self, seconds: float) -> None:
        self._unlocks_at = self._monotonic() + max(0.0, seconds)

    # --- the pad ---------------------------------------------------------------------------------

    def locked_for(self) -> int:
        """Whole seconds until the pad takes PINs again (0 when it does now), by the monotonic clock."""
        return max(0, math.ceil(self._unlocks_at - self._monotonic()))

    def record_wrong(self) -> PinResult:
        """A wrong PIN was typed: WRONG, or LOCKED when it was one too many."""
        record = self.record
        record = replace(record, failures=record.failures + 1, wrong_since_ok=record.wrong_since_ok + 1)
        if record.failures < ATTEMPTS_PER_STEP:
            log.warning("wrong staff PIN (%d in a row; %d since %s)", record.failures, record.wrong_since_ok, self.since_text())
            self._set(record)
            return PinResult.WRONG
        seconds = lockout_seconds(record.lockouts)
        record = replace(record, failures=0, lockouts=record.lockouts + 1, locked_until=self._clock() + seconds)
        log.warning("wrong staff PIN (%d in a row): PIN pad locked for %d s (lockout %d since the last good PIN)",
                    ATTEMPTS_PER_STEP, seconds, record.lockouts)
        self._set(record)
        self._time_lockout(seconds)
        return PinResult.LOCKED

    def record_ok(self) -> tuple[int, float]:
        """The right PIN: clears the lockouts; returns (wrong attempts, since when) before clearing them."""
        before = (self.record.wrong_since_ok, self.record.since)
        log.info("staff PIN accepted (%d wrong attempts since %s)", before[0], self.since_text())
        self._set(PinRecord(since=self._clock()))
        self._time_lockout(0)
        return before

    def since_text(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.record.since))

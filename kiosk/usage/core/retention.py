"""When old usage counts may be deleted: only on a clock that agrees with the counts themselves.

Retention deletes hours older than `keep_days` by the computer's clock, so a clock that is wrong
deletes good counts for good: one start with the clock three years ahead (a dead clock battery
before NTP set it right) deleted 600 days. So nothing is deleted while the clock and the newest
stored hour disagree by more than a day (the reason is logged and the kiosk waits: a visit counted
at the right time ends the wait), and never by more than the counts and the time this run has seen
pass on the monotonic clock allow (a clock that stays wrong from start to end deletes nothing good).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.usage.core.hours import hour_key, key_instant, local_midnight

AGREE = timedelta(days=1)


@dataclass(frozen=True)
class Verdict:
    """`cutoff`: drop hours before this UTC hour key; None: delete nothing now, for `reason`."""

    cutoff: int | None
    reason: str = ""
    serious: bool = False  # the clock is far off (a warning in the log, not a note)


def retention_cutoff(keep_days: int, now: datetime, newest: int | None, newest_at_start: int | None, running_s: float) -> Verdict:
    """`now`: the clock (aware); `newest`: the newest hour stored before the current one;
    `newest_at_start`: the newest hour when this run began; `running_s`: monotonic time since then."""
    if newest is not None:
        gap = now - key_instant(newest)
        if gap < -AGREE:
            return Verdict(None, f"the newest counts ({_shown(newest)}) are more than a day after the computer's clock "
                                 f"({now.astimezone():%Y-%m-%d %H:%M}); no old counts are deleted until they agree", True)
        if gap > AGREE + timedelta(hours=1):
            return Verdict(None, f"the computer's clock ({now.astimezone():%Y-%m-%d %H:%M}) is {gap.days} days after the newest "
                                 f"counts ({_shown(newest)}); no old counts are deleted until a visit counted now agrees with it",
                           gap > timedelta(days=30))
    effective = now
    if newest_at_start is not None:
        effective = min(now, key_instant(newest_at_start) + timedelta(seconds=running_s) + AGREE)
    return Verdict(hour_key(local_midnight(effective.astimezone().date() - timedelta(days=keep_days))))


def _shown(hour: int) -> str:
    return f"{key_instant(hour).astimezone():%Y-%m-%d %H:00}"

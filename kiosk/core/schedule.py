"""The screen's hours: `[display] off = "20:00"`, `on = "07:00"` in kiosk.toml.

A kiosk lit all night wears its panel, wastes power and glows in an empty waiting room. Outside the
hours the display is switched off (not the kiosk: it stays ready, and a touch wakes the screen).
Decided on local wall-clock times (what staff wrote), so the runtime part and the tests share one
rule; `next_on` says when the dark ends as a real instant, so the hour an autumn clock change repeats
(01:00-02:00 twice) cannot turn the screen back on for an hour after it went dark at 01:30.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, UTC

from kiosk.core.settings import optional_text

_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def clock_time_problem(text: str) -> str | None:
    return None if _CLOCK.fullmatch(text) else 'must be a time of day such as "20:00" (24-hour clock)'


CLOCK_TIME = optional_text('a time of day such as "20:00"', clock_time_problem)


def parse_clock(text: str) -> time:
    match = _CLOCK.fullmatch(text)
    if not match:
        raise ValueError(text)
    return time(int(match.group(1)), int(match.group(2)))


def schedule_problem(off: str | None, on: str | None) -> str | None:
    """Why the pair is not a schedule (None when it is one, or when neither is set)."""
    if (off is None) != (on is None):
        return "[display] needs both off and on (for example off = \"20:00\", on = \"07:00\"); the screen stays on"
    if off is not None and off == on:
        return "[display] off and on are the same time; the screen stays on"
    return None


class Schedule:
    """When the screen is dark: from `off` to `on`, across midnight when `off` is later than `on`."""

    def __init__(self, off: time, on: time) -> None:
        self.off = off
        self.on = on

    def is_on(self, now: datetime) -> bool:
        moment = now.time()
        if self.off > self.on:  # the usual case: evening to morning
            return self.on <= moment < self.off
        return not (self.off <= moment < self.on)

    def next_change(self, now: datetime) -> datetime:
        """The next moment after `now` when the screen should switch (on to off, or off to on)."""
        target = self.off if self.is_on(now) else self.on
        candidate = datetime.combine(now.date(), target, tzinfo=now.tzinfo)
        return candidate if candidate > now else candidate + timedelta(days=1)

    def next_on(self, now: datetime) -> datetime:
        """The first moment after `now` when the screen comes on, by the rules of `now`'s time zone."""
        candidate = _at(now.date(), self.on, now)
        if as_utc(candidate) <= as_utc(now):
            candidate = _at(now.date() + timedelta(days=1), self.on, now)
        return candidate

    @classmethod
    def from_settings(cls, off: str | None, on: str | None) -> Schedule | None:
        if off is None or on is None or schedule_problem(off, on):
            return None
        return cls(parse_clock(off), parse_clock(on))


def as_utc(moment: datetime) -> datetime:
    """`moment` as UTC, to compare instants (a naive time is the computer's local time)."""
    return moment.astimezone(UTC)


def _at(day: date, clock: time, like: datetime) -> datetime:
    """`clock` o'clock on `day` in the time zone of `like`: by its rules where it has them (zoneinfo),
    else by the computer's (a fixed offset, as datetime.now().astimezone() gives, knows no DST)."""
    naive = datetime.combine(day, clock)
    if like.tzinfo is None:
        return naive
    if isinstance(like.tzinfo, timezone):
        return naive.astimezone()
    return naive.replace(tzinfo=like.tzinfo)

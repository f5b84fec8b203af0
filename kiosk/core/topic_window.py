"""When a topic is on the grid: between two dates, on some days of the week, during some hours.

A clinic runs a flu-season topic from October to March, or a "before your session" topic only on
the mornings it treats. Plain wall-clock arithmetic on a `now` passed in (never cached), so the
kiosk, `kiosk check`, the staff panel and the tests all ask the same question of the same rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from kiosk.core.settings import Invalid, Kind

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HOURS = re.compile(r"\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-4]):([0-5]\d)\s*")


def _date(value: Any) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise Invalid("must be a date written year-month-day, such as 2027-03-31")


def _days(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(day, str) and day.strip().lower()[:3] in DAY_NAMES for day in value):
        raise Invalid('must be a list of days such as ["mon", "tue", "wed"]')
    return tuple(sorted({DAY_NAMES.index(day.strip().lower()[:3]) for day in value}))


def _hours(value: Any) -> tuple[time, time] | None:
    match = _HOURS.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise Invalid('must be a span of the day such as "08:00-12:00" (24-hour clock)')
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    if end_h == 24 and end_m:
        raise Invalid('must end by "24:00"')
    start = time(start_h, start_m)
    end = time.max if end_h == 24 else time(end_h, end_m)
    if end <= start:
        raise Invalid("must end after it starts, on the same day (such as \"08:00-12:00\")")
    return start, end


DATE = Kind("a date such as 2027-03-31", _date, lambda value: value.isoformat() if value else "(not set)")
DAYS = Kind('a list of days such as ["mon", "fri"]', _days, lambda value: describe_days(value) or "(every day)")
HOURS = Kind('a span of the day such as "08:00-12:00"', _hours, lambda value: describe_hours(value) or "(all day)")


def describe_days(days: tuple[int, ...]) -> str:
    """"mon-fri", "mon, wed, fri": how staff wrote them, short."""
    if not days:
        return ""
    if len(days) > 2 and days == tuple(range(days[0], days[-1] + 1)):
        return f"{DAY_NAMES[days[0]]}-{DAY_NAMES[days[-1]]}"
    return ", ".join(DAY_NAMES[day] for day in days)


def describe_hours(hours: tuple[time, time] | None) -> str:
    if hours is None:
        return ""
    end = "24:00" if hours[1] == time.max else hours[1].strftime("%H:%M")
    return f"{hours[0].strftime('%H:%M')}-{end}"


@dataclass(frozen=True)
class ShowWindow:
    """Dates (both days included), weekdays (0 = Monday; empty: every day) and hours (start included,
    end not); any left out does not limit."""

    show_from: date | None = None
    show_until: date | None = None
    days: tuple[int, ...] = ()
    hours: tuple[time, time] | None = None

    @property
    def always(self) -> bool:
        return self == ShowWindow()

    def is_on(self, now: datetime) -> bool:
        return self.hidden_reason(now) is None

    def hidden_reason(self, now: datetime) -> str | None:
        """Why the topic is off the grid at `now`, in words for staff; None while it is on."""
        off = self.off(now)
        return off[1] if off else None

    def off(self, now: datetime) -> tuple[str, str] | None:
        """(the topic.toml key that keeps the topic off the grid at `now`, why in words); None while on."""
        today = now.date()
        if self.show_from is not None and today < self.show_from:
            return "show_from", f"hidden until {self.show_from.isoformat()} (its show_from date)"
        if self.show_until is not None and today > self.show_until:
            since = (self.show_until + timedelta(days=1)).isoformat()
            return "show_until", f"hidden since {since} (its show_until date was {self.show_until.isoformat()})"
        if self.days and today.weekday() not in self.days:
            return "days", f"shown on {describe_days(self.days)} only"
        if self.hours is not None and not self.hours[0] <= now.time() < self.hours[1]:
            return "hours", f"shown {describe_hours(self.hours)} only"
        return None

    def next_change(self, now: datetime) -> datetime | None:
        """The next moment after `now` at which `is_on` may change; None when it never will."""
        if self.always:
            return None
        midnight = datetime.combine(now.date() + timedelta(days=1), time(0), now.tzinfo)
        moments = [midnight]
        if self.hours is not None:
            for edge in self.hours:
                if edge != time.max:
                    moments.append(datetime.combine(now.date(), edge, now.tzinfo))
        return min(moment for moment in moments if moment > now)

    def describe(self) -> str:
        """"mon-fri, 08:00-12:00, 2026-10-01 to 2027-03-31", for the staff panel; "always" when unlimited."""
        parts = [part for part in (describe_days(self.days), describe_hours(self.hours)) if part]
        if self.show_from and self.show_until:
            parts.append(f"{self.show_from.isoformat()} to {self.show_until.isoformat()}")
        elif self.show_from:
            parts.append(f"from {self.show_from.isoformat()}")
        elif self.show_until:
            parts.append(f"until {self.show_until.isoformat()}")
        return ", ".join(parts) if parts else "always"

"""The hour a visit is counted in: kept in UTC, shown in local time.

Hours were kept as local YYYYMMDDHH, so the two 01:00 hours of an autumn clock change were one
hour, and a spring change left an hour that never was. UTC hours are all one hour long and never
repeat; reports turn them back into the clinic's local days (by the computer's time zone rules at
each instant, so a day of the change has 23 or 25 hours).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta


def hour_key(moment: datetime) -> int:
    """The UTC hour of `moment` as YYYYMMDDHH (a naive `moment` is the computer's local time):
    sortable, readable, and the finest time ever stored."""
    utc = moment.astimezone(UTC)
    return ((utc.year * 100 + utc.month) * 100 + utc.day) * 100 + utc.hour


def key_instant(hour: int) -> datetime:
    """The start of a UTC hour key, as an aware datetime."""
    return datetime(hour // 1_000_000, hour // 10_000 % 100, hour // 100 % 100, hour % 100, tzinfo=UTC)


def local_day(hour: int) -> int:
    """The local day (YYYYMMDD) a UTC hour key falls in, by the computer's time zone."""
    moment = key_instant(hour).astimezone()
    return (moment.year * 100 + moment.month) * 100 + moment.day


def local_date(hour: int) -> date:
    day = local_day(hour)
    return date(day // 10_000, day // 100 % 100, day % 100)


def local_midnight(day: date) -> datetime:
    """The instant a local day begins (aware)."""
    return datetime.combine(day, time(0)).astimezone()


def hours_of_days(first: date, last: date) -> tuple[int, int]:
    """The first and last UTC hour keys of the local days `first` to `last`, inclusive."""
    return hour_key(local_midnight(first)), hour_key(local_midnight(last + timedelta(days=1)) - timedelta(hours=1))


def utc_key_of_local_key(hour: int) -> int:
    """A local YYYYMMDDHH key (as schema 1 kept them) as the UTC key of that hour (the first, if it
    came twice)."""
    local = datetime(hour // 1_000_000, hour // 10_000 % 100, hour // 100 % 100, hour % 100)
    return hour_key(local.astimezone())

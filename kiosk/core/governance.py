"""Review and show dates on a card: medical content must be looked at again, and some is seasonal.

A card may carry `reviewed`, `review_by`, `show_from` and `show_until` (ISO dates, year-month-day)
and `source` (where its facts come from). Reading them is part of loading a card; what they mean
depends on the day, so the day-dependent checks here take `today` and are asked again each day
(by `kiosk check`, the staff panel and the kiosk's midnight re-check), never cached with the card.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Protocol, TypeVar

from kiosk.core.problems import Problem, error, note, warning

DATE_KEYS = ("reviewed", "review_by", "show_from", "show_until")
GOVERNANCE_KEYS = (*DATE_KEYS, "source")
DUE_SOON_DAYS = 30
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EXAMPLES = {"reviewed": "2026-11-01", "review_by": "2027-05-01", "show_from": "2026-12-01", "show_until": "2027-03-31"}


@dataclass(frozen=True)
class Governance:
    """A card's dates and provenance, with the header line of each key for problems."""

    reviewed: date | None = None
    review_by: date | None = None
    show_from: date | None = None
    show_until: date | None = None
    source: str | None = None
    lines: tuple[tuple[str, int], ...] = ()

    def line(self, key: str) -> int:
        return dict(self.lines).get(key, 1)

    def is_shown(self, today: date) -> bool:
        """Shown from `show_from` through `show_until`, both days included."""
        return self.hidden_reason(today) is None

    def hidden_reason(self, today: date) -> str | None:
        if self.show_from is not None and today < self.show_from:
            return f"hidden until {self.show_from.isoformat()} (its show_from date)"
        if self.show_until is not None and today > self.show_until:
            since = self.show_until + timedelta(days=1)
            return f"hidden since {since.isoformat()} (its show_until date was {self.show_until.isoformat()})"
        return None

    def review_days_left(self, today: date) -> int | None:
        """Days until `review_by` (negative once passed); None when no review is due within 30 days."""
        if self.review_by is None:
            return None
        days = (self.review_by - today).days
        return days if days <= DUE_SOON_DAYS else None


def read_governance(path: Path, data: dict, line_of: Callable[[str], int]) -> tuple[Governance, list[Problem]]:
    """The dates and source from a header's values. A bad show date is an error (whether to show the
    card cannot be decided); a bad review date is a warning and is ignored."""
    problems: list[Problem] = []
    dates: dict[str, date | None] = {}
    for key in DATE_KEYS:
        value = data.get(key)
        dates[key] = None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        parsed = _parse_date(value)
        if parsed is None:
            make = error if key.startswith("show_") else warning
            shown = value.strip() if isinstance(value, str) else "a list or group, not a date"
            consequence = "" if key.startswith("show_") else "; it is ignored"
            problems.append(make(path, line_of(key), f"'{key}' must be a date written year-month-day, such as {_EXAMPLES[key]} (not '{shown[:40]}'){consequence}"))
        dates[key] = parsed
    source = data.get("source")
    if source is not None and not isinstance(source, str):
        problems.append(warning(path, line_of("source"), "'source' must be text, such as 'Clinic protocol v3'; it is ignored"))
        source = None
    start, end = dates["show_from"], dates["show_until"]
    if start is not None and end is not None and end < start:
        problems.append(warning(path, line_of("show_until"), f"'show_until' ({end.isoformat()}) is before 'show_from' ({start.isoformat()}): the card is never shown"))
    lines = tuple((key, line_of(key)) for key in GOVERNANCE_KEYS if key in data)
    return Governance(source=(source or "").strip() or None, lines=lines, **dates), problems


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


class Dated(Protocol):
    """A card, as far as its dates go (read-only, as a frozen Card's fields are)."""

    @property
    def path(self) -> Path: ...
    @property
    def governance(self) -> Governance: ...


D = TypeVar("D", bound=Dated)


def shown_cards(cards: tuple[D, ...], today: date) -> tuple[D, ...]:
    """The cards whose show window includes `today`, in their order."""
    return tuple(card for card in cards if card.governance.is_shown(today))


def review_list(cards: Iterable[Dated], root: Path, today: date) -> list[str]:
    """One line per card due for review within 30 days or overdue, soonest first, for the staff panel."""
    due = sorted(
        ((days, card) for card in cards if (days := card.governance.review_days_left(today)) is not None),
        key=lambda item: (item[0], str(item[1].path)),
    )
    lines = []
    for days, card in due:
        try:
            name = card.path.relative_to(root).as_posix()
        except ValueError:
            name = card.path.name
        by = card.governance.review_by.isoformat() if card.governance.review_by else ""
        when = "today" if days == 0 else f"in {days} days" if days > 0 else f"overdue by {-days} days"
        lines.append(f"{name}: review by {by} ({when})")
    return lines


def dated_problems(path: Path, governance: Governance, today: date) -> list[Problem]:
    """What the day means for one card: review overdue (warning) or due soon (note), hidden (note)."""
    problems: list[Problem] = []
    days = governance.review_days_left(today)
    if days is not None:
        by = governance.review_by.isoformat() if governance.review_by else ""
        line = governance.line("review_by")
        if days < 0:
            ago = "1 day ago" if days == -1 else f"{-days} days ago"
            problems.append(warning(path, line, f"review overdue: this card was due for review by {by} ({ago}); check it is still right, then update 'reviewed' and 'review_by'"))
        else:
            when = "today" if days == 0 else "in 1 day" if days == 1 else f"in {days} days"
            problems.append(note(path, line, f"due for review by {by} ({when})"))
    reason = governance.hidden_reason(today)
    if reason is not None:
        key = "show_from" if reason.startswith("hidden until") else "show_until"
        problems.append(note(path, governance.line(key), f"{reason}; patients do not see this card now"))
    return problems

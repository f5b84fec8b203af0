"""Review and show dates on a card: medical content must be looked at again, and some is seasonal.

A card may carry `reviewed`, `review_by`, `show_from` and `show_until` (ISO dates, year-month-day),
`source` (where its facts come from), and a clinician's sign-off: `approved_by` (name and role)
with the `approved` date. A card nobody signed still shows (a clinic may be trying the kiosk out),
but `kiosk check` and the staff panel say so. Reading them is part of loading a card; what they mean
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

DATE_KEYS = ("reviewed", "review_by", "show_from", "show_until", "approved")
GOVERNANCE_KEYS = (*DATE_KEYS, "source", "approved_by")
TEXT_KEYS = ("source", "approved_by")
DUE_SOON_DAYS = 30
NOT_SIGNED_OFF = "not signed off: "  # how the warning for a card nobody signed starts
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EXAMPLES = {"reviewed": "2026-11-01", "review_by": "2027-05-01", "show_from": "2026-12-01", "show_until": "2027-03-31",
             "approved": "2026-11-01", "source": "Clinic protocol v3", "approved_by": "Dr A. Name, MD"}


@dataclass(frozen=True)
class Governance:
    """A card's dates and provenance, with the header line of each key for problems."""

    reviewed: date | None = None
    review_by: date | None = None
    show_from: date | None = None
    show_until: date | None = None
    source: str | None = None
    approved: date | None = None
    approved_by: str | None = None
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
    texts: dict[str, str | None] = {}
    for key in TEXT_KEYS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(warning(path, line_of(key), f"'{key}' must be text, such as '{_EXAMPLES[key]}'; it is ignored"))
            value = None
        texts[key] = (value or "").strip() or None
    start, end = dates["show_from"], dates["show_until"]
    if start is not None and end is not None and end < start:
        problems.append(warning(path, line_of("show_until"), f"'show_until' ({end.isoformat()}) is before 'show_from' ({start.isoformat()}): the card is never shown"))
    lines = tuple((key, line_of(key)) for key in GOVERNANCE_KEYS if key in data)
    return Governance(
        reviewed=dates["reviewed"], review_by=dates["review_by"], show_from=start, show_until=end, source=texts["source"],
        approved=dates["approved"], approved_by=texts["approved_by"], lines=lines,
    ), problems


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
    """For the staff panel: one line per card due for review within 30 days or overdue, soonest
    first; then, per folder, the cards no clinician has signed off."""
    cards = list(cards)
    due = sorted(
        ((days, card) for card in cards if (days := card.governance.review_days_left(today)) is not None),
        key=lambda item: (item[0], str(item[1].path)),
    )
    lines = []
    for days, card in due:
        name = _relative(card.path, root)
        by = card.governance.review_by.isoformat() if card.governance.review_by else ""
        count = f"{abs(days)} day{'' if abs(days) == 1 else 's'}"
        when = "today" if days == 0 else f"in {count}" if days > 0 else f"overdue by {count}"
        lines.append(f"{name}: review by {by} ({when})")
    unsigned: dict[str, list[str]] = {}
    for card in cards:
        if not card.governance.approved_by:
            name = _relative(card.path, root)
            folder, _, file = name.rpartition("/")
            unsigned.setdefault(folder, []).append(file)
    for folder, files in unsigned.items():
        count = "1 card" if len(files) == 1 else f"{len(files)} cards"
        lines.append(f"{folder or '.'}: {count} not signed off by a clinician: {', '.join(sorted(files))}")
    return lines


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def sign_off_problems(path: Path, governance: Governance) -> list[Problem]:
    """A card no clinician has signed off (approved_by, with the approved date) gets a warning."""
    if not governance.approved_by:
        if governance.approved:
            return [warning(path, governance.line("approved"), "'approved' has a date but nobody is named: add who signed it, such as 'approved_by: Dr A. Name, MD'")]
        return [warning(path, 1, NOT_SIGNED_OFF + "once a clinician has checked this card, add 'approved_by: Dr A. Name, MD' and 'approved: 2026-11-01' (the day they signed) to its header")]
    if not governance.approved:
        return [warning(path, governance.line("approved_by"), "the sign-off has no date: add the day it was signed, such as 'approved: 2026-11-01'")]
    return []


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

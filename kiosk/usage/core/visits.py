"""Turns one patient's visit into anonymous hourly counters, and holds nothing else about it.

A visit lives only in memory, inside `VisitRecorder`, while it lasts. When it ends (back to the
welcome screen, the idle reset, the kiosk stopping) it becomes one `VisitCounts`: the hour it began
(never finer), which cards were seen in which language (and in a topic library, which topics were
opened and in which topic each card was), roughly how long (a bucket of a small fixed histogram,
never the seconds), whether the contact screen was reached, and the few choices made (language,
text size, contrast, a helpful yes/no). There is no visit id and no time finer than the
hour, and nothing a patient could type; the store only ever adds these to totals for the hour.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum

from kiosk.usage.core.hours import hour_key

# Upper bounds (seconds) of the time-on-card histogram; the last bucket is open-ended. Fixed forever:
# the store has one column per bucket, so changing them would mix incomparable counts.
DWELL_BOUNDS: tuple[float, ...] = (3, 10, 20, 40, 60, 120, 300)
DWELL_BUCKETS = len(DWELL_BOUNDS) + 1
CARDS_PER_VISIT_CAP = 12  # "12" in the cards-per-visit share means 12 or more


class EndReason(Enum):
    HOME = "home"  # the patient went back to the welcome screen
    IDLE = "idle"  # the idle reset
    STOP = "stop"  # the kiosk stopped cleanly (SIGTERM, staff exit)


def dwell_bucket(seconds: float) -> int:
    for index, bound in enumerate(DWELL_BOUNDS):
        if seconds < bound:
            return index
    return len(DWELL_BOUNDS)


def dwell_quantile(histogram: tuple[int, ...] | list[int], q: float) -> float | None:
    """Estimated `q` quantile (0.5 = median) of time on card, interpolated inside its bucket.

    None when there are no views; `inf` when it falls in the open-ended last bucket.
    """
    total = sum(histogram)
    if total == 0:
        return None
    rank = q * total
    seen = 0
    for index, count in enumerate(histogram):
        if count and seen + count >= rank:
            if index == len(DWELL_BOUNDS):
                return float("inf")
            low = DWELL_BOUNDS[index - 1] if index else 0.0
            return low + (DWELL_BOUNDS[index] - low) * max(0.0, rank - seen) / count
        seen += count
    return float("inf")


@dataclass(frozen=True)
class CardCounts:
    """What one visit (or many, added up) did with one card in one language."""

    views: int = 0
    completions: int = 0  # views in visits that went on to reach the contact screen
    listens: int = 0
    qr_shown: int = 0
    helpful_yes: int = 0
    helpful_no: int = 0
    dwell: tuple[int, ...] = (0,) * DWELL_BUCKETS

    def __add__(self, other: CardCounts) -> CardCounts:
        return CardCounts(
            self.views + other.views,
            self.completions + other.completions,
            self.listens + other.listens,
            self.qr_shown + other.qr_shown,
            self.helpful_yes + other.helpful_yes,
            self.helpful_no + other.helpful_no,
            tuple(a + b for a, b in zip(self.dwell, other.dwell)),
        )


@dataclass(frozen=True)
class VisitCounts:
    """One finished visit, as the increments it adds to its hour. Nothing here outlives the addition."""

    hour: int
    completed: bool
    idle_reset: bool
    languages: tuple[str, ...]  # every language the visit used
    text_size: str  # the settings in use when it ended
    high_contrast: bool
    cards: tuple[tuple[str, str, str, CardCounts], ...]  # (topic folder or "", card file name, language, counts)
    topics: tuple[tuple[str, str], ...] = ()  # (topic folder, language) of each topic the visit opened

    @property
    def cards_viewed(self) -> int:
        return len({(topic, slug) for topic, slug, _language, _counts in self.cards})


@dataclass
class _CardSeen:
    seconds: float = 0.0
    listened: bool = False
    qr: bool = False


Seen = tuple[str, str, str]  # (topic folder or "", card file name, language)


@dataclass
class _Visit:
    hour: int
    languages: list[str]
    seen: dict[Seen, _CardSeen] = field(default_factory=dict)
    helpful: dict[Seen, bool] = field(default_factory=dict)  # last answer per card and language
    opened: dict[str, str] = field(default_factory=dict)  # topic folder → the language it was opened in
    completed: bool = False


class VisitRecorder:
    """Follows the screens of the visit in progress; `end()` hands back its counts and forgets it.

    A visit begins with the first card shown and ends at the welcome screen, the idle reset or a clean
    stop. Language, text size and contrast are followed between visits too, because a patient may
    choose them on the welcome screen before touching Start. `clock` measures time on a card
    (monotonic seconds); `now` says which hour it is.
    """

    def __init__(
        self,
        *,
        language: str = "en",
        text_size: str = "normal",
        high_contrast: bool = False,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),  # aware: the two 01:00 hours of an autumn change differ
    ) -> None:
        self._clock = clock
        self._now = now
        self.language = language
        self.text_size = text_size
        self.high_contrast = high_contrast
        self._visit: _Visit | None = None
        self._card: str | None = None  # card file name on screen, if a card is on screen
        self._topic = ""  # the topic of the card shown last ("" with one deck)
        self._card_qr = False
        self._card_since = 0.0

    @property
    def in_visit(self) -> bool:
        return self._visit is not None

    def reset_choices(self, language: str, text_size: str, high_contrast: bool) -> None:
        """The kiosk went back to kiosk.toml's defaults (the idle reset)."""
        self.language, self.text_size, self.high_contrast = language, text_size, high_contrast

    # --- what is on screen ---------------------------------------------------------------------

    def show_card(self, slug: str, *, has_qr: bool = False, topic: str = "") -> None:
        """Card `slug` (of `topic`, in a topic library) is on screen; its topic's first card of the
        visit counts the topic as opened."""
        now = self._clock()
        self._leave_card(now)
        if self._visit is None:
            self._visit = _Visit(hour_key(self._now()), [self.language])
        if topic:
            self._visit.opened.setdefault(topic, self.language)
        seen = self._visit.seen.setdefault((topic, slug, self.language), _CardSeen())
        seen.qr = seen.qr or has_qr
        self._card, self._topic, self._card_qr, self._card_since = slug, topic, has_qr, now

    def show_contact(self) -> None:
        self._leave_card(self._clock())
        if self._visit is not None:
            self._visit.completed = True

    def show_grid(self) -> None:
        """The topics grid of a topic library: time on the card stops, the visit goes on."""
        self._leave_card(self._clock())

    def show_welcome(self) -> VisitCounts | None:
        """Back at the start: the visit (if any) is over."""
        return self.end(EndReason.HOME)

    # --- what the patient chose ----------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Time on the card so far counts for the old language; the card is seen anew in the new one."""
        if language == self.language:
            return
        slug, has_qr = self._card, self._card_qr
        self._leave_card(self._clock())
        self.language = language
        if self._visit is not None:
            if language not in self._visit.languages:
                self._visit.languages.append(language)
            if slug is not None:
                self.show_card(slug, has_qr=has_qr, topic=self._topic)

    def set_text_size(self, text_size: str) -> None:
        self.text_size = text_size

    def set_high_contrast(self, on: bool) -> None:
        self.high_contrast = on

    def helpful(self, slug: str, yes: bool) -> None:
        """A "Was this helpful?" answer; a second tap in the same visit replaces the first."""
        if self._visit is not None:
            self._visit.helpful[(self._topic, slug, self.language)] = yes

    def listened(self, slug: str | None = None) -> None:
        """Listen was used on `slug` (default: the card on screen)."""
        slug = slug or self._card
        if self._visit is None or slug is None:
            return
        self._visit.seen.setdefault((self._topic, slug, self.language), _CardSeen()).listened = True

    # --- the end -------------------------------------------------------------------------------

    def end(self, reason: EndReason, *, unattended_s: float = 0.0) -> VisitCounts | None:
        """Finish the visit in progress (None if there is none) and forget it.

        `unattended_s`: how long the screen sat untouched before the end (the idle timeout and its
        countdown), which is not time anyone spent reading.
        """
        now = self._clock()
        self._leave_card(now - unattended_s)
        visit, self._visit = self._visit, None
        if visit is None:
            return None
        cards = []
        for (topic, slug, language), seen in visit.seen.items():
            dwell = [0] * DWELL_BUCKETS
            dwell[dwell_bucket(seen.seconds)] = 1
            answer = visit.helpful.get((topic, slug, language))
            cards.append((topic, slug, language, CardCounts(
                views=1,
                completions=int(visit.completed),
                listens=int(seen.listened),
                qr_shown=int(seen.qr),
                helpful_yes=int(answer is True),
                helpful_no=int(answer is False),
                dwell=tuple(dwell),
            )))
        return VisitCounts(
            hour=visit.hour,
            completed=visit.completed,
            idle_reset=reason is EndReason.IDLE,
            languages=tuple(visit.languages),
            text_size=self.text_size,
            high_contrast=self.high_contrast,
            cards=tuple(cards),
            topics=tuple(visit.opened.items()),
        )

    def _leave_card(self, until: float) -> None:
        if self._card is not None and self._visit is not None:
            seen = self._visit.seen[(self._topic, self._card, self.language)]
            seen.seconds += max(0.0, until - self._card_since)
        self._card = None


def add_visits(visits: list[VisitCounts]) -> dict[tuple[str, str, str], CardCounts]:
    """Cards' counts summed over visits, by (topic, card, language) (tests and the bench check the store's totals)."""
    totals: dict[tuple[str, str, str], CardCounts] = {}
    for visit in visits:
        for topic, slug, language, counts in visit.cards:
            totals[(topic, slug, language)] = totals.get((topic, slug, language), CardCounts()) + counts
    return totals


"""One patient's visit, and the screens it moves through.

The page convention lives here and nowhere else: screen 0 is the welcome screen, then one screen
per topic card in file-name order, then the contact screen when the clinic gave contact facts. In a
topic library, screen 1 is the grid of topics, and the cards and contact screen of the topic the
patient opened follow it. Widgets, the wiring, `kiosk snapshot` and `kiosk speak` ask a `Screens`
value instead of counting pages themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import PurePath

from kiosk.core.config import KioskSettings


class Kind(Enum):
    WELCOME = "welcome"
    TOPICS = "topics"  # the grid of a topic library
    CARD = "card"
    CONTACT = "contact"


@dataclass(frozen=True)
class Screen:
    """What one page shows: the welcome screen, the topics grid, the card from file `slug`, or the
    contact screen; `topic` is the topic folder a card or contact screen belongs to ("" in a kiosk
    with one deck)."""

    kind: Kind
    slug: str = ""
    topic: str = ""

    @property
    def name(self) -> str:
        """Name used for snapshot files: 'welcome', 'topics', 'contact', or the card's file name without its number."""
        if self.kind is not Kind.CARD:
            return self.kind.value
        stem = PurePath(self.slug).stem
        return re.sub(r"^\d+[-_ ]*", "", stem) or stem


WELCOME = Screen(Kind.WELCOME)
TOPICS = Screen(Kind.TOPICS)
CONTACT = Screen(Kind.CONTACT)


@dataclass(frozen=True)
class Screens:
    """The pages of one deck in one language: welcome, the cards (by file name), contact if any.

    In a topic library (`grid`) page 1 is the grid of topics, and the pages of the open `topic`
    follow it; with no topic open there are only the welcome screen and the grid. The dots and
    "3 of 7" count the open deck's pages only.
    """

    slugs: tuple[str, ...] = ()
    has_contact: bool = False
    grid: bool = False
    topic: str = ""

    @property
    def deck_start(self) -> int:
        """The first page of the deck: its first card (or its contact screen)."""
        return 2 if self.grid else 1

    @property
    def count(self) -> int:
        return self.deck_start + len(self.slugs) + int(self.has_contact)

    def __len__(self) -> int:
        return self.count

    def at(self, index: int) -> Screen:
        start = self.deck_start
        if index == 0:
            return WELCOME
        if self.grid and index == 1:
            return TOPICS
        if start <= index < start + len(self.slugs):
            return Screen(Kind.CARD, self.slugs[index - start], self.topic)
        if self.has_contact and index == start + len(self.slugs):
            return Screen(Kind.CONTACT, topic=self.topic)
        raise IndexError(f"there is no screen {index}; screens are 0 to {self.count - 1}")

    def all(self) -> list[Screen]:
        return [self.at(index) for index in range(self.count)]

    def index_of(self, screen: Screen) -> int | None:
        """Page that shows `screen`, or None when this deck has no such screen."""
        if screen.kind is Kind.WELCOME:
            return 0
        if screen.kind is Kind.TOPICS:
            return 1 if self.grid else None
        if screen.topic != self.topic:
            return None
        if screen.kind is Kind.CONTACT:
            return self.deck_start + len(self.slugs) if self.has_contact else None
        return self.slugs.index(screen.slug) + self.deck_start if screen.slug in self.slugs else None

    @property
    def first(self) -> int:
        """Where "Touch to start" goes: the grid, or the first card (or the contact screen when there
        are no cards)."""
        return 1 if self.count > 1 else 0

    @property
    def home(self) -> int:
        """Where Home goes: the grid in a library, else the welcome screen."""
        return 1 if self.grid else 0

    def after_reload(self, screen: Screen) -> int:
        """Page to show after new content arrives while `screen` was on: the same screen, or its nearest.

        A card that was removed gives way to the next card by file name (or the last card); the
        contact screen, when it is gone, to the last card; a screen of another topic to Home.
        """
        found = self.index_of(screen)
        if found is not None:
            return found
        if screen.topic != self.topic or screen.kind is Kind.TOPICS:
            return self.home if self.count > self.home else 0
        if screen.kind is Kind.CARD:
            later = [index for index, slug in enumerate(self.slugs, start=self.deck_start) if slug > screen.slug]
            if later:
                return later[0]
        return self.deck_start + len(self.slugs) - 1 if self.slugs else self.home

    # --- what the navigation bar shows: one dot per page of the deck ----------------------------

    @property
    def dot_count(self) -> int:
        return self.count - self.deck_start

    def dot_of(self, index: int) -> int | None:
        """Dot (0-based) of page `index`; None on the welcome screen and the grid."""
        return index - self.deck_start if self.deck_start <= index < self.count else None

    def page_of_dot(self, dot: int) -> int:
        return dot + self.deck_start

    def position(self, index: int) -> tuple[int, int] | None:
        """("3 of 8") for page `index`, counted like the dots; None on the welcome screen and the grid."""
        dot = self.dot_of(index)
        return None if dot is None else (dot + 1, self.dot_count)

    def is_last(self, index: int) -> bool:
        return index >= self.count - 1


class IdleAction(Enum):
    NOTHING = "nothing"
    ASK = "ask"  # "Still reading?" with a countdown, then the reset
    RESET = "reset"  # straight back to the start for the next patient


def on_idle(*, on_welcome: bool, staff_open: bool, panel_open: bool, visit_changed: bool, reading: bool = False) -> IdleAction:
    """What a quiet kiosk does: ask a patient who is mid-visit, reset what a walked-away one left.

    Nobody is asked on the welcome screen, but choices made there (Español, a larger text size)
    or an open panel are cleared without a prompt; the staff panel left open is closed. While Listen
    reads a screen aloud the kiosk is in use: nothing happens, and Listen restarts the countdown
    when the reading ends.
    """
    if reading and not staff_open:
        return IdleAction.NOTHING
    if not on_welcome and not staff_open:
        return IdleAction.ASK
    if staff_open or panel_open or visit_changed:
        return IdleAction.RESET
    return IdleAction.NOTHING


def uptime_text(seconds: float) -> str:
    """"2 h 5 min" or "4 min 12 s", for the staff panel."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours} h {rest // 60} min" if hours else f"{rest // 60} min {rest % 60} s"


@dataclass(frozen=True)
class Visit:
    """What one patient chose; the idle reset puts it back to kiosk.toml's defaults for the next."""

    language: str
    text_size: str = "normal"
    high_contrast: bool = False
    volume: int = 70  # percent, Listen's − and +; starts at [speech] volume

    @classmethod
    def default_for(cls, settings: KioskSettings) -> Visit:
        return cls(settings.languages[0], settings.text_size, settings.high_contrast)

    def after_settings_change(self, settings: KioskSettings) -> Visit:
        """The visit once kiosk.toml changed mid-visit: choices stay, unless the language is gone."""
        if self.language in settings.languages:
            return self
        return replace(self, language=settings.languages[0])

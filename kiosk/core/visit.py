"""One patient's visit, and the screens it moves through.

The page convention lives here and nowhere else: screen 0 is the welcome screen, then one screen
per topic card in file-name order, then the contact screen when the clinic gave contact facts.
Widgets, the wiring, `kiosk snapshot` and `kiosk speak` ask a `Screens` value instead of
counting pages themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import PurePath

from kiosk.core.config import KioskSettings


class Kind(Enum):
    WELCOME = "welcome"
    CARD = "card"
    CONTACT = "contact"


@dataclass(frozen=True)
class Screen:
    """What one page shows: the welcome screen, the card from file `slug`, or the contact screen."""

    kind: Kind
    slug: str = ""

    @property
    def name(self) -> str:
        """Name used for snapshot files: 'welcome', 'contact', or the card's file name without its number."""
        if self.kind is not Kind.CARD:
            return self.kind.value
        stem = PurePath(self.slug).stem
        return re.sub(r"^\d+[-_ ]*", "", stem) or stem


WELCOME = Screen(Kind.WELCOME)
CONTACT = Screen(Kind.CONTACT)


@dataclass(frozen=True)
class Screens:
    """The pages of one deck in one language: welcome, the cards (by file name), contact if any."""

    slugs: tuple[str, ...] = ()
    has_contact: bool = False

    @property
    def count(self) -> int:
        return 1 + len(self.slugs) + int(self.has_contact)

    def __len__(self) -> int:
        return self.count

    def at(self, index: int) -> Screen:
        if index == 0:
            return WELCOME
        if 1 <= index <= len(self.slugs):
            return Screen(Kind.CARD, self.slugs[index - 1])
        if self.has_contact and index == len(self.slugs) + 1:
            return CONTACT
        raise IndexError(f"there is no screen {index}; screens are 0 to {self.count - 1}")

    def all(self) -> list[Screen]:
        return [self.at(index) for index in range(self.count)]

    def index_of(self, screen: Screen) -> int | None:
        """Page that shows `screen`, or None when this deck has no such screen."""
        if screen.kind is Kind.WELCOME:
            return 0
        if screen.kind is Kind.CONTACT:
            return len(self.slugs) + 1 if self.has_contact else None
        return self.slugs.index(screen.slug) + 1 if screen.slug in self.slugs else None

    @property
    def first(self) -> int:
        """Where "Touch to start" goes: the first card (or the contact screen when there are no cards)."""
        return 1 if self.count > 1 else 0

    def after_reload(self, screen: Screen) -> int:
        """Page to show after new content arrives while `screen` was on: the same screen, or its nearest.

        A card that was removed gives way to the next card by file name (or the last card); the
        contact screen, when it is gone, to the last card.
        """
        found = self.index_of(screen)
        if found is not None:
            return found
        if screen.kind is Kind.CARD:
            later = [index for index, slug in enumerate(self.slugs, start=1) if slug > screen.slug]
            if later:
                return later[0]
        return len(self.slugs) if self.slugs else 0

    # --- what the navigation bar shows: one dot per page after the welcome screen --------------

    @property
    def dot_count(self) -> int:
        return self.count - 1

    def dot_of(self, index: int) -> int | None:
        """Dot (0-based) of page `index`; None on the welcome screen."""
        return index - 1 if 0 < index < self.count else None

    def page_of_dot(self, dot: int) -> int:
        return dot + 1

    def position(self, index: int) -> tuple[int, int] | None:
        """("3 of 8") for page `index`, counted like the dots; None on the welcome screen."""
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

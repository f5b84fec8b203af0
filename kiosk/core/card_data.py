"""A card as the screens, Listen and the handout get it, and what loading its file gave.

Data only, apart from how cards are read (kiosk.core.cards) and parsed (kiosk.core.card_parse), so
whatever only shows or keeps cards (the parse cache among them) loads no parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.governance import Governance
from kiosk.core.media import PAPER
from kiosk.core.picture_files import ShownPicture
from kiosk.core.problems import Problem
from kiosk.core.reading import ReadingBlock

# The crisis callout (kiosk.core.crisis) as rendered: its HTML, and its blocks for Listen.
Callout = tuple[str, tuple[ReadingBlock, ...]]


@dataclass(frozen=True)
class Card:
    """One topic card, ready to show. `slug` (the file name) identifies it across reloads and languages."""

    slug: str
    path: Path
    title: str
    icon: str | None
    image: Path | None
    html: str
    qr: str | None = None
    blocks: tuple[ReadingBlock, ...] = ()  # the body in reading order (kiosk.core.reading)
    governance: Governance = field(default_factory=Governance)
    body: str = ""  # the Markdown below the header, for the plain-language and fit checks
    body_line: int = 1  # file line of the body's first line
    qr_label: str | None = None  # what the take-home QR opens, in the card's words; None: the interface default
    audio: Path | None = None  # staff-recorded narration (WAV) Listen plays instead of the voice
    # The header picture and each picture in the text, checked by their bytes: views make room
    # for them at once and draw them when decoded off the screen thread.
    pictures: tuple[ShownPicture, ...] = ()
    # The body as the printed handout has it (kiosk.core.media: lines for paper only); None: as on screen.
    paper_html: str | None = None
    paper_blocks: tuple[ReadingBlock, ...] | None = None
    crisis: bool = False  # `crisis: true`: ends with the clinic's crisis line (kiosk.core.crisis)

    def picture(self, path: Path | str) -> ShownPicture | None:
        """One of the card's pictures, with its size."""
        return next((shown for shown in self.pictures if shown.path == str(path)), None)

    def html_for(self, medium: str) -> str:
        return self.paper_html if medium == PAPER and self.paper_html is not None else self.html

    def blocks_for(self, medium: str) -> tuple[ReadingBlock, ...]:
        return self.paper_blocks if medium == PAPER and self.paper_blocks is not None else self.blocks


@dataclass(frozen=True)
class CardResult:
    """`card` is None when an error keeps the card off the screen."""

    card: Card | None
    problems: tuple[Problem, ...]

"""What the printable handout holds: the clinic, every card shown today, and the questions to ask.

Built from the same content the kiosk shows (the same cards, in the same order, left out on the same
days), so a handout never says something the screen does not. Drawing it is the PDF writer's job
(kiosk.handout.runtime); this module only decides the contents, without Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.core.cards import Card
from kiosk.core.config import Clinic
from kiosk.core.reading import LIST_ITEM, PARAGRAPH
from kiosk.core.store import ContentState
from kiosk.core.strings import Strings, strings_for

# "Ask your care team: …?" in any language: a short lead-in (a few words, usually bold) and a colon.
_LEAD_IN = re.compile(r"^(?P<lead>[^:?¿]{2,60}):\s*(?P<question>.+\?\W*)$")
_MAX_LEAD_WORDS = 10  # Spanish lead-ins run longer: "En su próxima cita, pregúntele a su equipo médico:"


@dataclass(frozen=True)
class HandoutCard:
    title: str
    html: str  # the card's body exactly as the kiosk renders it
    image: Path | None
    qr: str | None
    footer: str  # source and reviewed date, when the card has them; "" otherwise


@dataclass(frozen=True)
class Handout:
    language: str
    strings: Strings
    heading: str
    subtitle: str
    clinic: Clinic
    cards: tuple[HandoutCard, ...]
    questions: tuple[str, ...]

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(card.title for card in self.cards)


def questions_in(cards: tuple[Card, ...]) -> tuple[str, ...]:
    """The questions the cards suggest asking, in card order, each once.

    Two shapes count, whatever the language: a paragraph that is a short lead-in, a colon and a
    question ("**Ask your care team:** Is it safe for me?"), and a list item that is a question
    (a "Questions you could ask:" list). A question in running text is the card talking, not one
    for the patient to ask, and is left alone.
    """
    found: dict[str, str] = {}
    for card in cards:
        for block in card.blocks:
            text = " ".join(block.text.split())
            question = None
            match = _LEAD_IN.match(text)
            if match and len(match.group("lead").split()) > _MAX_LEAD_WORDS:
                match = None
            if block.kind in (PARAGRAPH, LIST_ITEM) and match:
                question = match.group("question")  # the lead-in ("Ask your care team:") is not printed
            elif block.kind == LIST_ITEM and text.rstrip(" .)\"'»”").endswith("?"):
                question = text
            if question:
                found.setdefault(question.casefold(), question)
    return _without_combined(tuple(found.values()))


_SENTENCE_END = re.compile(r"(?<=[?.!])\s+")


def _without_combined(questions: tuple[str, ...]) -> tuple[str, ...]:
    """Drop a line that only strings together questions also asked on their own ("What if I feel
    scared? What will it cost?" when both are asked elsewhere), so each question is printed once."""
    sentences = [frozenset(part.casefold() for part in _SENTENCE_END.split(q)) for q in questions]

    def combined(index: int) -> bool:
        parts = [other for n, other in enumerate(sentences) if n != index and other < sentences[index]]
        return bool(parts) and frozenset().union(*parts) == sentences[index]

    return tuple(q for n, q in enumerate(questions) if not combined(n))


def card_footer(card: Card, strings: Strings) -> str:
    parts = []
    if card.governance.source:
        parts.append(strings["handout_source"].format(source=card.governance.source))
    if card.governance.reviewed:
        parts.append(strings["handout_reviewed"].format(date=card.governance.reviewed.isoformat()))
    return " · ".join(parts)


def build_handout(state: ContentState, language: str, today: date) -> Handout:
    """The handout for `language` (a deck of the content; ValueError when there is none)."""
    if language not in state.config.kiosk.languages:
        known = ", ".join(state.config.kiosk.languages)
        raise ValueError(f"no language '{language}' in this content (it has: {known})")
    strings = strings_for(language)
    cards = tuple(card for card in state.cards(language) if card.governance.is_shown(today))  # as on screen
    heading, subtitle = state.config.welcome.for_language(language)
    return Handout(
        language=language,
        strings=strings,
        heading=heading,
        subtitle=subtitle,
        clinic=state.config.clinic,
        cards=tuple(HandoutCard(card.title, card.html, card.image, card.qr, card_footer(card, strings)) for card in cards),
        questions=questions_in(cards),
    )


def handout_file_name(language: str, today: date) -> str:
    return f"handout-{language}-{today.isoformat()}.pdf"

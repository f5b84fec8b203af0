"""What the printable handout holds: the clinic, every card shown today, and the questions to ask.

Built from the same content the kiosk shows (the same cards, in the same order, left out on the same
days), so a handout never says something the screen does not, except where a card words a line for
paper only or the screen only (`[paper]`, `[screen]`: kiosk.core.media). Each question the cards
ask is printed once, in the checklist at the end, not again in its card; a deck that ends with a
card of questions has that card printed as the checklist (its title, its own words above the list).
In a topic library the handout holds every topic within its show dates today (or the one asked
for), each starting on a new page under its title; the clinic's page comes once, first. A topic's
days of the week and hours are left aside: a patient takes the handout home, and a morning-only
topic is as true in the afternoon. Drawing it is the PDF writer's job (kiosk.handout.runtime); this module decides the contents, without Qt.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

from kiosk.core.cards import Card
from kiosk.core.config import Clinic
from kiosk.core.media import PAPER
from kiosk.core.reading import LIST_ITEM, PARAGRAPH, ReadingBlock
from kiosk.core.store import ContentState
from kiosk.core.strings import Strings, strings_for
from kiosk.core.topics import Topic, unknown_topic

# "Ask your care team: …?" in any language: a short lead-in (a few words, usually bold) and a colon.
_LEAD_IN = re.compile(r"^(?P<lead>[^:?¿]{2,80}):\s*(?P<question>.+\?\W*)$")
# Spanish lead-ins run longer: "Antes de dejar o cambiar una medicina, pregúntele a su equipo médico:"
_MAX_LEAD_WORDS = 14


@dataclass(frozen=True)
class HandoutCard:
    title: str
    html: str  # the card's body as the kiosk renders it for paper, less the questions the checklist prints
    image: Path | None
    qr: str | None
    footer: str  # source, reviewed date and sign-off, when the card has them; "" otherwise
    qr_caption: str = ""  # what the card's QR code opens, in its own words (`qr_label`) or the interface's
    topic: str = ""  # in a topic library, the title of the card's topic


@dataclass(frozen=True)
class Handout:
    language: str
    strings: Strings
    heading: str
    subtitle: str
    clinic: Clinic
    cards: tuple[HandoutCard, ...]
    questions: tuple[str, ...]
    checklist_title: str = ""  # the questions card's title, or the interface's "Questions to ask your care team"
    checklist_intro: str = ""  # that card's own words above its questions (HTML), if any

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(card.title for card in self.cards)

    @property
    def topics(self) -> tuple[str, ...]:
        """The topics' titles in order, in a topic library; () for a kiosk with one deck."""
        return tuple(dict.fromkeys(card.topic for card in self.cards if card.topic))


def question_of(block: ReadingBlock) -> str | None:
    """The question `block` suggests asking, if it is one: a paragraph or list item that is a short
    lead-in, a colon and a question ("**Ask your care team:** Is it safe for me?"), or a list item
    that is a question. A question in running text is the card talking, not one to ask."""
    text = " ".join(block.text.split())
    match = _LEAD_IN.match(text)
    if match and len(match.group("lead").split()) > _MAX_LEAD_WORDS:
        match = None
    if block.kind in (PARAGRAPH, LIST_ITEM) and match:
        return match.group("question")  # the lead-in ("Ask your care team:") is not printed
    if block.kind == LIST_ITEM and text.rstrip(" .)\"'»”").endswith("?"):
        return text
    return None


def questions_in(cards: tuple[Card, ...]) -> tuple[str, ...]:
    """The questions the cards suggest asking, in card order, each once.

    Two shapes count, whatever the language: a paragraph that is a short lead-in, a colon and a
    question ("**Ask your care team:** Is it safe for me?"), and a list item that is a question
    (a "Questions you could ask:" list). A question in running text is the card talking, not one
    for the patient to ask, and is left alone.
    """
    found: dict[str, str] = {}
    for card in cards:
        for block in card.blocks_for(PAPER):
            if question := question_of(block):
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
    governance = card.governance
    parts = []
    if governance.source:
        parts.append(strings["handout_source"].format(source=governance.source))
    if governance.reviewed:
        parts.append(strings["handout_reviewed"].format(date=governance.reviewed.isoformat()))
    if governance.approved_by:
        when = governance.approved.isoformat() if governance.approved else ""
        parts.append(strings["handout_approved"].format(name=governance.approved_by, date=when).rstrip(", "))
    return " · ".join(parts)


_ITEM = re.compile(r"<li>(?:(?!<li>).)*?</li>\n?", re.S)
_PARAGRAPH = re.compile(r"<p>(.*?)</p>\n?", re.S)
_LEAD_AND_LIST = re.compile(
    r"(?P<lead><p>(?:(?!</?p>).)*:(?:</\w+>)*</p>\n)?(?P<list><(?P<tag>ul|ol)>\n(?P<items>.*?)</(?P=tag)>\n?)", re.S)
_TAGS = re.compile(r"<[^>]+>")


def _plain(markup: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", markup)).split())


def without_questions(markup: str, asked: set[str]) -> str:
    """A card's HTML less the questions the checklist prints: question list items (with the lead-in
    paragraph of a list left empty, "Ask your care team:") and lead-in question paragraphs."""

    def is_asked(text: str) -> bool:
        match = _LEAD_IN.match(text)
        return text.casefold() in asked or bool(match and match.group("question").casefold() in asked)

    def in_list(found: re.Match[str]) -> str:
        # Items holding a list of their own are never matched whole, so never removed.
        items = _ITEM.sub(lambda item: "" if is_asked(_plain(item[0])) else item[0], found["items"])
        if items == found["items"]:
            return found[0]
        if "<li>" not in items:
            return ""  # every item went to the checklist: the lead-in ("Ask your care team:") goes too
        return (found["lead"] or "") + f"<{found['tag']}>\n{items}</{found['tag']}>\n"

    markup = _LEAD_AND_LIST.sub(in_list, markup)
    return _PARAGRAPH.sub(lambda found: "" if is_asked(_plain(found[1])) else found[0], markup).strip()


def _is_questions_card(card: Card) -> bool:
    """A card whose list items are all questions (and that has some): printed as the checklist."""
    items = [block for block in card.blocks_for(PAPER) if block.kind == LIST_ITEM]
    return bool(items) and all(question_of(block) for block in items)


def build_handout(state: ContentState, language: str, today: date, topic: str | None = None) -> Handout:
    """The handout for `language` (a deck of the content; ValueError when there is none); `topic`:
    that topic of a library alone (its folder name)."""
    if language not in state.config.kiosk.languages:
        known = ", ".join(state.config.kiosk.languages)
        raise ValueError(f"no language '{language}' in this content (it has: {known})")
    strings = strings_for(language)
    decks = _topics(state, language, today, topic)
    title_of = {id(card): deck.title(language) if state.library else "" for deck in decks for card in deck.cards(language)}
    cards = tuple(card for deck in decks for card in deck.cards(language) if card.governance.is_shown(today))  # as on screen
    heading, subtitle = state.config.welcome.for_language(language)
    questions = questions_in(cards)
    asked = {question.casefold() for question in questions}
    checklist = cards[-1] if cards and _is_questions_card(cards[-1]) else None
    printed = tuple(
        HandoutCard(card.title, without_questions(card.html_for(PAPER), asked), card.image, card.qr, card_footer(card, strings),
                    card.qr_label or strings["card_qr"], title_of[id(card)])
        for card in cards if card is not checklist
    )
    return Handout(
        language=language,
        strings=strings,
        heading=heading,
        subtitle=subtitle,
        clinic=state.config.clinic.for_language(language),
        cards=printed,
        questions=questions,
        checklist_title=checklist.title if checklist else strings["handout_questions"],
        checklist_intro=without_questions(checklist.html_for(PAPER), asked) if checklist else "",
    )


def _topics(state: ContentState, language: str, today: date, topic: str | None) -> list[Topic]:
    """The decks the handout holds: the one deck, or the library's topics within their show dates today."""
    if not state.library:
        return list(state.topics)
    if topic is not None:
        found = state.topic(topic)
        if found is None:
            raise ValueError(unknown_topic([t.name for t in state.topics], topic))
        return [found]
    noon = datetime.combine(today, time(12))
    return [deck for deck in state.topics if replace(deck.info.window, days=(), hours=None).is_on(noon) and deck.cards(language)]


def handout_file_name(language: str, today: date) -> str:
    return f"handout-{language}-{today.isoformat()}.pdf"

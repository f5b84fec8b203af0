"""What the kiosk says when a patient taps Listen: each screen as blocks of sentences, in reading order.

Qt-free, so `kiosk speak` prints exactly what the running kiosk hands its speech engine, and staff
can proof-read it without a speaker. A card's body comes from `Card.blocks` (kiosk.core.reading),
made from the same tokens the card is drawn from. A block is one thing on the screen (the title, a paragraph, a
list item, a table row, a contact fact); the kiosk highlights the block being read. Sentences are
handed to the engine one at a time, so Pause and Stop act within a sentence of the tap and the
highlight follows engines that report no word positions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.core.cards import Card
from kiosk.core.config import Clinic, Config
from kiosk.listen.core.spoken_facts import spoken_address, spoken_phone, spoken_website
from kiosk.core.reading import LIST_ITEM, TABLE_HEADER, TABLE_ROW, ReadingBlock
from kiosk.core.store import ContentState
from kiosk.core.strings import Strings, strings_for
from kiosk.core.topics import Topic, on_grid
from kiosk.core.visit import Kind, Screen, Screens

# A sentence ends at . ! ? or … (perhaps inside a closing quote or bracket) before a space and a
# capital, a digit or Spanish's opening ¿ ¡. "approx. five" is not split; listed abbreviations
# followed by a capital ("Dr. Lee") are joined again.
_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)\]]))\s+(?=[¿¡\"“'‘(]?[A-ZÁÉÍÓÚÑÜ0-9])")
_ABBREVIATIONS = {
    "dr", "dra", "drs", "mr", "mrs", "ms", "sr", "sra", "srta", "st", "ave", "no", "núm", "vs",
    "e.g", "i.e", "p. ej", "ej", "approx", "aprox", "min", "máx", "mín", "prof", "lic", "ud", "uds",
}
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’)\]]*$")
# Characters that are markup or decoration, never words: a stray `**` or `#` must not be read out.
_MARKUP_CHARS = re.compile(r"[*_#`|~^\\<>]+")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Words only: markup characters, emoji and other symbols removed, spaces collapsed."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char == "\u00ad":  # soft hyphen: invisible, and never a pause
            continue
        kept.append(" " if category in ("So", "Cs", "Co", "Cn", "Cf") else char)
    return _SPACES.sub(" ", _MARKUP_CHARS.sub(" ", "".join(kept))).strip()


@dataclass(frozen=True)
class SpokenBlock:
    """One thing on the screen, heard as `sentences`; `part` says where the screen shows it."""

    sentences: tuple[str, ...]
    part: str = "body"  # title, body, care (the care-team line), qr, welcome, topic, contact, prompt
    shown: str = ""  # the block's words as shown (body blocks), to find it on screen


@dataclass(frozen=True)
class ScreenSpeech:
    """Everything one screen says, in order. `audio` is a staff recording played instead, if any."""

    language: str
    blocks: tuple[SpokenBlock, ...]
    audio: Path | None = None

    def utterances(self) -> list[tuple[int, str]]:
        """(block index, sentence) in the order the engine is given them."""
        return [(index, sentence) for index, block in enumerate(self.blocks) for sentence in block.sentences]

    @property
    def text(self) -> str:
        """One sentence per line: what `kiosk speak` prints."""
        return "\n".join(sentence for _index, sentence in self.utterances())

    def __bool__(self) -> bool:
        return any(block.sentences for block in self.blocks)


def sentences(text: str) -> tuple[str, ...]:
    """Split `text` into sentences; the last one ends with a full stop if it had no end mark."""
    text = clean_text(text)
    if not text:
        return ()
    pieces: list[str] = []
    for piece in _SENTENCE_BREAK.split(text):
        if pieces and _ends_in_abbreviation(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    if not _ENDS_SENTENCE.search(pieces[-1]):
        pieces[-1] += "."  # a heading or list item without a full stop still ends with a pause
    return tuple(pieces)


def _ends_in_abbreviation(text: str) -> bool:
    last = text.rsplit(" ", 1)[-1].lower().rstrip(".")
    return text.endswith(".") and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()))


def _block(text: str, part: str, shown: str = "") -> SpokenBlock:
    return SpokenBlock(sentences(text), part, shown)


def body_block(block: ReadingBlock) -> SpokenBlock | None:
    """A block of the card's body as heard: an ordered item with its number, a table row with its
    headers ("Side effect: nausea; How often: common."); header rows are heard with each row."""
    if block.kind == TABLE_HEADER:
        return None
    if block.kind == TABLE_ROW:
        text = clean_text(block.text)
        return SpokenBlock((_with_end(text),), "body", block.cells[0] if block.cells else "") if text else None
    said = sentences(block.text)
    if said and block.kind == LIST_ITEM and block.number is not None:
        said = (f"{block.number}. {said[0]}", *said[1:])
    return SpokenBlock(said, "body", block.text)


def card_speech(card: Card, strings: Strings, *, footer: bool = True) -> ScreenSpeech:
    """Title, then the body block by block, the QR caption, and (`footer`) the care-team line.

    The care-team line is the same under every card, so the kiosk says it once a visit, after the
    first card read (kiosk.listen.wiring); `kiosk speak` prints it with each card. A card with a
    staff recording (`audio:`) carries it: the kiosk plays it instead of the voice, and `kiosk
    speak` still prints the text, as a transcript to check the recording against.
    """
    blocks = [_block(card.title, "title", card.title)]
    blocks += [spoken for block in card.blocks if (spoken := body_block(block)) is not None]
    if card.qr:
        blocks.append(_block(card.qr_label or strings["card_qr"], "qr"))  # the caption shown under the code
    if footer:
        blocks.append(_block(strings["care_team"], "care"))
    return ScreenSpeech(strings.language, tuple(b for b in blocks if b.sentences), card.audio)


def welcome_speech(config: Config, strings: Strings, *, startable: bool = True) -> ScreenSpeech:
    """`startable`: "Touch to start" leads somewhere; else the screen (and this) says there is nothing yet."""
    title, subtitle = config.welcome.for_language(strings.language)
    start = strings["touch_to_start"] if startable else strings["topics_none"]
    parts = [title, subtitle, config.clinic.name, start, strings["welcome_hint"] if startable else ""]
    return ScreenSpeech(strings.language, tuple(_block(text, "welcome") for text in parts if text.strip()))


def topics_speech(topics: tuple[Topic, ...], strings: Strings) -> ScreenSpeech:
    """The topics grid as a list: "Choose a topic. 1. The basics. What it is. 2. …"."""
    blocks = [_block(strings["topics_title"], "title")]
    for number, topic in enumerate(topics, start=1):
        title = topic.title(strings.language)
        summary = topic.info.for_language(strings.language).summary
        blocks.append(SpokenBlock((_with_end(f"{number}. {clean_text(title)}"), *sentences(summary)), "topic", title))
    if not topics:
        blocks.append(_block(strings["topics_none"], "topic"))
    return ScreenSpeech(strings.language, tuple(blocks))


def contact_speech(clinic: Clinic, strings: Strings, qr_caption: str | None = None) -> ScreenSpeech:
    """Where to get help now, first, then 'Phone: 3 0 1, 8 2 8, 9 5 1 3.': each fact with its label,
    in a form a listener can write down; in the language of `strings` ([clinic.<language>]).

    `qr_caption`: a topic's own QR code is shown instead of the website's, with this caption."""
    clinic = clinic.for_language(strings.language)
    blocks = [_block(strings["contact_title"], "title")]
    if clinic.crisis:
        blocks.append(_block(f"{strings['crisis_title']} {clinic.crisis}", "contact"))
    if clinic.name:
        blocks.append(_block(clinic.name, "contact"))
    facts = (
        ("address", clinic.address and spoken_address(clinic.address)),
        ("phone", clinic.phone and spoken_phone(clinic.phone, strings)),
        ("website", clinic.website and spoken_website(clinic.website, strings)),
    )
    for key, spoken in facts:
        if spoken:
            # One sentence per fact: a number read digit by digit must not be split at its dots.
            blocks.append(SpokenBlock((_with_end(f"{strings[f'contact_{key}']}: {spoken}"),), "contact"))
    if qr_caption or clinic.website:
        blocks.append(_block(qr_caption or strings["contact_scan"], "contact"))
    return ScreenSpeech(strings.language, tuple(blocks))


def idle_prompt_speech(strings: Strings) -> ScreenSpeech:
    """The 'Still reading?' warning, said aloud to a patient who was listening."""
    return ScreenSpeech(strings.language, (_block(f"{strings['idle_title']} {strings['idle_prompt']}", "prompt"),))


def _with_end(text: str) -> str:
    text = clean_text(text)
    return text if _ENDS_SENTENCE.search(text) else text + "."


def screens_of(state: ContentState, language: str, topic: str = "") -> Screens:
    """The screens as the kiosk numbers them: in a topic library, with `topic` open (or none)."""
    deck = state.topic(topic) if state.library else state.topics[0] if state.topics else None
    slugs = tuple(card.slug for card in deck.cards(language)) if deck is not None else ()
    return Screens(slugs, has_contact=deck is not None and not state.config.clinic.is_empty, grid=state.library,
                   topic=topic if state.library else "")


def screen_speech(state: ContentState, language: str, screen: Screen, now: datetime | None = None, *,
                  footer: bool = True) -> ScreenSpeech:
    """What `screen` says in `language` (a card the language lacks says nothing); `footer`: with the
    care-team line under a card; the grid lists the topics it shows at `now` (default: this moment)."""
    strings = strings_for(language)
    if screen.kind is Kind.WELCOME:
        return welcome_speech(state.config, strings, startable=state.library or screens_of(state, language).count > 1)
    if screen.kind is Kind.TOPICS:
        return topics_speech(on_grid(state.topics, language, now or datetime.now()), strings)
    topic = state.topic(screen.topic) if state.library else state.topics[0] if state.topics else None
    if screen.kind is Kind.CONTACT:
        info = topic.info.for_language(language) if topic is not None and state.library else None
        caption = (info.qr_label or strings["card_qr"]) if info is not None and info.qr else None
        return contact_speech(state.config.clinic, strings, caption)
    card = next((card for card in topic.cards(language) if card.slug == screen.slug), None) if topic is not None else None
    return card_speech(card, strings, footer=footer) if card is not None else ScreenSpeech(language, ())

"""`kiosk check`'s plain-language warnings: what a patient in the waiting room will struggle with.

Three things, each at the line staff should change: a card that reads above `[check] max_grade`
(Spanish: below `min_spanish_ease`), at its hardest sentence; each sentence longer than
`max_sentence_words`; and a card that gives the patient nothing to ask or do (no question, no
"Ask your care team", "Call us", "Pregunte a su equipo", ...), at its last line. All offline.
"""

from __future__ import annotations

import re

from kiosk.core import syllables_en
from kiosk.core.cards import Card
from kiosk.core.check_settings import CheckSettings
from kiosk.core.media import PAPER
from kiosk.core.problems import Problem, warning
from kiosk.core.reading import ReadingBlock
from kiosk.core.readability import Sentence, inflesz_band, score, sentences

MIN_WORDS_FOR_A_SCORE = 10  # below this one odd word swings the score by grades, and there is nothing to judge
# A sentence opening with one of these asks the patient to do something (after "Please"/"Por favor").
ACTIONS = {
    "en": {
        "ask", "call", "tell", "talk", "bring", "write", "scan", "speak", "let", "book", "check", "keep", "take",
        "make", "plan", "visit", "share", "stop", "avoid", "come", "contact", "note", "list", "arrive", "have",
        "read", "find", "see", "join", "text", "email", "phone", "wait", "rest", "follow", "sign", "fill",
    },
    "es": {
        "pregunte", "pregúntele", "llame", "llámenos", "hable", "dígale", "diga", "cuéntele", "traiga", "escriba",
        "escanee", "consulte", "avise", "avísenos", "lea", "tome", "haga", "pida", "comparta", "anote", "venga",
        "evite", "lleve", "planee", "visite", "contacte", "apunte", "espere", "descanse", "siga", "firme",
        "llene", "busque", "vea", "escríbanos", "reserve", "pídale",
    },
}
_POLITE = re.compile(r"^(please|por favor)[,\s]+", re.IGNORECASE)
EXAMPLE_ENDING = {
    "en": "'**Ask your care team:** Is this right for me?'",
    "es": "'**Pregúntele a su equipo médico:** ¿Es adecuado para mí?'",
}


def deck_problems(cards: tuple[Card, ...], language: str, settings: CheckSettings) -> list[Problem]:
    """The plain-language warnings of every card of one language, in card order."""
    found = [sentences(_every_block(card), card.body, card.body_line) for card in cards]
    if language.startswith("en"):  # one pass over the pronouncing dictionary for the whole deck
        syllables_en.syllable_counts({word for card in found for s in card for word in s.words})
    return [problem for card, its in zip(cards, found) for problem in _card_problems(card, its, language, settings)]


def _every_block(card: Card) -> tuple[ReadingBlock, ...]:
    """What the screen shows, then what only paper prints (kiosk.core.media): both are read by patients."""
    return card.blocks + tuple(block for block in card.blocks_for(PAPER) if block not in card.blocks)


def _card_problems(card: Card, found: list[Sentence], language: str, settings: CheckSettings) -> list[Problem]:
    if not found:
        return []
    problems = [*_reading_level(card, found, language, settings), *_long_sentences(card, found, settings)]
    if sum(len(s.words) for s in found) >= MIN_WORDS_FOR_A_SCORE and not _asks_or_acts(found, language):
        problems.append(warning(card.path, _last_line(card), (
            "nothing here for the patient to ask or do: end the card with a question for the care team "
            f"or a step to take, such as {EXAMPLE_ENDING.get(language[:2], EXAMPLE_ENDING['en'])}"
        )))
    return problems


def _reading_level(card: Card, found: list[Sentence], language: str, settings: CheckSettings) -> list[Problem]:
    result = score(found, language)
    if result is None or result.words < MIN_WORDS_FOR_A_SCORE:
        return []
    advice = "shorter sentences and everyday words help; the hardest sentence starts on this line"
    if language.startswith("es"):
        if result.value >= settings.min_spanish_ease:
            return []
        return [warning(card.path, result.hardest.line, (
            f"hard to read: Spanish reading ease (INFLESZ) is {result.value:.0f}, \"{inflesz_band(result.value)}\"; "
            f"aim for {settings.min_spanish_ease} or more ({advice})"
        ))]
    if result.value <= settings.max_grade:
        return []
    return [warning(card.path, result.hardest.line, (
        f"reads at grade {result.value:.1f}; aim for grade {settings.max_grade} or lower ({advice})"
    ))]


def _long_sentences(card: Card, found: list[Sentence], settings: CheckSettings) -> list[Problem]:
    limit = settings.max_sentence_words
    return [
        warning(card.path, sentence.line, (
            f"a sentence of {len(sentence.words)} words (more than {limit} is hard to follow): split it; "
            f"it starts '{' '.join(sentence.text.split()[:6])}…'"
        ))
        for sentence in found
        if len(sentence.words) > limit
    ]


def _asks_or_acts(found: list[Sentence], language: str) -> bool:
    verbs = ACTIONS.get(language[:2])
    for sentence in found:
        if "?" in sentence.text or "\u00bf" in sentence.text:
            return True
        if verbs is None:
            continue
        # "Ask your care team: ..." and "Questions? Call us." both start a sentence or follow a label.
        for part in re.split(r"[:;]\s*", _POLITE.sub("", sentence.text)):
            first = re.findall(r"[^\W\d_]+", _POLITE.sub("", part.strip()))
            if first and first[0].lower() in verbs:
                return True
    return verbs is None  # other languages: only a question can be recognised, so say nothing


def _last_line(card: Card) -> int:
    lines = card.body.split("\n")
    last = max((index for index, line in enumerate(lines) if line.strip()), default=0)
    return card.body_line + last

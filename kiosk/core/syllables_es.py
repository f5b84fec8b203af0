"""Spanish words split into syllables by the Real Academia's rules, for the Spanish reading-ease score.

Counting vowel groups is not enough in Spanish (textstat's count gives "anestésico" 4 syllables,
not 5): an accent on i or u breaks a diphthong (dí-a, ma-íz), two strong vowels never share a
syllable (le-er, po-e-ta), the u of que/qui/gue/gui is silent while ü is not (pin-güi-no), y is a
vowel at the end of a word (hoy, muy), and h between vowels does not separate them (ahu-ma-do).
Consonants between vowels go to the next syllable, except where a pair cannot start one
(ac-ción, ins-tru-men-to), with ch, ll and rr as single sounds and pr, bl, tr... kept together.
An acronym of capitals that cannot be said as a word is counted as its letters are named: "ISRS"
is i-e-se-e-rre-e-se (7), "IV" i-ve (2); one that can be said as a word ("ONU", "UCI") is a word.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

STRONG = set("aeoáéóíú")  # a, e, o, and any vowel with an accent (an accented i or u stands alone)
WEAK = set("iuü")
VOWELS = STRONG | WEAK
# Consonant pairs that start a syllable together: pr-, bl-, tr-, ... (and tl-, as in Mexico: a-tlas).
ONSETS = {a + b for a in "pbfgckt" for b in "lr"} | {"dr", "tl"}
_DIGRAPHS = ("ch", "ll", "rr")
# Syllables of each letter's name as said in Mexico and Central America: efe, hache, jota, ele,
# eme, ene, eñe, erre, ese, equis, zeta have two; doble u has three; the rest (a, be, ce, ve...) one.
_LETTER_SYLLABLES = {**dict.fromkeys("fhjlmnñrsxz", 2), "w": 3}
# The consonants that can close a Spanish syllable (pan, mes, sol, mar, red, luz, ...).
_CODAS = set("nslrdzxbc")


def count_syllables(word: str) -> int:
    """Syllables in one Spanish word as it is said (at least 1 for any word with a letter)."""
    letters = "".join(ch for ch in unicodedata.normalize("NFC", word) if ch.isalpha())
    if len(letters) >= 2 and letters.isupper() and not _sayable(letters.lower()):
        return sum(_LETTER_SYLLABLES.get(letter, 1) for letter in letters.lower())
    return len(syllabify(word)) or (1 if letters else 0)


def _sayable(letters: str) -> bool:
    """Whether an acronym reads as a Spanish word: every syllable has a vowel, starts with at most
    one consonant or a pair such as pr-, and ends in at most one of the consonants that close one."""
    for syllable in syllabify(letters):
        units = _units(syllable)
        kinds = [_kind(units, i) for i in range(len(units))]
        if "C" not in kinds:
            continue
        vowels = [i for i, kind in enumerate(kinds) if kind != "C"]
        if not vowels:
            return False
        onset, coda = units[: vowels[0]], units[vowels[-1] + 1 :]
        if len(onset) > 1 and "".join(onset) not in ONSETS:
            return False
        if len(coda) > 1 or any(unit not in _CODAS for unit in coda):
            return False
    return True


@lru_cache(maxsize=20_000)
def syllabify(word: str) -> tuple[str, ...]:
    """The syllables of `word`, lower-cased: syllabify("Anestésico") == ("a", "nes", "té", "si", "co")."""
    letters = "".join(ch for ch in unicodedata.normalize("NFC", word.lower()) if ch.isalpha())
    if not letters:
        return ()
    units = _units(letters)
    kinds = [_kind(units, i) for i in range(len(units))]
    nuclei = _nuclei(units, kinds)
    if not nuclei:
        return (letters,)
    # The consonants between two vowel groups are shared out by _onset_start; the first syllable
    # takes everything before its vowels and the last everything after.
    cuts = [end + _onset_start(units[end:start]) for (_, end), (start, _) in zip(nuclei, nuclei[1:])]
    bounds = [0, *cuts, len(units)]
    return tuple("".join(units[a:b]) for a, b in zip(bounds, bounds[1:]))


def _units(letters: str) -> list[str]:
    """Letters grouped into sounds: ch, ll and rr are one consonant; the silent u of qu/gu + e/i joins its consonant."""
    units: list[str] = []
    i = 0
    while i < len(letters):
        pair = letters[i : i + 2]
        if pair in _DIGRAPHS:
            units.append(pair)
            i += 2
        elif pair in ("qu", "gu") and i + 2 < len(letters) and letters[i + 2] in "eiéí":
            units.append(pair)
            i += 2
        else:
            units.append(letters[i])
            i += 1
    return units


def _kind(units: list[str], i: int) -> str:
    """'S' strong vowel, 'W' weak vowel, 'C' consonant (y is a vowel only at a word's end or before a consonant)."""
    unit = units[i]
    if unit in STRONG:
        return "S"
    if unit in WEAK:
        return "W"
    if unit == "y":
        after = units[i + 1] if i + 1 < len(units) else None
        before = units[i - 1] if i > 0 else None
        if after is None and before is not None and before in VOWELS:
            return "W"  # hoy, muy, rey, Paraguay
        if after is None and before is None:
            return "W"  # the word "y"
        if after is not None and after not in VOWELS and after != "y" and (before is None or before not in VOWELS):
            return "W"  # between consonants, as in old spellings
    return "C"


def _nuclei(units: list[str], kinds: list[str]) -> list[tuple[int, int]]:
    """(start, end) unit ranges of each syllable's vowel group, splitting groups at every hiatus."""
    nuclei: list[tuple[int, int]] = []
    count = len(units)
    i = 0
    while i < count:
        if kinds[i] == "C":
            i += 1
            continue
        start = last = i  # `last`: the group's last vowel so far
        while True:
            nxt = last + 1
            if nxt < count - 1 and units[nxt] == "h" and kinds[nxt + 1] != "C":
                nxt += 1  # a silent h between two vowels does not keep them apart
            if nxt >= count or kinds[nxt] == "C" or _hiatus(units[last], units[nxt], kinds[last], kinds[nxt]):
                break
            last = nxt
        nuclei.append((start, last + 1))
        i = last + 1
    return nuclei


def _hiatus(previous: str, current: str, previous_kind: str, kind: str) -> bool:
    """Whether two neighbouring vowels belong to different syllables."""
    if previous_kind == "S" and kind == "S":
        return True  # le-er, ca-os, dí-a, re-ú-ne
    if previous_kind == "W" and kind == "W":
        return previous == current  # chi-i-ta; iu and ui are diphthongs (ciu-dad, cui-da-do)
    return False


def _onset_start(consonants: list[str]) -> int:
    """Where, among the consonants between two vowel groups, the next syllable starts.

    One consonant starts the next syllable (ca-sa, a-hí); of several, the last starts it, or the
    last two when they can begin a syllable together (ha-blar, ins-tru-men-to, ac-ción).
    """
    count = len(consonants)
    if count <= 1:
        return 0
    return count - 2 if "".join(consonants[-2:]) in ONSETS else count - 1

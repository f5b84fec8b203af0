"""How words are said: a clinic's pronunciation list per language, `content/speech/<language>.toml`.

Speech engines guess at abbreviations, and some guesses mislead a patient: espeak-ng reads "IV" as
"the fourth" and "SSRIs" as one word. Staff write what the engine should hear instead:

    IV = "I.V."
    SSRIs = "S S R I's"

Each entry replaces the word wherever it stands as a whole word, with the same capitals, in the
text handed to the engine (and printed by `kiosk speak`); the screen is never changed.
- Whole words only: "IV" must not change "IVF" or "DIVE".
- Case-sensitive: an abbreviation is often an everyday word in small letters ("US" the country or
  "us", "OR" the operating room or "or", "IT" or "it"), and only the capitals mean the abbreviation.
Longer entries win over shorter ones that start the same ("IV drip" before "IV"), and a replacement
is never replaced again. A bad entry (not text, empty, inside a [section]) is a warning with its
file and line, and the rest of the list still applies; a file that is not valid TOML is an error
and no list is used for that language until it is fixed.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.files import FileMissing, FileTooLarge, FileUnreadable, read_regular
from kiosk.core.problems import Problem, error, warning
from kiosk.core.text_lines import TOML_END, TOML_LINE, bad_byte_line
from kiosk.listen.core.spoken import ScreenSpeech, SpokenBlock

SPEECH_FOLDER = "speech"
MAX_LIST_BYTES = 256 * 1024
MAX_WORD_CHARS = 60
EXAMPLE = 'write entries as  IV = "I.V."  (the word as written, then how to say it)'


@dataclass(frozen=True)
class Pronunciation:
    """One language's list: (written, said) pairs, longest written form first."""

    words: tuple[tuple[str, str], ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, words: dict[str, str]) -> Pronunciation:
        ordered = tuple(sorted(words.items(), key=lambda item: (-len(item[0]), item[0])))
        if not ordered:
            return cls()
        alternatives = "|".join(re.escape(written) for written, _said in ordered)
        return cls(ordered, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"))

    def apply(self, text: str) -> str:
        """`text` with every listed word said as the list says (one pass: no replacement is replaced)."""
        if self._pattern is None:
            return text
        said = dict(self.words)

        def replace(match: re.Match[str]) -> str:
            words = said[match.group(0)]
            # "I.V." at the end of "The IV." keeps one full stop, not two
            return words[:-1] if words.endswith(".") and text.startswith(".", match.end()) else words

        return self._pattern.sub(replace, text)

    def __bool__(self) -> bool:
        return bool(self.words)


@dataclass(frozen=True)
class PronunciationList:
    path: Path
    pronunciation: Pronunciation
    problems: tuple[Problem, ...] = ()


def list_path(root: Path, language: str) -> Path:
    return root / SPEECH_FOLDER / f"{language}.toml"


def _key_line(lines: list[str], key: str) -> int:
    quoted = re.escape(key)
    pattern = re.compile(rf"\s*(?:{quoted}|\"{quoted}\"|'{quoted}')\s*=")
    return next((number for number, line in enumerate(lines, start=1) if pattern.match(line)), 1)


def parse_list(path: Path, text: str) -> PronunciationList:
    """The list in `text` (the contents of `path`), with a problem for each entry that cannot be used."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else (text.count("\n") + 1 if TOML_END.search(str(exc)) else 1)
        reason = TOML_LINE.sub("", TOML_END.sub("", str(exc))).strip()
        return PronunciationList(path, Pronunciation(), (error(path, line, f"not a valid pronunciation list ({reason}); {EXAMPLE}; "
                                                                          "no list is used for this language until it is fixed"),))
    lines = text.split("\n")
    words: dict[str, str] = {}
    problems: list[Problem] = []
    for written, said in data.items():
        line = _key_line(lines, written)
        if isinstance(said, dict):
            problems.append(warning(path, _section_line(lines, written), f"[{written}]: sections are not used here; put every entry "
                                    "at the top of the file, before any [section]; these entries are ignored"))
        elif not isinstance(said, str):
            problems.append(warning(path, line, f"'{written}' must be said as text in quotes, such as {written} = \"...\"; it is ignored"))
        elif not said.strip():
            problems.append(warning(path, line, f"'{written}' is said as nothing; write how to say it, or remove the line; it is ignored"))
        elif not written.strip() or written != written.strip() or len(written) > MAX_WORD_CHARS:
            problems.append(warning(path, line, f"'{written}' is not a word or short phrase as it appears on a card; it is ignored"))
        else:
            words[written] = " ".join(said.split())
    return PronunciationList(path, Pronunciation.of(words), tuple(problems))


def _section_line(lines: list[str], name: str) -> int:
    pattern = re.compile(rf"\s*\[\s*[\"']?{re.escape(name)}[\"']?\s*\]")
    return next((number for number, line in enumerate(lines, start=1) if pattern.match(line)), 1)


def load_list(root: Path, language: str) -> PronunciationList:
    """`content/speech/<language>.toml`; an empty list when there is none (most languages)."""
    path = list_path(root, language)
    try:
        raw = read_regular(path, MAX_LIST_BYTES)
    except FileMissing:
        return PronunciationList(path, Pronunciation())
    except FileTooLarge as exc:
        return PronunciationList(path, Pronunciation(), (error(path, 1, f"the list is {exc.size} bytes; at most {MAX_LIST_BYTES} are read"),))
    except FileUnreadable as exc:
        return PronunciationList(path, Pronunciation(), (error(path, 1, f"the list cannot be read: {exc.reason}"),))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return PronunciationList(path, Pronunciation(), (error(path, bad_byte_line(raw, exc), "file is not UTF-8 text; save it as UTF-8"),))
    return parse_list(path, text.replace("\r\n", "\n"))


class ListCache:
    """The running kiosk's lists, read again only when a file's identity (size, time, inode) changes:
    the kiosk asks on every reload and language change."""

    def __init__(self) -> None:
        self._lists: dict[Path, tuple[tuple[int, int, int] | None, PronunciationList]] = {}

    def get(self, root: Path, language: str) -> PronunciationList:
        path = list_path(root, language)
        try:
            info = os.stat(path)
            identity: tuple[int, int, int] | None = (info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            identity = None
        cached = self._lists.get(path)
        if cached is None or cached[0] != identity or identity is None:
            cached = (identity, load_list(root, language))
            self._lists[path] = cached
        return cached[1]


def list_problems(root: Path, languages: tuple[str, ...]) -> list[Problem]:
    """`kiosk check`: every problem of the lists of kiosk.toml's languages (a list for a language
    switched off is left alone, ready for when it comes back)."""
    return [problem for language in languages for problem in load_list(root, language).problems]


def pronounced(speech: ScreenSpeech, pronunciation: Pronunciation) -> ScreenSpeech:
    """`speech` as the engine should hear it: every sentence with the list applied."""
    if not pronunciation:
        return speech
    blocks = tuple(SpokenBlock(tuple(pronunciation.apply(s) for s in block.sentences), block.part, block.shown) for block in speech.blocks)
    return ScreenSpeech(speech.language, blocks, speech.audio)

"""Reads a card's header (the YAML front matter between two `---` lines) the way staff meant it.

Staff type headers in Word, Notepad or an e-mail, not in a YAML editor. The slips they make most
(a colon inside a title, a tab, curly quotes, `Title:` with a capital, no space after the colon, a
forgotten closing `---`) either mean something obvious, and are read that way with a warning
saying what to type, or get a message in plain words instead of PyYAML's. The file's line
numbers never shift: each fix rewrites a line in place before YAML sees it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kiosk.core.problems import Problem, error, warning

# Front matter holds only text, so YAML's BaseLoader reads every value as text: a title like
# 2024-13-45 stays a title instead of failing as a date, and explicit tags (!!int, !!timestamp)
# become problems with a line instead of exceptions from deep inside PyYAML. The pure-Python
# loader, not libyaml's: libyaml often names the line after a mistake.
MAX_FRONT_MATTER_LINES = 100
_FENCE = re.compile(r"---\s*")
_CLOSING = re.compile(r"(---|\.\.\.)\s*")
_KEY_LINE = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?P<gap>[ \t]*)(?P<value>.*)")
_QUOTED_KEY_LINE = re.compile(r"\s*['\"]?(?P<key>[^'\":\s]+)['\"]?\s*:")
_CURLY = {"\u201c": "\u201d", "\u201e": "\u201c", "\u201d": "\u201d", "\u2018": "\u2019", "\u201a": "\u2018", "\u2019": "\u2019", "\u00ab": "\u00bb"}
# A plain YAML value starting with one of these is a list, an alias, a comment or an error, never
# the text staff typed: a text key's value is read as text. Those named here also get a warning
# saying so, since a slip (`title: [broken`) would otherwise quietly become the title.
_YAML_INDICATORS = tuple("[]{}@`%#&*!|>") + ("- ", "? ")
_INDICATOR_MEANING = {
    "[": "the start of a list", "]": "the end of a list", "{": "a group of settings", "}": "the end of a group of settings",
    "&": "a name for reusing a value (a YAML anchor)", "*": "a copy of another value (a YAML alias)",
    "!": "a type (a YAML tag)", "|": "the start of a block of lines", ">": "the start of a folded block of lines",
    "%": "a YAML directive", "@": "a character YAML keeps for itself", "`": "a character YAML keeps for itself",
}
_COMMENT = re.compile(r"\s+#.*$")


@dataclass(frozen=True)
class FrontMatter:
    """The header's values (all text, lists or mappings, never numbers or dates) and where each key is.

    `data` is None when the header cannot be used at all; `problems` then holds the error.
    """

    data: dict | None
    body_index: int = 0  # index into the file's lines of the first body line
    problems: tuple[Problem, ...] = ()
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """1-based file line of `key`; line 1 when it is not in the header."""
        return self.key_lines.get(key, 1)


def read_front_matter(path: Path, lines: list[str], known_keys: tuple[str, ...], text_keys: tuple[str, ...]) -> FrontMatter:
    """Parse the header at the top of `lines` (the file split at newlines)."""
    if not _FENCE.fullmatch(lines[0]):
        return FrontMatter(None, problems=(error(path, 1, "no front matter: the file must start with a line '---', then 'title: ...', then '---'"),))
    end = next((i for i, line in enumerate(lines[1:], start=1) if _CLOSING.fullmatch(line)), None)
    if end is None:
        return FrontMatter(None, problems=(_not_closed(path, lines, len(lines)),))
    if end - 1 > MAX_FRONT_MATTER_LINES:
        return FrontMatter(None, problems=(error(path, 1, f"front matter has {end - 1} lines; at most {MAX_FRONT_MATTER_LINES} are read"),))
    problems: list[Problem] = []
    fixed = [_mend(path, number, line, known_keys, text_keys, problems) for number, line in enumerate(lines[1:end], start=2)]
    if (prose := _prose_line(fixed)) is not None:
        return FrontMatter(None, problems=(_not_closed(path, lines, prose + 1),))
    if any(problem.is_error for problem in problems):
        return FrontMatter(None, problems=tuple(problems))
    try:
        data = yaml.load("\n".join(fixed), Loader=yaml.BaseLoader)  # noqa: S506 (BaseLoader builds only str, list, dict)
    except yaml.reader.ReaderError as exc:
        at = "\n".join(fixed)[: exc.position].count("\n") + 2
        return FrontMatter(None, problems=(error(path, at, f"front matter has a character that is not allowed ({exc.character!r})"),))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = mark.line + 2 if mark is not None else 2
        reason = getattr(exc, "problem", None) or "it cannot be read"
        reason = str(reason) if len(str(reason)) <= 120 else str(reason)[:120] + "…"
        return FrontMatter(None, problems=(error(path, at, f"front matter is not valid YAML: {reason}"),))
    except RecursionError:
        return FrontMatter(None, problems=(error(path, 2, "front matter is nested too deeply"),))
    except Exception as exc:  # PyYAML has raised ValueError, KeyError and others on odd input
        return FrontMatter(None, problems=(error(path, 2, f"front matter cannot be read ({type(exc).__name__})"),))
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(None, problems=(error(path, 2, "front matter must be 'key: value' lines, such as 'title: What is ketamine?'"),))
    key_lines: dict[str, int] = {}
    for number, line in enumerate(fixed, start=2):
        match = _QUOTED_KEY_LINE.match(line)
        if match and match.group("key") in data:
            key = match.group("key")
            if key in key_lines and not line[:1].isspace():
                problems.append(warning(path, number, f"'{key}' is given twice (lines {key_lines[key]} and {number}); the one on line {number} is used"))
            key_lines.setdefault(key, number)
    return FrontMatter(data, end + 1, tuple(problems), key_lines)


def _mend(path: Path, number: int, line: str, known: tuple[str, ...], text_keys: tuple[str, ...], problems: list[Problem]) -> str:
    """One header line as staff meant it, with a warning for each slip; unknown shapes are left to YAML."""
    if "\t" in line:
        problems.append(warning(path, number, "there is a tab on this line; type a space instead (the header needs spaces, not tabs)"))
        line = line.lstrip("\t").replace("\t", " ")
    match = _KEY_LINE.fullmatch(line)
    if match is None:
        return line
    key, gap, value = match.group("key"), match.group("gap"), match.group("value")
    if key not in known and key.lower() in known:
        problems.append(warning(path, number, f"'{key}:' must be written in small letters: type '{key.lower()}:'"))
        key = key.lower()
    if key not in known:
        return line
    if value and not gap:
        problems.append(warning(path, number, f"type a space after '{key}:', as in '{key}: {value}'"))
    if value[:1] in _CURLY and len(value) > 1 and value[-1] == _CURLY[value[0]]:
        inner = value[1:-1].strip()
        problems.append(warning(path, number, f"the {key} is in curly quotes, which word processors put in; type it without quotes: '{key}: {inner}'"))
        return f"{key}: {json.dumps(inner, ensure_ascii=False)}"
    if value and value[0] in "\"'" and not _COMMENT.sub("", value).rstrip().endswith(value[0]):
        problems.append(error(path, number, f"the quote ({value[0]}) at the start of the {key} is not closed: type {value[0]} at the end of the line too, or remove it"))
        return line
    if key in text_keys and value and value[0] not in "\"'" and (": " in value or value.endswith(":") or value.startswith(_YAML_INDICATORS)):
        text = (value if value.startswith("#") else _COMMENT.sub("", value)).strip()
        if value[0] in _INDICATOR_MEANING:
            problems.append(warning(path, number, f"the {key} starts with '{value[0]}', which the header would read as "
                                    f"{_INDICATOR_MEANING[value[0]]}; it is read as the text {json.dumps(text, ensure_ascii=False)}. "
                                    f"If that is what you meant, put it in quotes to say so: {key}: {json.dumps(text, ensure_ascii=False)}"))
        return f"{key}: {json.dumps(text, ensure_ascii=False)}"
    return f"{key}: {value}" if value else f"{key}:"


def _prose_line(header: list[str]) -> int | None:
    """Index of a line after a blank one that is neither a setting nor indented: the text itself."""
    for index in range(1, len(header)):
        line = header[index]
        if not header[index - 1].strip() and line.strip() and not line[:1].isspace() \
                and not _KEY_LINE.fullmatch(line) and not line.startswith(("#", "- ")):
            return index
    return None


def _not_closed(path: Path, lines: list[str], limit: int) -> Problem:
    """The header runs on into the text: name the last setting, after which the closing `---` goes."""
    last = None
    for number in range(1, min(limit, len(lines))):
        line = lines[number]
        if not line.strip():
            break
        if not (_KEY_LINE.fullmatch(line.replace("\t", " ").lstrip()) or line.lstrip().startswith("#") or line[:1].isspace()):
            break
        last = number
    if last is None:
        return error(path, 1, "the header is not closed: type a line such as 'title: What is ketamine?' after this '---', then a line with only ---")
    shown = lines[last].strip()
    shown = shown if len(shown) <= 60 else shown[:60] + "…"
    return error(path, last + 1, f"the header is not closed: type a line with only --- after '{shown}'")

"""`kiosk check`, per language: is there interface text for its buttons, and a font for its script?

A clinic adds a language by adding its folder. Two things can then go quietly wrong for a whole
language at once, and staff hear about each once, at the `languages` line of kiosk.toml:
- no interface text (resources/i18n/<code>.toml): the buttons and prompts fall back to English, which
  is a sound choice where no reviewed translation exists, so this is a note, not a warning; a table
  that exists but lacks keys is a warning (someone started one and stopped);
- no font for its script: the cards would be empty boxes. Each line with such characters gets its
  own warning too (kiosk.core.coverage); this one says what is missing in a word ("Thai letters")
  and how to fix it, and is also given when the cards are not written yet but the language's own
  name, which the language picker shows, cannot be drawn.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

from kiosk.core.content_fonts import content_font_ranges
from kiosk.core.coverage import undrawable
from kiosk.core.languages import endonym
from kiosk.core.problems import Problem, note, warning
from kiosk.core.store import ContentState
from kiosk.core.strings import has_interface_text, missing_keys

MOSTLY = 0.5  # share of a language's letters no font draws before the whole language counts as lacking one
_SCRIPT_WORDS = {"CJK": "Chinese characters", "HANGUL": "Korean (Hangul) letters"}


def script_of(char: str) -> str:
    """The script of a letter in words for staff, from its Unicode name ("THAI CHARACTER KO KAI")."""
    first = unicodedata.name(char, "UNKNOWN").split(" ")[0]
    return _SCRIPT_WORDS.get(first, f"{first.title()} letters")


def interface_text_problems(languages: tuple[str, ...], config_path: Path, line: int) -> list[Problem]:
    problems = []
    for language in languages:
        if not has_interface_text(language):
            problems.append(note(config_path, line, (
                f"no interface text for language '{language}' (resources/i18n/{language}.toml): its buttons and prompts "
                "are in English; the cards and the language's own name are not affected (README: \"Adding a language\")")))
        elif missing := missing_keys(language):
            shown = ", ".join(missing[:4]) + ("…" if len(missing) > 4 else "")
            problems.append(warning(config_path, line, f"the interface text for language '{language}' lacks {shown}; English labels are used"))
    return problems


def _letters(state: ContentState, language: str) -> str:
    text = " ".join(f"{topic.title(language)} {card.title} {card.body}" for topic in state.topics for card in topic.cards(language))
    return "".join(char for char in text if unicodedata.category(char).startswith("L"))


def font_problems(state: ContentState, config_path: Path, line: int) -> list[Problem]:
    """A warning for each language whose script no font of the kiosk (nor content/fonts/) draws."""
    extra = content_font_ranges(state.root)
    problems = []
    for language in state.config.kiosk.languages:
        letters = _letters(state, language)
        missing = set(undrawable(letters, extra))
        unseen = [char for char in letters if char in missing]
        name = endonym(language) or ""
        if letters and len(unseen) <= MOSTLY * len(letters):
            continue
        if not letters:
            unseen = undrawable(name, extra)
            if not unseen:
                continue
        scripts = [script for script, _count in Counter(map(script_of, unseen)).most_common(2)]
        problems.append(warning(config_path, line, (
            f"no font of the kiosk draws {' or '.join(scripts)}: language '{language}'"
            f"{f' ({name})' if name else ''} would show empty boxes; put a font that has them (such as a Noto Sans font "
            "for the script, SIL Open Font License) in content/fonts/")))
    return problems

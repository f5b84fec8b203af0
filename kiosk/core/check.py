"""`kiosk check`: every problem the kiosk would meet in a content folder, in one list."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from kiosk.core.config import CONFIG_NAME, MAX_CONFIG_BYTES
from kiosk.core.text_lines import key_line
from kiosk.core.files import FileUnreadable, read_regular
from kiosk.core.cards import card_files_if_any
from kiosk.core.emphasis import bold_problems
from kiosk.core.freshness import stale_translations
from kiosk.core.governance import dated_problems, sign_off_problems
from kiosk.core.language_checks import font_problems, interface_text_problems
from kiosk.core.plain_language import deck_problems
from kiosk.core.problems import Problem, warning
from kiosk.core.store import ContentState, ContentStore
from kiosk.core.topic_check import grid_problems


def lint(root: Path, today: date | None = None, now: datetime | None = None) -> list[Problem]:
    return lint_state(ContentStore(root).reload(), today, now)


def lint_state(state: ContentState, today: date | None = None, now: datetime | None = None) -> list[Problem]:
    """The problems of loaded content plus those only a check looks for: interface text, review and
    show dates as of `today` (default: the real today), clinician sign-off, plain language, too
    much bold, translations older than their original, and in a library the topics the grid leaves
    out at `now` (default: this moment of `today`)."""
    root = state.root
    problems = list(state.problems)
    config_path = root / CONFIG_NAME
    try:
        text = read_regular(config_path, MAX_CONFIG_BYTES).decode("utf-8-sig", errors="replace")
    except FileUnreadable:
        text = ""
    languages = state.config.kiosk.languages
    languages_line = key_line(text, "kiosk", "languages")
    problems.extend(interface_text_problems(languages, config_path, languages_line))
    problems.extend(font_problems(state, config_path, languages_line))
    today = today or (now.date() if now else date.today())
    now = now or datetime.combine(today, datetime.now().time())
    for topic in state.topics:
        problems.extend(_deck_mismatches(topic.folder, languages, state.library))
        for language in languages:
            for card in topic.cards(language):
                problems.extend(dated_problems(card.path, card.governance, today))
                problems.extend(sign_off_problems(card.path, card.governance))
        for language in languages:
            problems.extend(deck_problems(topic.cards(language), language, state.config.check))
            problems.extend(bold_problems(topic.cards(language), state.config.check))
        problems.extend(stale_translations(topic.folder, languages))
    if state.library:
        problems.extend(grid_problems(state.topics, languages, now))
    return in_file_order(problems)


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Each file's problems together and in line order; files stay in the order they were first met."""
    first_seen: dict[Path, int] = {}
    for problem in problems:
        first_seen.setdefault(problem.path, len(first_seen))
    return sorted(problems, key=lambda p: (first_seen[p.path], p.line))


def _deck_mismatches(folder: Path, languages: tuple[str, ...], library: bool) -> list[Problem]:
    """Cards that one configured language has and another lacks: patients switching would lose them."""
    if len(languages) < 2:
        return []
    present = {language: {path.name for path in card_files_if_any(folder / language)} for language in languages}
    everything = set().union(*present.values())
    problems = []
    for language in languages:
        if library and not present[language]:
            continue  # a topic without this language at all: the grid leaves it out (the store notes it)
        for name in sorted(everything - present[language]):
            has_it = next(other for other in languages if name in present[other])
            problems.append(
                warning(folder / has_it / name, 1, f"no '{language}' version of this card (expected {language}/{name})")
            )
    return problems

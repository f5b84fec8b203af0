"""`kiosk check`: every problem the kiosk would meet in a content folder, in one list."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.config import CONFIG_NAME, MAX_CONFIG_BYTES, key_line
from kiosk.core.files import FileUnreadable, read_regular
from kiosk.core.cards import card_files
from kiosk.core.problems import Problem, warning
from kiosk.core.store import ContentState, ContentStore
from kiosk.core.strings import missing_keys


def lint(root: Path) -> list[Problem]:
    return lint_state(ContentStore(root).reload())


def lint_state(state: ContentState) -> list[Problem]:
    """The problems of loaded content plus those only a check looks for (interface text)."""
    root = state.root
    problems = list(state.problems)
    config_path = root / CONFIG_NAME
    try:
        text = read_regular(config_path, MAX_CONFIG_BYTES).decode("utf-8-sig", errors="replace")
    except FileUnreadable:
        text = ""
    for language in state.config.kiosk.languages:
        missing = missing_keys(language)
        if missing:
            problems.append(
                warning(config_path, key_line(text, "kiosk", "languages"),
                        f"no interface text for language '{language}' ({', '.join(missing[:4])}{'…' if len(missing) > 4 else ''}); English labels are used")
            )
    problems.extend(_deck_mismatches(state))
    return problems


def _deck_mismatches(state: ContentState) -> list[Problem]:
    """Cards that one configured language has and another lacks: patients switching would lose them."""
    languages = state.config.kiosk.languages
    if len(languages) < 2:
        return []
    present = {language: {path.name for path in _card_paths(state.root / language)} for language in languages}
    everything = set().union(*present.values())
    problems = []
    for language in languages:
        for name in sorted(everything - present[language]):
            has_it = next(other for other in languages if name in present[other])
            problems.append(
                warning(state.root / has_it / name, 1, f"no '{language}' version of this card (expected {language}/{name})")
            )
    return problems


def _card_paths(folder: Path) -> list[Path]:
    try:
        return card_files(folder) if folder.is_dir() else []
    except OSError:
        return []

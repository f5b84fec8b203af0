"""`kiosk check`: every problem the kiosk would meet in a content folder, in one list."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import CONFIG_NAME, key_line
from kiosk.problems import Problem, warning
from kiosk.store import ContentState, ContentStore
from kiosk.strings import missing_keys


def lint(root: Path) -> list[Problem]:
    return lint_state(ContentStore(root).reload())


def lint_state(state: ContentState) -> list[Problem]:
    """The problems of loaded content plus those only a check looks for (interface text)."""
    root = state.root
    problems = list(state.problems)
    config_path = root / CONFIG_NAME
    text = config_path.read_text(encoding="utf-8-sig", errors="replace") if config_path.is_file() else ""
    for language in state.config.kiosk.languages:
        missing = missing_keys(language)
        if missing:
            problems.append(
                warning(config_path, key_line(text, "kiosk", "languages"),
                        f"no interface text for language '{language}' ({', '.join(missing[:4])}{'…' if len(missing) > 4 else ''}); English labels are used")
            )
    return problems

"""What `kiosk check` says about a topic library as a whole: which tiles the grid shows now, and why not.

A topic left off the grid is not a fault (a show window does that on purpose), so these are notes;
a topic whose tile would show another language's words is a warning.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.core.problems import Problem, note, warning
from kiosk.core.strings import strings_for
from kiosk.core.text_lines import key_line
from kiosk.core.toml_file import read_toml
from kiosk.core.topic_file import MAX_TOPIC_BYTES, TOPIC_FILE
from kiosk.core.topics import Topic, on_grid
from kiosk.core.tuning import TOPICS_PER_PAGE


def grid_problems(topics: tuple[Topic, ...], languages: tuple[str, ...], now: datetime) -> list[Problem]:
    problems: list[Problem] = []
    for topic in topics:
        path = topic.folder / TOPIC_FILE
        text = read_toml(path, MAX_TOPIC_BYTES).text
        off = topic.info.window.off(now)
        if off is not None:
            key, reason = off
            problems.append(note(path, key_line(text, "", key),
                                 f"{reason}: patients do not see this topic now ({now.strftime('%a %Y-%m-%d %H:%M')})"))
        for language in languages:
            if not topic.cards(language):
                continue
            if off is None and (why := topic.off_reason(language, now)) is not None:
                problems.append(note(path, 1, f"{why}: the grid leaves this topic out for patients reading '{language}'"))
            if language != languages[0] and not topic.info.has_language(language):
                name = strings_for(language)["language_name"]
                problems.append(warning(path, 1, f"no [{language}] table with the title and summary in {name}: patients "
                                                 f"reading '{language}' see '{topic.title(languages[0])}' on the tile"))
    for language in languages:
        shown = len(on_grid(topics, language, now))
        if shown > TOPICS_PER_PAGE:
            first = topics[0].folder / TOPIC_FILE
            problems.append(note(first, 1, f"{shown} topics on the grid in '{language}': it shows {TOPICS_PER_PAGE} at a "
                                           f"time and pages the rest; fewer topics are easier to choose from"))
    return problems

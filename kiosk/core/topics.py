"""The topic library: several decks on one kiosk, each in its own folder under `content/topics/`.

A content folder has one of two layouts. Today's, `content/en/*.md`, is a kiosk with one topic and
no grid, and stays exactly as it was. A library, `content/topics/NN-name/` with a `topic.toml` and
`en/*.md`, `es/*.md` inside, puts a grid of topics between the welcome screen and the cards. Each
topic folder is self-contained (its cards, its own `images/` if it likes), so clinics share a topic
by copying one folder. Both layouts at once is an error: the kiosk shows the topics.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kiosk.core.cards import Card, card_files_if_any
from kiosk.core.problems import Problem, error
from kiosk.core.topic_file import TopicInfo

TOPICS_FOLDER = "topics"


@dataclass(frozen=True)
class Topic:
    """One deck: `name` is its folder under topics/ ("" for the one deck of today's layout)."""

    name: str
    folder: Path
    info: TopicInfo = field(default_factory=TopicInfo)
    decks: Mapping[str, tuple[Card, ...]] = field(default_factory=dict)

    def cards(self, language: str) -> tuple[Card, ...]:
        return self.decks.get(language, ())

    def title(self, language: str) -> str:
        return self.info.for_language(language).title or self.name

    def off_reason(self, language: str, now: datetime) -> str | None:
        """Why the grid leaves this topic out at `now` for a visit in `language`; None while it is on."""
        reason = self.info.window.hidden_reason(now)
        if reason is not None:
            return reason
        if not any(card.governance.is_shown(now.date()) for card in self.cards(language)):
            return f"no card in '{language}' is shown today" if self.cards(language) else f"no cards in '{language}'"
        return None


def topic_folders(root: Path) -> list[Path]:
    """The topic folders under `root/topics/`, in folder-name order; none when there is no library.

    Hidden and editor folders (`.git`, `_drafts`, `~old`) are not topics."""
    try:
        entries = sorted((root / TOPICS_FOLDER).iterdir(), key=lambda path: path.name)
    except OSError:
        return []
    return [path for path in entries if not path.name.startswith((".", "_", "~")) and _is_folder(path)]


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def relative_name(path: Path, root: Path) -> str:
    """`path` as staff see it under the content folder ("topics/10-the-basics/en/10-what.md")."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def both_layouts(root: Path, languages: tuple[str, ...]) -> list[Problem]:
    """An error for each language folder with cards at the top of a content folder that has topics."""
    if not topic_folders(root):
        return []
    return [
        error(root / language, 1,
              f"this content folder has topics/ and also cards in {language}/ at the top: the kiosk shows the "
              f"topics and not these cards; move {language}/ into a topic (topics/10-name/{language}/) or remove topics/")
        for language in languages if card_files_if_any(root / language)
    ]


def on_grid(topics: tuple[Topic, ...], language: str, now: datetime, *, every: bool = False) -> tuple[Topic, ...]:
    """The topics the grid shows at `now` to a visit in `language`, in folder order; with `every`
    (kiosk preview), those outside their show window too, as long as they have cards."""
    if every:
        return tuple(topic for topic in topics if topic.cards(language))
    return tuple(topic for topic in topics if topic.off_reason(language, now) is None)


def named(names: list[str], wanted: str) -> str | None:
    """The topic folder that `wanted` names: its folder name, or that name without its number
    ("the-basics" for 10-the-basics), as staff type it after --topic; None when none does."""
    return next((name for name in names if wanted in (name, name.split("-", 1)[-1])), None)


def unknown_topic(names: list[str], wanted: str) -> str:
    return f"there is no topic {wanted}; the topics are {', '.join(names) or '(none)'}"

"""What staff call the counted things: each card by its title, each topic by its tile's title.

The counts keep only file and folder names (they outlive any wording); the reports name them from
the content as it is now, in the kiosk's first language (other languages fill the gaps).
"""

from __future__ import annotations

from datetime import date

from kiosk.core.store import ContentState


def card_key(topic: str, card: str) -> str:
    """How a counted card is named for titles and lists: "topic/file.md", or "file.md" with one deck."""
    return f"{topic}/{card}" if topic else card


def card_titles(state: ContentState, today: date | None = None) -> dict[str, str]:
    """Card key (card_key) → title; with `today`, only the cards shown today."""
    titles: dict[str, str] = {}
    for topic in state.topics:
        for language in state.config.kiosk.languages:
            for card in topic.cards(language):
                if today is None or card.governance.is_shown(today):
                    titles.setdefault(card_key(topic.name, card.slug), card.title)
    return titles


def topic_titles(state: ContentState) -> dict[str, str]:
    """Topic folder → its title in the first language; {} with one deck."""
    first = state.config.kiosk.languages[0]
    return {topic.name: topic.title(first) for topic in state.topics if topic.name}

"""Holds the content the kiosk shows and keeps the last good version of everything staff break.

Each reload reads `kiosk.toml` and every card again. A card whose file became broken keeps its
last good version; a `kiosk.toml` that cannot be read keeps the last good configuration. Before
any good version exists, broken cards are left out and the configuration falls back to defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.core.config import CONFIG_NAME, Config, load_config
from kiosk.core.cards import Card, Deck, load_deck
from kiosk.core.problems import Problem


@dataclass(frozen=True)
class ContentState:
    """Everything the screens need, plus every problem found on the way."""

    root: Path
    config: Config
    decks: dict[str, tuple[Card, ...]]
    problems: tuple[Problem, ...]

    def cards(self, language: str) -> tuple[Card, ...]:
        return self.decks.get(language, ())


class ContentStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._config = Config()
        self._last_good: dict[str, dict[str, Card]] = {}

    def reload(self) -> ContentState:
        problems: list[Problem] = []
        config_result = load_config(self.root / CONFIG_NAME)
        problems.extend(config_result.problems)
        if config_result.usable:
            self._config = config_result.config
        decks: dict[str, tuple[Card, ...]] = {}
        for language in self._config.kiosk.languages:
            deck = load_deck(self.root, language)
            problems.extend(deck.problems)
            decks[language] = self._merge(language, deck)
        return ContentState(self.root, self._config, decks, tuple(problems))

    def _merge(self, language: str, deck: Deck) -> tuple[Card, ...]:
        previous = self._last_good.get(language, {})
        cards = {card.slug: card for card in deck.cards}
        for slug in deck.broken:
            if slug in previous:
                cards[slug] = previous[slug]
        self._last_good[language] = cards
        return tuple(cards[slug] for slug in sorted(cards))

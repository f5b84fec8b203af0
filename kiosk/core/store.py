"""Holds the content the kiosk shows and keeps the last good version of everything staff break.

Each reload reads `kiosk.toml` and the cards again (a card whose file did not change is not parsed
again, see card_cache). Whatever breaks or vanishes keeps its last good version: a broken card,
a `kiosk.toml` that is missing, unreadable or not valid TOML (a sync or `git checkout` removes it for
a moment), and a language whose folder is missing, unreadable or suddenly without cards. Before any
good version exists, broken cards are left out, the configuration falls back to defaults, and
configured languages with nothing to show are skipped in favour of those that have cards.

`reload()` may run on a worker thread (runtime/loader); a lock keeps reloads one at a time, and the
ContentState it returns is never changed afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.core.card_cache import CardCache
from kiosk.core.cards import Card, Deck, load_deck
from kiosk.core.config import CONFIG_NAME, Config, load_config
from kiosk.core.text_lines import key_line
from kiosk.core.problems import Problem


@dataclass(frozen=True)
class ContentState:
    """Everything the screens need, plus every problem found on the way.

    `config.kiosk.languages` lists the languages patients can choose: those configured that have
    something to show. `pending` are among them but not read yet (start-up reads the first one only).
    """

    root: Path
    config: Config
    decks: Mapping[str, tuple[Card, ...]]
    problems: tuple[Problem, ...]
    pending: frozenset[str] = field(default=frozenset())
    generation: int = 0  # counts reloads of one store: a later read has a higher number

    def cards(self, language: str) -> tuple[Card, ...]:
        return self.decks.get(language, ())


class ContentStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._config = Config()
        self._config_text = ""
        self._last_good: dict[str, dict[str, Card]] = {}
        self._cache = CardCache()
        self._lock = threading.Lock()
        self._generation = 0

    @property
    def cache(self) -> CardCache:
        return self._cache

    def reload(self, *, first_only: bool = False) -> ContentState:
        """Read everything again. `first_only`: only the first language with cards; the others that
        have a folder are listed as `pending`, for a full reload to read once the first screen shows."""
        with self._lock:
            self._generation += 1
            return replace(self._reload(first_only), generation=self._generation)

    def _reload(self, first_only: bool) -> ContentState:
        config_path = self.root / CONFIG_NAME
        result = load_config(config_path)
        problems: list[Problem] = list(result.problems)
        if result.usable:
            self._config, self._config_text = result.config, result.text
        configured = self._config.kiosk.languages
        blame = (config_path, key_line(self._config_text, "kiosk", "languages"))
        decks: dict[str, tuple[Card, ...]] = {}
        pending: set[str] = set()
        self._cache.begin(self.root)
        for language in configured:
            if first_only and any(decks.values()) and (self.root / language).is_dir():
                pending.add(language)  # a folder that is missing is still reported now (that costs nothing)
                continue
            deck = load_deck(self.root, language, blame=blame, cache=self._cache)
            problems.extend(deck.problems)
            if deck.missing is None:
                decks[language] = self._merge(language, deck)
            elif language in self._last_good:
                decks[language] = self._sorted(self._last_good[language])
        if not first_only:
            self._cache.end()
            for gone in self._last_good.keys() - set(configured):
                del self._last_good[gone]
        shown = tuple(language for language in configured if decks.get(language) or language in pending)
        config = self._config
        if shown and shown != configured:
            config = replace(config, kiosk=replace(config.kiosk, languages=shown))
        return ContentState(self.root, config, decks, tuple(problems), frozenset(pending))

    def _merge(self, language: str, deck: Deck) -> tuple[Card, ...]:
        previous = self._last_good.get(language, {})
        cards = {card.slug: card for card in deck.cards}
        for slug in deck.broken:
            if slug in previous:
                cards[slug] = previous[slug]
        self._last_good[language] = cards
        return self._sorted(cards)

    @staticmethod
    def _sorted(cards: dict[str, Card]) -> tuple[Card, ...]:
        return tuple(cards[slug] for slug in sorted(cards))

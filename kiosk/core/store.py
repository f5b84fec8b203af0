"""Holds the content the kiosk shows and keeps the last good version of everything staff break.

Each reload reads `kiosk.toml` and the cards again (a card whose file did not change is not parsed
again, see card_cache). Whatever breaks or vanishes keeps its last good version: a broken card,
a `kiosk.toml` that is missing, unreadable or not valid TOML (a sync or `git checkout` removes it for
a moment), and a language whose folder is missing, unreadable or suddenly without cards. Before any
good version exists, broken cards are left out, the configuration falls back to defaults, and
configured languages with nothing to show are skipped in favour of those that have cards.

`reload()` may run on a worker thread (runtime/loader); a lock keeps reloads one at a time, and the
ContentState it returns is never changed afterwards.

With a parse cache file (the kiosk's, in its state folder: kiosk.core.parse_cache), the first reload
takes what an earlier run parsed, card by card where it still holds, and each complete reload that
parsed something hands the results to the file's writer thread.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.core.card_cache import CardCache
from kiosk.core.cards import Card, Deck, load_deck
from kiosk.core.config import CONFIG_NAME, Config, load_config
from kiosk.core.crisis import deck_with_crisis
from kiosk.core.parse_cache import ParseCacheFile
from kiosk.core.pin import demo_pin_verdicts, remember_demo_pin_verdicts
from kiosk.core.problems import Problem, error, note
from kiosk.core.content_fonts import ContentFont, read_content_fonts
from kiosk.core.text_lines import key_line
from kiosk.core.topic_file import TOPIC_FILE, TopicInfo, load_topic
from kiosk.core.topics import Topic, both_layouts, topic_folders


@dataclass(frozen=True)
class ContentState:
    """Everything the screens need, plus every problem found on the way.

    `topics` are the decks: one, named "", in today's layout (`content/en/*.md`); one per folder of
    `content/topics/` in a library (`library` True), those whose topic.toml was never usable left
    out. `config.kiosk.languages` lists the languages patients can choose: those configured that have
    something to show. `pending` are among them but not read yet (start-up reads the first one only).
    """

    root: Path
    config: Config
    topics: tuple[Topic, ...]
    problems: tuple[Problem, ...]
    pending: frozenset[str] = field(default=frozenset())
    fonts: tuple[ContentFont, ...] = ()  # content/fonts/ files that are usable fonts, for the kiosk to load
    generation: int = 0  # counts reloads of one store: a later read has a higher number
    library: bool = False

    @property
    def decks(self) -> Mapping[str, tuple[Card, ...]]:
        """The one deck of today's layout, by language (empty in a library: ask each topic)."""
        return self.topics[0].decks if self.topics and not self.library else {}

    def cards(self, language: str) -> tuple[Card, ...]:
        return self.decks.get(language, ())

    def topic(self, name: str) -> Topic | None:
        return next((topic for topic in self.topics if topic.name == name), None)

    def all_cards(self) -> list[Card]:
        """Every card of every topic in every language (for lists that name files, such as reviews due)."""
        return [card for topic in self.topics for language in topic.decks for card in topic.cards(language)]


def nothing_yet(root: Path) -> ContentState:
    """What the kiosk shows before its content folder has answered once: the defaults and no topics, as for
    an empty folder. Generation 0: any read replaces it."""
    return ContentState(root, Config(), (), ())


class ContentStore:
    def __init__(self, root: Path, *, cache_file: Path | None = None) -> None:
        self.root = root
        self._config = Config()
        self._config_text = ""
        self._last_good: dict[tuple[str, str], dict[str, Card]] = {}  # (topic, language) -> cards by file name
        self._last_info: dict[str, TopicInfo] = {}
        self._cache = CardCache()
        self._lock = threading.Lock()
        self._generation = 0
        self._cache_file = ParseCacheFile(cache_file) if cache_file is not None else None
        self._cache_read = False
        self._write_cache = False  # the file was missing or not trusted: written after the next complete reload
        self._pins_written: dict[str, bool] = {}

    @property
    def cache(self) -> CardCache:
        return self._cache

    def finish_writing(self, timeout_s: float) -> bool:
        """At exit: let the parse cache's writer finish, for at most `timeout_s` (a stuck disk must not hold the exit)."""
        return self._cache_file is None or self._cache_file.wait(timeout_s)

    @property
    def generation(self) -> int:
        """The number of the latest read begun: a state numbered higher was read after this was asked."""
        return self._generation

    def reload(self, *, first_only: bool = False) -> ContentState:
        """Read everything again. `first_only`: only the first language with cards; the others that
        have a folder are listed as `pending`, for a full reload to read once the first screen shows."""
        with self._lock:
            self._generation += 1
            return replace(self._reload(first_only), generation=self._generation)

    def _reload(self, first_only: bool) -> ContentState:
        if self._cache_file is not None and not self._cache_read:
            self._adopt(self._cache_file)
        config_path = self.root / CONFIG_NAME
        result = load_config(config_path)
        problems: list[Problem] = list(result.problems)
        fonts = read_content_fonts(self.root)
        problems.extend(fonts.problems)
        if result.usable:
            self._config, self._config_text = result.config, result.text
        configured = self._config.kiosk.languages
        pending: set[str] = set()
        self._cache.begin(self.root)
        folders = topic_folders(self.root)
        if folders:
            problems.extend(both_layouts(self.root, configured))
            topics = [self._topic(folder, configured, first_only, pending, problems) for folder in folders]
        else:
            blame = (config_path, key_line(self._config_text, "kiosk", "languages"))
            topics = [self._deck_topic("", self.root, TopicInfo(), configured, first_only, pending, problems, blame)]
        if not first_only:
            self._cache.end()
            self._save_cache()
            kept = {(topic.name, language) for topic in topics if topic is not None for language in configured}
            for gone in self._last_good.keys() - kept:
                del self._last_good[gone]
            for name in self._last_info.keys() - {folder.name for folder in folders}:
                del self._last_info[name]
        shown_topics = tuple(topic for topic in topics if topic is not None)
        shown = tuple(language for language in configured
                      if language in pending or any(topic.cards(language) for topic in shown_topics))
        if folders:
            problems.extend(_languages_without_topics(configured, shown, config_path, self._config_text))
        config = self._config
        if shown and shown != configured:
            config = replace(config, kiosk=replace(config.kiosk, languages=shown))
        return ContentState(self.root, config, shown_topics, tuple(problems), frozenset(pending), fonts=fonts.fonts,
                            library=bool(folders))

    def _adopt(self, file: ParseCacheFile) -> None:
        saved = file.read()
        self._cache_read = True
        remember_demo_pin_verdicts(saved.demo_pin)
        self._pins_written = dict(saved.demo_pin)
        self._cache.adopt(saved)
        self._write_cache = not saved.trusted

    def _save_cache(self) -> None:
        pins = demo_pin_verdicts()
        if self._cache_file is None or not (self._cache.changed or self._write_cache or pins != self._pins_written):
            return
        snapshot = self._cache.snapshot(pins)
        if snapshot is not None:
            self._cache_file.write_later(snapshot)
            self._write_cache, self._pins_written = False, pins

    def _topic(self, folder: Path, configured: tuple[str, ...], first_only: bool, pending: set[str],
               problems: list[Problem]) -> Topic | None:
        """A topic of the library: its topic.toml (or its last good one) and its decks; None when
        its topic.toml was never usable (its cards are still read, so their problems are reported)."""
        loaded = load_topic(folder / TOPIC_FILE)
        problems.extend(loaded.problems)
        if loaded.info is not None:
            self._last_info[folder.name] = loaded.info
        info = self._last_info.get(folder.name)
        topic = self._deck_topic(folder.name, folder, info or TopicInfo(), configured, first_only, pending, problems, None)
        return topic if info is not None else None

    def _deck_topic(self, name: str, folder: Path, info: TopicInfo, configured: tuple[str, ...], first_only: bool,
                    pending: set[str], problems: list[Problem], blame: tuple[Path, int] | None) -> Topic:
        decks: dict[str, tuple[Card, ...]] = {}
        for language in configured:
            key = (name, language)
            if first_only and any(decks.values()) and (folder / language).is_dir():
                pending.add(language)  # a folder that is missing is still reported now (that costs nothing)
                continue
            if blame is None and not _exists(folder / language):  # a topic in fewer languages than the kiosk
                problems.append(note(folder / language, 1, f"topic {name} has no cards in '{language}' (no folder "
                                                           f"{language}/): the grid leaves it out for patients reading '{language}'"))
                self._last_good.pop(key, None)
                continue
            deck = load_deck(self.root, language, blame=blame, cache=self._cache, folder=folder)
            problems.extend(deck.problems)
            if deck.missing is None:
                decks[language] = self._merge(key, deck)
            elif key in self._last_good:
                decks[language] = self._sorted(self._last_good[key])
        clinic = self._config.clinic
        return Topic(name, folder, info, {language: deck_with_crisis(cards, clinic, language, self.root, self._cache.callout)
                                          for language, cards in decks.items()})

    def _merge(self, key: tuple[str, str], deck: Deck) -> tuple[Card, ...]:
        previous = self._last_good.get(key, {})
        cards = {card.slug: card for card in deck.cards}
        for slug in deck.broken:
            if slug in previous:
                cards[slug] = previous[slug]
        self._last_good[key] = cards
        return self._sorted(cards)

    @staticmethod
    def _sorted(cards: dict[str, Card]) -> tuple[Card, ...]:
        return tuple(cards[slug] for slug in sorted(cards))


def _languages_without_topics(configured: tuple[str, ...], shown: tuple[str, ...], config_path: Path,
                              config_text: str) -> list[Problem]:
    """In a topic library, a language no topic has cards in is left off the screen (as a deck's missing
    language folder is); with none left, every patient would find an empty grid."""
    line = key_line(config_text, "kiosk", "languages")
    return [error(config_path, line, f"language '{language}': no topic has cards in it (no topics/*/{language}/ folder "
                                     f"with cards), so patients are not offered it; add its cards to a topic or remove "
                                     f"'{language}' from languages" + ("" if shown else " (no language is left: the grid is empty)"))
            for language in configured if language not in shown]


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return True  # cannot tell: loading says why

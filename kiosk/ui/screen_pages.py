"""Which pages the pager holds for the content and the patient's visit.

Today's layout: the welcome screen, the deck's cards, the contact screen. A topic library: the
welcome screen and the topics grid, and once a patient opens a topic, that topic's cards and the
contact screen after them (with "More topics"). Only the open topic's cards are pages, so a swipe
never leaves a topic for another one the patient did not choose, and the dots count that topic alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from kiosk.core.governance import shown_cards
from kiosk.core.icons import DEFAULT_ICON
from kiosk.core.store import ContentState
from kiosk.core.strings import Strings
from kiosk.core.topics import Topic, on_grid
from kiosk.core.visit import Screens
from kiosk.ui.card_views import CardViews
from kiosk.ui.contact import ContactScreen
from kiosk.ui.pager import PageSource
from kiosk.ui.topics_grid import Tile, TopicsGrid
from kiosk.ui.welcome import WelcomeScreen
from kiosk.ui.window import KioskWindow


def tile_of(topic: Topic, language: str) -> Tile:
    info = topic.info.for_language(language)
    return Tile(topic.name, topic.title(language), info.summary, info.icon or DEFAULT_ICON)


class ScreenPages:
    """The kernel's pages, and the way into a topic and out of it. `open_topic` is the topic the
    patient is in ("" on the grid, or with one deck); `show` puts the content on screen again (the
    wiring's show_state), which asks `build` for the pages."""

    def __init__(self, welcome: WelcomeScreen, grid: TopicsGrid, contact: ContactScreen, views: CardViews,
                 window: KioskWindow, show: Callable[[], None]) -> None:
        self.welcome, self.grid, self.contact, self.views, self.window = welcome, grid, contact, views, window
        self.open_topic = ""
        self._show = show
        for screen in (welcome, grid, contact):
            screen.hide()  # children of the window until the pager lays them out (a deck never shows the grid)
        grid.topic_chosen.connect(self.open)
        contact.more_topics_requested.connect(window.go_home)
        window.pager.current_changed.connect(self._close_on_grid)

    def open(self, name: str) -> None:
        """A tap on a tile of the grid: that topic's pages, and its first card on screen."""
        self.open_topic = name
        self._show()
        if self.open_topic == name:  # still on the grid (the content may have changed under the finger)
            self.window.go_to(self.window.screens.deck_start)

    def _close_on_grid(self, index: int) -> None:
        """Back on the grid or the welcome screen: the topic's pages go, so no swipe leads into them."""
        if self.open_topic and index < self.window.screens.deck_start:
            self.open_topic = ""
            self._show()

    def build(self, state: ContentState, language: str, strings: Strings, now: datetime, *, every: bool = False) -> tuple[list[PageSource], Screens]:
        """Show `state` in `language` at `now` (`every`: cards and topics outside their show dates
        too, for kiosk preview): the pages in order, and the Screens that name them."""
        topic: Topic | None
        if state.library:
            shown = on_grid(state.topics, language, now, every=every)
            self.grid.set_content([tile_of(topic, language) for topic in shown], strings)
            self.welcome.set_topics([(topic.title(language), tile_of(topic, language).icon) for topic in shown])
            if self.open_topic not in {topic.name for topic in shown}:
                self.open_topic = ""  # gone, or outside its window now: the patient goes back to the grid
            topic = state.topic(self.open_topic) if self.open_topic else None
        else:
            topic = state.topics[0] if state.topics else None
        cards = () if topic is None else topic.cards(language) if every else shown_cards(topic.cards(language), now.date())
        self.views.show(cards, state.root, strings)
        if not state.library:
            self.welcome.set_topics([(card.title, card.icon or DEFAULT_ICON) for card in cards])
            self.grid.set_content([], strings)  # never shown here, but its buttons still carry their names
        screens = Screens(tuple(self.views), has_contact=topic is not None and not state.config.clinic.is_empty,
                          grid=state.library, topic=self.open_topic)
        # One deck with no card and no contact screen (or the content folder not answering yet): nothing to start.
        self.welcome.set_startable(state.library or screens.count > 1)
        pages: list[PageSource] = [self.welcome]
        if state.library:
            pages.append(self.grid)
        pages += self.views.pages()
        if screens.has_contact:
            assert topic is not None
            info = topic.info.for_language(language)
            link = (info.qr, info.qr_label or strings["card_qr"]) if state.library and info.qr else None
            self.contact.set_content(state.config.clinic, strings, link=link, more_topics=state.library)
            pages.append(self.contact)
        return pages, screens

    @staticmethod
    def next_change(state: ContentState, now: datetime) -> datetime | None:
        """The next moment a topic's show hours or days may change what the grid shows."""
        moments = [moment for topic in state.topics if (moment := topic.info.window.next_change(now)) is not None]
        return min(moments, default=None)

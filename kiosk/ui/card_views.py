"""The card pages of the deck on screen, by file name, each built the first time it is needed.

Building a card view costs ~30 ms (widgets, rich-text layout), so a deck of 2,000 cards built at
once froze the screen for most of a minute and held ~600 MB. Here only the views a patient reaches
(and the pager's neighbours of the one on screen) exist; the rest are a Card and a file name.
Views are reused by file name across reloads and language switches, and detached before deletion.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from kiosk.core.cards import Card
from kiosk.core.strings import Strings
from kiosk.ui.card import CardView


class CardViews(Mapping[str, CardView]):
    """slug -> CardView, built on first access; `built()` lists only those that exist."""

    def __init__(self, make_view: Callable[[], CardView]) -> None:
        self._make_view = make_view
        self._cards: dict[str, Card] = {}
        self._views: dict[str, CardView] = {}
        self._root = Path()
        self._strings: Strings | None = None

    def show(self, cards: Sequence[Card], root: Path, strings: Strings) -> None:
        """Hold `cards` from now on: views of cards still there are updated, the others deleted."""
        self._cards = {card.slug: card for card in cards}
        self._root = root
        self._strings = strings
        for slug in list(self._views):
            view = self._views[slug]
            card = self._cards.get(slug)
            if card is None:
                del self._views[slug]
                view.setParent(None)
                view.deleteLater()
                continue
            if view.card != card:
                view.set_card(card, root)
            view.set_strings(strings)

    def factory(self, slug: str) -> Callable[[], CardView]:
        """What the pager calls when it first needs the page of card `slug`."""
        return lambda: self[slug]

    def pages(self) -> list[CardView | Callable[[], CardView]]:
        """For the pager, in deck order: the views built so far, and what builds the others."""
        return [self._views.get(slug) or self.factory(slug) for slug in self._cards]

    def cards(self) -> list[Card]:
        """The cards held, in deck order, without building a view for any."""
        return list(self._cards.values())

    def built(self) -> list[CardView]:
        return list(self._views.values())

    def is_built(self, slug: str) -> bool:
        return slug in self._views

    def __getitem__(self, slug: str) -> CardView:
        view = self._views.get(slug)
        if view is None:
            card = self._cards[slug]  # KeyError for a card the deck does not have
            view = self._make_view()
            view.set_card(card, self._root)
            if self._strings is not None:
                view.set_strings(self._strings)
            self._views[slug] = view
        return view

    def __contains__(self, slug: object) -> bool:
        return slug in self._cards  # without building the view, as Mapping's own would

    def __iter__(self) -> Iterator[str]:
        return iter(self._cards)

    def __len__(self) -> int:
        return len(self._cards)

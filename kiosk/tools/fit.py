"""`kiosk check`'s fit check: which cards a patient must scroll to finish, and from which line.

Patients rarely scroll, so a card that runs below the fold at the kiosk's usual text size on any of
`[check] screens` gets a warning at the first source line that falls below it; a card that fits
but needs scrolling at the largest text size gets a note. The answer comes from the real kiosk laid
out off screen (the same screens `kiosk snapshot` draws), so it follows fonts, pictures, take-home
QR codes and every screen shape. One kiosk is built per screen size and one card view laid out in
it; every card is then shown in that same view in turn (a view per card cost ~30 ms each and kept
them all: 47 s for 655 cards). The line is found by rendering ever longer beginnings of the card
into its own text area (a binary search: a handful of renders per card that overflows).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from kiosk.app import KioskApp
from kiosk.core.cards import Card
from kiosk.core.config import CONFIG_NAME, load_config
from kiosk.core.content_files import topic_of
from kiosk.core.markdown import render_markdown
from kiosk.core.problems import Problem, note, warning
from kiosk.core.visit import Kind, Screen
from kiosk.tools.snapshot import offscreen_kiosk
from kiosk.ui.card import CardView

LARGEST = "largest"


def fit_problems(root: Path) -> list[Problem]:
    """Warnings (usual text size) and notes (largest text size) for every card of every language."""
    config = load_config(root / CONFIG_NAME).config
    usual = config.kiosk.text_size
    below: dict[tuple[Path, str], int] = {}  # (card file, screen) → first line below the fold
    largest: dict[Path, list[tuple[str, int]]] = {}
    order: list[Path] = []
    prefixes: dict[tuple[Path, int], str] = {}
    for width, height in config.check.screen_sizes():
        screen = f"{width}x{height}"
        with offscreen_kiosk(root, (width, height), every_card=True) as kiosk:
            for language in kiosk.complete().config.kiosk.languages:
                kiosk.set_language(language)
                for text_size in dict.fromkeys((usual, LARGEST)):
                    kiosk.set_text_size(text_size)
                    # At the largest size only the cards that fit at the usual size can still earn a note.
                    skip = {path for (path, where) in below if where == screen} if text_size != usual else set()
                    for card, line in _every_deck(kiosk, prefixes, skip):
                        if card.path not in order:
                            order.append(card.path)
                        if text_size == usual:
                            below[(card.path, screen)] = line
                        else:
                            largest.setdefault(card.path, []).append((screen, line))
    languages = list(config.kiosk.languages)
    order.sort(key=lambda path: (languages.index(path.parent.name) if path.parent.name in languages else len(languages),
                                 str(path.parent.parent), path.name))
    problems: list[Problem] = []
    for path in order:
        for (where, screen), line in below.items():
            if where == path:
                problems.append(warning(path, line, (
                    f"needs scrolling on a {screen} screen at the {usual} text size: patients must drag up "
                    "to read from this line on (shorten the card or split it in two)"
                )))
        if path in largest:
            screens = " and ".join(screen for screen, _ in largest[path])
            line = min(line for _, line in largest[path])
            problems.append(note(path, line, f"at the largest text size patients scroll from about this line on ({screens})"))
    return problems


def _every_deck(kiosk: KioskApp, prefixes: dict[tuple[Path, int], str], skip: set[Path]) -> list[tuple[Card, int]]:
    """`_overflowing` for the one deck, or for each topic of a library in turn (opened as a tap opens it)."""
    assert kiosk.state is not None
    if not kiosk.state.library:
        return _overflowing(kiosk, prefixes, skip)
    found = []
    for tile in list(kiosk.grid.tiles):
        kiosk.pages.open(tile.name)
        found += _overflowing(kiosk, prefixes, skip)
        kiosk.window.go_home()
    return found


def _overflowing(kiosk: KioskApp, prefixes: dict[tuple[Path, int], str], skip: set[Path]) -> list[tuple[Card, int]]:
    """Each card that needs scrolling as now shown, with the file line of its first line below the fold.

    The first card's view, on screen in the kiosk's window, shows each card in turn: the page around
    the text (title, picture, take-home code, footer) is laid out for every card as for its own view.
    """
    cards = [card for card in kiosk.views.cards() if card.path not in skip]
    if not cards:
        return []
    window = kiosk.window
    first = kiosk.views.cards()[0]
    index = window.screens.index_of(Screen(Kind.CARD, first.slug, window.screens.topic))
    if index is None:
        return []
    window.go_to(index, animate=False)
    QCoreApplication.sendPostedEvents()  # lays the page out; no timers, so no neighbour is painted
    view = kiosk.views[first.slug]
    root = kiosk.store.root
    found = []
    try:
        for card in cards:
            view.set_card(card, root)
            QCoreApplication.sendPostedEvents()
            view.scroll_to_top()
            if view.more_below():  # as patients see it: the "Slide up" hint shows
                found.append((card, first_line_below_the_fold(view, root, prefixes)))
    finally:
        view.set_card(first, root)
    return found


def first_line_below_the_fold(view: CardView, root: Path, prefixes: dict[tuple[Path, int], str] | None = None) -> int:
    """The file line of the first body line that does not fit in the card's text area.

    `prefixes` keeps the HTML of each card beginning rendered so far (it is the same on every screen).
    """
    prefixes = {} if prefixes is None else prefixes
    card = view.card
    assert card is not None
    lines = card.body.split("\n")
    body = view.body
    room = body.viewport().height()

    def overflows(count: int) -> bool:
        key = (card.path, count)
        if key not in prefixes:
            prefixes[key] = render_markdown("\n".join(lines[:count]), root, topic_of(card.path, root)).html
        body.setHtml(prefixes[key])
        return body.document().size().height() > room

    low, high = 1, len(lines)  # the whole body overflows; find the shortest beginning that does
    try:
        while low < high:
            middle = (low + high) // 2
            if overflows(middle):
                high = middle
            else:
                low = middle + 1
    finally:
        view.set_card(card, root)
    return card.body_line + low - 1

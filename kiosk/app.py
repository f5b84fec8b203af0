"""Wires the kiosk together: content store → screens → window. The only module that knows everyone."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.problems import Problem
from kiosk.store import ContentState, ContentStore
from kiosk.strings import strings_for
from kiosk.ui.card import CardView
from kiosk.ui.contact import ContactScreen
from kiosk.ui.pager import DEFAULT_ANIMATION_MS
from kiosk.ui.theme import Metrics, apply_theme, load_fonts
from kiosk.ui.welcome import WelcomeScreen
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


class KioskApp(QObject):
    """Builds the screens from the current content and keeps them in step with it."""

    def __init__(self, content_root: Path, metrics: Metrics, *, animation_ms: int = DEFAULT_ANIMATION_MS) -> None:
        super().__init__()
        self.metrics = metrics
        self.store = ContentStore(content_root)
        load_fonts()
        apply_theme(QApplication.instance(), metrics)
        self.window = KioskWindow(metrics, animation_ms=animation_ms)
        self.welcome = WelcomeScreen(metrics)
        self.contact = ContactScreen(metrics)
        self.views: dict[str, CardView] = {}
        self.state: ContentState | None = None
        self._reported: set[Problem] = set()
        self.welcome.start_requested.connect(lambda: self.window.go_to(1))
        self.reload()

    @property
    def language(self) -> str:
        assert self.state is not None
        return self.state.config.kiosk.languages[0]

    def reload(self) -> ContentState:
        state = self.store.reload()
        self._report(state.problems)
        self.show_state(state)
        return state

    def show_state(self, state: ContentState) -> None:
        """Show `state`, reusing card views by file name and keeping the patient on the same card."""
        previous_slug = self.current_slug()
        self.state = state
        strings = strings_for(self.language)
        cards = state.cards(self.language)
        views: dict[str, CardView] = {}
        for card in cards:
            view = self.views.pop(card.slug, None) or CardView(self.metrics, strings)
            if view.card != card:
                view.set_card(card, state.root)
            view.set_strings(strings)
            views[card.slug] = view
        for stale in self.views.values():
            stale.setParent(None)
            stale.deleteLater()
        self.views = views
        self.welcome.set_content(state.config, strings)
        pages: list[QWidget] = [self.welcome, *views.values()]
        if not state.config.clinic.is_empty:
            self.contact.set_content(state.config.clinic, strings)
            pages.append(self.contact)
        self.window.set_strings(strings)
        self.window.set_pages(pages, len(cards), self._index_for(previous_slug, [c.slug for c in cards], len(pages)))

    def current_slug(self) -> str | None:
        """File name of the card on screen, '' for welcome, None for the contact screen."""
        page = self.window.pager.current_page()
        if page is None or page is self.welcome:
            return ""
        if isinstance(page, CardView) and page.card is not None:
            return page.card.slug
        return None

    def _index_for(self, slug: str | None, slugs: list[str], page_count: int) -> int:
        if slug == "":
            return 0
        if slug is None:
            return page_count - 1 if self.window.current_index() > 0 else 0
        if slug in slugs:
            return slugs.index(slug) + 1
        later = [i for i, s in enumerate(slugs) if s > slug]
        return (later[0] if later else len(slugs) - 1) + 1 if slugs else 0

    def _report(self, problems: tuple[Problem, ...]) -> None:
        """Log each problem once, not on every reload."""
        for problem in problems:
            if problem not in self._reported:
                log.log(logging.ERROR if problem.is_error else logging.WARNING, "%s", problem.format())
        self._reported = set(problems)

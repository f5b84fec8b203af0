"""Wires the usage counts into the kiosk: what is on screen, the patient's choices, the helpful answers.

The usage feature's wiring (kiosk.app creates it and hands it the kernel's signals): it decides
nothing about what a visit adds (usage/core/visits.py does) or how it is stored (usage/runtime.py
does), only tells the store what happened. It puts the one-tap "Was this helpful?" in each card's
footer slot. With no store (snapshots, most tests) the question is still shown as kiosk.toml says,
so `kiosk snapshot` shows exactly what patients see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, SignalInstance

from kiosk.core.store import ContentState
from kiosk.core.visit import Kind, Screen, Visit
from kiosk.runtime.idle import IdleMonitor
from kiosk.ui.card import CardView
from kiosk.ui.card_views import CardViews
from kiosk.ui.overlays.text_size import DisplayPanel
from kiosk.usage.ui.helpful import HelpfulPrompt

if TYPE_CHECKING:  # the store (sqlite, its writer thread) is kiosk run's, built by kiosk.run
    from kiosk.usage.runtime import UsageStore


class Kiosk(Protocol):
    """What counting needs of kiosk.app.KioskApp (which creates it, so it cannot import it)."""

    display_panel: DisplayPanel
    state: ContentState
    views: CardViews
    idle: IdleMonitor
    page_changed: SignalInstance

    def current_screen(self) -> Screen: ...


def helpful_prompt(view: CardView) -> HelpfulPrompt:
    """The card's "Was this helpful?" (every card view the kiosk builds has one)."""
    prompt = view.footer_widget(HelpfulPrompt)
    assert prompt is not None
    return prompt


class Counting(QObject):
    def __init__(self, app: Kiosk, usage: UsageStore | None, countdown_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.usage = usage
        self._countdown_s = countdown_s
        app.page_changed.connect(self._on_page_changed)
        if usage is not None:
            app.display_panel.text_size_requested.connect(usage.on_text_size)
            app.display_panel.contrast_requested.connect(usage.on_high_contrast)

    # --- called by the app -------------------------------------------------------------------

    def on_content(self, state: ContentState, defaults: Visit) -> None:
        """New content: [stats] settings for the store, the question shown or not on every card."""
        if self.usage is not None:
            self.usage.configure(state.config.stats, defaults)
        for view in self.app.views.built():
            helpful_prompt(view).setVisible(state.config.stats.shows_helpful)
            helpful_prompt(view).set_clinic(state.config.clinic)

    def on_card_view(self, view: CardView) -> CardView:
        """A card view was just built: it asks (or not) and its answers are counted."""
        state = self.app.state
        prompt = HelpfulPrompt(view.theme)
        view.add_footer(prompt)
        prompt.setVisible(state is not None and state.config.stats.shows_helpful)
        if state is not None:
            prompt.set_clinic(state.config.clinic)
        if self.usage is not None:
            usage = self.usage
            prompt.answered.connect(lambda yes: usage.on_helpful(view.card.slug if view.card else "", yes))
        return view

    def on_listen(self) -> None:
        """The patient pressed Listen."""
        if self.usage is not None:
            self.usage.listened()

    def on_language(self, language: str) -> None:
        if self.usage is not None:
            self.usage.on_language(language)

    def on_idle_reset(self, defaults: Visit) -> None:
        """Before the welcome screen shows: the visit ended by the idle reset, not by going home.
        The idle wait and the countdown were nobody's reading time."""
        if self.usage is not None:
            self.usage.on_idle_reset(self.app.idle.timeout_ms() / 1000 + self._countdown_s, defaults)

    # --- from the screens --------------------------------------------------------------------

    def _on_page_changed(self) -> None:
        screen = self.app.current_screen()
        views = self.app.views
        if screen.kind is Kind.WELCOME:
            for view in views.built():
                helpful_prompt(view).reset()  # ready for the next patient
        if self.usage is not None:
            shown = views[screen.slug] if screen.kind is Kind.CARD and screen.slug in views else None
            self.usage.on_screen(screen, has_qr=bool(shown and shown.card and shown.card.qr))

"""Wires the kiosk together: content → screens → window, idle reset, live reload, and the features.

The only module that knows every part: the kernel's screens and services, then each feature
(staff access, usage counts, Listen, the handout) attached through the kernel's slots and the
signals below. The parts only receive data and emit signals; features never import one another.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk import __version__
from kiosk.core.fonts import font_families
from kiosk.runtime.day_watch import DayWatch
from kiosk.runtime.font_registry import use_content_fonts
from kiosk.runtime.idle import IdleMonitor
from kiosk.runtime.loader import ContentLoader
from kiosk.runtime.moment_watch import MomentWatch
from kiosk.runtime.problem_log import ProblemLog
from kiosk.runtime.qt_app import gui_app
from kiosk.runtime.watcher import START_WAIT_MS, Watcher, content_watcher
from kiosk.core.store import ContentState, ContentStore, nothing_yet
from kiosk.core.strings import Strings, strings_for
from kiosk.core.tuning import DEFAULT_TIMING, IDLE_SECONDS, Timing
from kiosk.core.visit import IdleAction, Screen, Visit, on_idle
from kiosk.ui.card import CardView
from kiosk.ui.card_views import CardViews
from kiosk.ui.contact import ContactScreen
from kiosk.ui.language_choice import LanguageChoice
from kiosk.ui.overlays.text_size import DisplayPanel
from kiosk.ui.overlays.idle_prompt import IdleOverlay
from kiosk.ui.screen_pages import ScreenPages
from kiosk.ui.theme import Metrics, Themed, Theme, apply_theme, load_fonts
from kiosk.ui.topics_grid import TopicsGrid
from kiosk.ui.welcome import WelcomeScreen
from kiosk.ui.window import KioskWindow
from kiosk.handout.wiring import save_handout
from kiosk.staff.core.info import StaffInfo, staff_info
from kiosk.staff.wiring import StaffAccess
from kiosk.usage.ui.staff_usage import StaffUsage
from kiosk.usage.wiring import Counting

if TYPE_CHECKING:
    from kiosk.listen.wiring import Listening
    from kiosk.usage.runtime import UsageStore

log = logging.getLogger(__name__)


class KioskApp(QObject):
    """Builds the screens from the current content and keeps them in step with it."""

    exit_requested = Signal()  # staff asked to leave the kiosk (the launcher quits; tests just observe)
    visit_reset = Signal()  # the kiosk went back to the start for the next patient
    reloaded = Signal()  # new content is on screen
    page_changed = Signal(int)  # index of the screen now shown (features follow the patient with it)

    def __init__(
        self,
        content_root: Path,
        metrics: Metrics,
        *,
        timing: Timing = DEFAULT_TIMING,
        watch: bool = False,
        clock: Callable[[], float] = time.monotonic, now: Callable[[], datetime] = datetime.now,  # clock: uptime, the idle prompt's countdown
        usage: UsageStore | None = None, state_dir: Path | None = None,  # PIN lockout record; None: memory only
        every_card: bool = False,  # also cards outside their show dates (kiosk preview, the fit check)
        speech: bool = True,  # Listen (its engine starts later: Listening); False: none, unless attach_listen() (the commands)
        parse_cache: Path | None = None,  # cards parsed before, in the state folder (kiosk.core.parse_cache); None: none
    ) -> None:
        super().__init__()
        self.metrics = metrics
        self.timing = timing
        self._clock, self._started, self.now = clock, clock(), now
        self.last_reload = ""
        self.store = ContentStore(content_root, cache_file=parse_cache)
        self.loader = ContentLoader(self.store, self)  # edits are read off the GUI thread
        self.watcher: Watcher | None = None
        deadline = None if timing.first_read_ms is None else time.monotonic() + timing.first_read_ms / 1000
        if watch:
            self.start_watching()  # before the first read, so no edit can slip in between
        # The first language is read before the screens, off this thread and with a deadline (loader.read_first).
        first = self.loader.read_first(deadline)
        self.content_loaded = first is not None  # False until the content folder has answered
        self.state = first or nothing_yet(content_root)
        self.visit = self._default_visit(self.state)
        load_fonts()
        # The visit's look and the clinic's fonts from the start (as show_loaded will want), so the screens are styled once.
        families = font_families(self.language, use_content_fonts(self.state.fonts))
        self.theme = theme = Theme.for_visit(metrics, self.visit.text_size, self.visit.high_contrast, families)
        apply_theme(gui_app(), theme)
        self.window = KioskWindow(theme, animation_ms=timing.animation_ms)
        self.welcome = WelcomeScreen(theme, self.window, attract_ms=timing.attract_ms)
        self.grid = TopicsGrid(theme, self.window)  # screens owned by the window: Python's collector never deletes one mid-restyle
        self.contact = ContactScreen(theme, self.window)
        self.display_panel = DisplayPanel(theme, self.window)
        self.languages = LanguageChoice(theme, self.window)  # the strip's language buttons or globe, and its grid
        self.idle_overlay = IdleOverlay(theme, self.window, tick_ms=timing.tick_ms, clock=clock)
        self.views = CardViews(lambda: self.counting.on_card_view(CardView(self.theme, self.strings)))  # built when first needed
        self.pages = ScreenPages(self.welcome, self.grid, self.contact, self.views, self.window, show=lambda: self.show_state(self.state))
        self.problem_log = ProblemLog()
        # Parented to the window: whatever watches input dies with the screens it acts on.
        self.idle = IdleMonitor(timing.idle_ms or IDLE_SECONDS * 1000, self.window)
        self.staff = StaffAccess(self.window, theme, self.staff_info, timing, state_dir, lambda: now().timestamp(), clock)
        self.staff_usage = StaffUsage(self.window, theme, usage, lambda: self.state, lambda: self.day_watch.today, save_handout=save_handout)
        self._every_card = every_card
        self.day_watch = DayWatch(now, max_wait_ms=timing.day_check_ms, parent=self)
        self.show_watch = MomentWatch(now, max_wait_ms=timing.day_check_ms, parent=self)  # topics' show hours
        self.counting = Counting(self, usage, timing.countdown_s, parent=self)
        self.listening: Listening | None = None
        self._connect()
        self.show_loaded(self.state)
        if speech:
            self.attach_listen()
        self.idle.start()

    def _connect(self) -> None:
        self.welcome.start_requested.connect(self.window.start)
        self.idle.idle.connect(self.on_idle)
        self.idle.activity.connect(self.idle_overlay.cancel)
        self.idle.input_began.connect(self.idle_overlay.hold)
        self.idle_overlay.expired.connect(self.reset_visit)
        self.staff.corner.triggered.connect(self.idle_overlay.cancel)
        self.staff.reload_requested.connect(self.loader.request)
        self.loader.loaded.connect(self.show_loaded)
        self.staff.exit_requested.connect(self.exit_requested)
        self.window.size_settled.connect(self._apply_theme)  # the screen changed size: sizes follow
        self.window.pager.current_changed.connect(self.page_changed)
        self.staff.usage_requested.connect(self.staff_usage.open)
        self.languages.requested.connect(self.set_language)
        self.window.visit_bar.display_requested.connect(self.open_display_panel)
        self.display_panel.text_size_requested.connect(self.set_text_size)
        self.display_panel.contrast_requested.connect(self.set_high_contrast)
        self.day_watch.day_changed.connect(self.on_new_day)
        self.show_watch.due.connect(self.on_new_day)

    def attach_listen(self) -> None:
        """Listen's bar and speaker (whose engine starts only when asked). The commands that picture or
        measure cards leave Listen out, unless asked (`snapshot --listen`), so no engine can hold them."""
        if self.listening is None:
            from kiosk.listen.wiring import Listening  # its modules load only in a kiosk that speaks

            self.listening = Listening(self, parent=self)
            self.listening.listen_pressed.connect(self.counting.on_listen)
            self.listening.on_content()

    def start_watching(self) -> None:
        self.watcher = content_watcher(self.store.root, debounce_ms=self.timing.debounce_ms, rescan_ms=self.timing.rescan_ms, parent=self)
        self.watcher.changed.connect(self.loader.request)
        self.watcher.start(self.timing.first_read_ms or START_WAIT_MS)

    @property
    def language(self) -> str:
        return self.visit.language

    @property
    def strings(self) -> Strings:
        return strings_for(self.language)

    # --- content -------------------------------------------------------------------------------

    def reload(self, *, first_only: bool = False) -> ContentState:
        """Read the content now, on this thread, and show it (start-up, SIGHUP; edits use `loader`)."""
        state = self.store.reload(first_only=first_only)
        self.show_loaded(state)
        return state

    def complete(self) -> ContentState:
        """The languages start-up left `pending`, read now on this thread if the background read has not."""
        return self.reload() if self.state.pending else self.state

    def show_loaded(self, state: ContentState) -> None:
        """Put freshly read content on screen, unless something read later is already there."""
        if state.generation < self.state.generation:
            return
        self.content_loaded |= state.generation > 0  # 0: the stand-in shown while the content folder is silent
        self.problem_log.report(state.problems)
        self.languages.use_fonts(state.fonts)
        # A reload keeps the patient's choices; new defaults in kiosk.toml apply from the next visit.
        self.visit = self.visit.after_settings_change(state.config.kiosk)
        self._apply_theme()  # the clinic's fonts may have changed
        self.counting.on_content(state, self._default_visit(state))
        self.show_state(state)
        self.last_reload = datetime.now().strftime("%Y-%m-%d %H:%M:%S") if self.content_loaded else ""
        if state.pending and self.watcher is not None:  # the first screen sooner; the other languages follow
            self.loader.request(after_ms=self.timing.load_rest_ms)
        if self.timing.idle_ms is None:
            self.idle.set_timeout(state.config.kiosk.idle_seconds * 1000)
        self.staff.set_pin_hash(state.config.kiosk.pin_hash)
        self.staff.refresh()
        self.reloaded.emit()

    def show_state(self, state: ContentState) -> None:
        """Show `state`, reusing card views by file name and keeping the patient on the same card."""
        previous = self.current_screen()
        self.state = state
        strings = self.strings
        self.welcome.set_content(state.config, strings, self.language)
        self.languages.show(state.config.kiosk.languages, self.language, strings)
        now = self.now()
        pages, screens = self.pages.build(state, self.language, strings, now, every=self._every_card)
        for overlay in (self.idle_overlay, self.display_panel):
            overlay.set_strings(strings)
        clinic = strings_for(state.config.kiosk.languages[0])  # staff read the clinic's language, whatever the patient chose
        self.staff.set_strings(clinic)
        self.staff_usage.set_strings(clinic)
        self.display_panel.set_state(self.visit.text_size, self.visit.high_contrast)
        self.window.set_strings(strings)
        self.window.set_pages(pages, screens, screens.after_reload(previous))
        self.show_watch.wake_at(self.pages.next_change(state, now))
        if self.listening is not None:
            self.listening.on_content()

    def on_new_day(self, _today: date | None = None) -> None:
        """Cards and topics whose show dates or hours begin or end come and go; the patient stays put (or back on the grid)."""
        self.show_state(self.state)
        self.staff.refresh()

    def current_screen(self) -> Screen:
        return self.window.current_screen()

    def current_index(self) -> int:
        return self.window.current_index()

    def current_card_view(self) -> CardView | None:
        """The card on screen now, for features that mark it (Listen's highlight); None elsewhere."""
        page = self.window.pager.current_page()
        return page if isinstance(page, CardView) else None

    # --- the visit -----------------------------------------------------------------------------

    def on_idle(self) -> None:
        action = on_idle(on_welcome=self.window.current_index() == 0, staff_open=self.staff.is_open() or self.staff_usage.is_open(),
                         reading=self.listening is not None and self.listening.is_reading(),
                         panel_open=self.display_panel.isVisible() or self.languages.picker.isVisible(), visit_changed=self._visit_changed())
        if action is IdleAction.ASK:
            self.idle_overlay.start(self.timing.countdown_s)
        elif action is IdleAction.RESET:
            self.reset_visit()

    def _visit_changed(self) -> bool:
        return self.visit != self._default_visit(self.state)

    def set_language(self, language: str) -> None:
        """Switch language, staying on the matching card (by file name)."""
        if language == self.visit.language or language not in self.state.config.kiosk.languages:
            return
        if language in self.state.pending:
            self.complete()
        self.visit = replace(self.visit, language=language)
        self.counting.on_language(language)
        self._apply_theme()  # fonts in the order this language's readers expect
        self.show_state(self.state)

    def set_text_size(self, text_size: str) -> None:
        self.visit = replace(self.visit, text_size=text_size)
        self._apply_visit_look()

    def set_high_contrast(self, on: bool) -> None:
        self.visit = replace(self.visit, high_contrast=on)
        self._apply_visit_look()

    def open_display_panel(self) -> None:
        self.display_panel.set_state(self.visit.text_size, self.visit.high_contrast)
        self.display_panel.open()

    def _default_visit(self, state: ContentState) -> Visit:
        return replace(Visit.default_for(state.config.kiosk), volume=state.config.speech.volume)

    def _apply_visit_look(self) -> None:
        self._apply_theme()
        self.display_panel.set_state(self.visit.text_size, self.visit.high_contrast)

    def _apply_theme(self, screen: Metrics | None = None) -> None:
        self.metrics = screen or self.metrics
        theme = Theme.for_visit(self.metrics, self.visit.text_size, self.visit.high_contrast, self.languages.families(self.language))
        if theme == self.theme:
            return
        self.theme = theme
        apply_theme(gui_app(), theme)
        themed: list[Themed] = [self.window, self.welcome, self.grid, self.contact, self.display_panel, self.languages.picker,
                                self.idle_overlay, self.staff]
        for widget in (*themed, *self.views.built()):
            widget.set_theme(theme)

    def reset_visit(self) -> None:
        """Back to the welcome screen with nothing of the last patient's visit left."""
        for overlay in (self.idle_overlay, self.display_panel, self.languages.picker):
            overlay.hide()
        self.staff.close()
        self.staff_usage.close()
        for view in self.views.built():
            view.scroll_to_top()
        self.counting.on_idle_reset(self._default_visit(self.state))
        self.window.go_to(0, animate=False)
        self.grid.reset()
        if self._visit_changed():
            language_changed = self.visit.language != self._default_visit(self.state).language
            self.visit = self._default_visit(self.state)
            self._apply_visit_look()
            if language_changed:
                self.show_state(self.state)
        self.idle.start()
        log.info("visit reset after %s s without input", self.idle.timeout_ms() // 1000)
        self.visit_reset.emit()

    # --- staff ---------------------------------------------------------------------------------

    def staff_info(self) -> StaffInfo:
        state = self.complete()  # every language's problems, even in the first moments after start-up
        return staff_info(state, self.day_watch.today, self.now(), version=__version__, uptime_s=self._clock() - self._started,
                          last_reload=self.last_reload, notes=self.listening.staff_notes() if self.listening is not None else ())

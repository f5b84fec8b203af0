"""Wires Listen into the kiosk: the speaker, the Listen bar, the page being read and the visit.

The Listen feature's wiring (kiosk.app creates it and hands it the kernel's signals): it decides
nothing about what is said (listen/core/spoken.py does) or how (listen/runtime/speaker.py does), only
when. Its bar sits in the window's top-row slot; the highlight uses the card's highlight hook. Speech stops when the page, the
language or the visit changes; while a screen is being read the visit counts as in use; a visit
that used speech also hears the idle prompt. The care-team line under every card is said once a
visit, with the first card read, not again after each card's own "Ask your care team".
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Protocol

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from kiosk.core.config import Speech
from kiosk.listen.core.pronunciation import Pronunciation, pronounced
from kiosk.listen.core.spoken import ScreenSpeech, idle_prompt_speech, screen_speech
from kiosk.core.store import ContentState
from kiosk.core.strings import Strings
from kiosk.core.tuning import Timing
from kiosk.core.visit import Screen, Visit
from kiosk.runtime.idle import IdleMonitor
from kiosk.listen.runtime.pronunciation_lists import PronunciationLists
from kiosk.listen.runtime.speaker import NOT_STARTED, STARTING, VOLUME_STEP, Speaker
from kiosk.ui.card import CardView
from kiosk.ui.theme import Theme
from kiosk.listen.ui.listen_bar import ListenBar
from kiosk.ui.overlays.idle_prompt import IdleOverlay
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


class Kiosk(Protocol):
    """What Listen needs of kiosk.app.KioskApp (which creates it, so it cannot import it)."""

    window: KioskWindow
    theme: Theme
    timing: Timing
    state: ContentState
    visit: Visit
    idle: IdleMonitor
    idle_overlay: IdleOverlay
    visit_reset: SignalInstance
    page_changed: SignalInstance

    @property
    def language(self) -> str: ...
    @property
    def strings(self) -> Strings: ...
    def current_screen(self) -> Screen: ...
    def current_index(self) -> int: ...
    def now(self) -> datetime: ...
    def current_card_view(self) -> CardView | None: ...


class Listening(QObject):
    """Listen for one kiosk: its bar in the window's top row, its speaker, and when each speaks."""

    listen_pressed = Signal()  # the patient pressed Listen (the usage counts count it)

    def __init__(self, app: Kiosk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.bar = bar = ListenBar(app.theme, app.window)
        app.window.add_top(bar)
        self.speaker = Speaker(Speech(), app.timing.speech, parent=self, player_timing=app.timing.player)
        self._first_frame: _AfterFirstPaint | None = None
        self.used_in_visit = False  # the patient pressed Listen during this visit
        self._footer_said = False  # the care-team line has been read in this visit
        self._reading_footer = True  # what is being read was asked for with the care-team line
        self._reading: ScreenSpeech | None = None
        self._reading_page = -1
        self._highlighted: CardView | None = None
        self._logged_reasons: set[str] = set()
        self.lists = PronunciationLists(self)  # content/speech/<language>.toml: how words are said, read off this thread
        bar.listen_requested.connect(self.listen)
        bar.listen_requested.connect(self.listen_pressed)
        bar.pause_requested.connect(self.speaker.pause)
        bar.resume_requested.connect(self.speaker.resume)
        bar.stop_requested.connect(self.speaker.stop)
        bar.volume_step_requested.connect(self._step_volume)
        self.speaker.state_changed.connect(bar.set_state)
        self.speaker.block_changed.connect(self._show_block)
        self.speaker.finished.connect(self._on_finished)
        self.speaker.availability_changed.connect(self._show_availability)
        app.page_changed.connect(self._on_page_changed)
        app.idle.activity.connect(self._on_activity)
        app.idle_overlay.started.connect(self.on_idle_prompt)
        app.visit_reset.connect(self.on_visit_reset)
        self._keys = [
            QShortcut(QKeySequence(key), app.window, action, Qt.ShortcutContext.ApplicationShortcut)
            for key, action in (
                # A USB keypad (a tactile "audio" key, a media remote) sends these: Listen without sight.
                (Qt.Key.Key_MediaTogglePlayPause, self._toggle), (Qt.Key.Key_MediaPlay, self._toggle),
                (Qt.Key.Key_MediaPause, self.speaker.pause), (Qt.Key.Key_MediaStop, self.speaker.stop),
                (Qt.Key.Key_VolumeUp, lambda: self._step_volume(1)), (Qt.Key.Key_VolumeDown, lambda: self._step_volume(-1)),
            )
        ]

    # --- called by the app -------------------------------------------------------------------

    def on_content(self) -> None:
        """New content or a new language is on screen: settings, availability, and stale speech."""
        self.speaker.configure(self.app.state.config.speech)
        self.lists.refresh(self.app.state.root, self.app.state.config.kiosk.languages)
        self.bar.set_strings(self.app.strings)
        self.set_volume(self.app.visit.volume)
        self._show_availability()
        if self._reading is not None and self._reading != self._current_speech(self._reading_footer):
            self.speaker.stop()  # what was being read is no longer what the screen shows

    def _show_availability(self) -> None:
        """Listen shows where the voice works, and on a card with a staff recording even where not."""
        language = self.app.language
        reason = self.speaker.unavailable_reason(language)
        # Without the pronunciation list, whose file may sit on a share that stopped answering: this runs on
        # every page turn and reload, and whether a recording plays does not depend on how words are said.
        recorded = screen_speech(self.app.state, language, self.app.current_screen(), self.app.now()).audio is not None
        recordings = self.speaker.recordings
        if recorded:
            recordings.prepare()  # the player's helper, started on the first recorded card (after the first frame)
        plays = recorded and not recordings.reason  # else the voice reads the card, where it can
        works = plays or not reason
        # Restarting a stuck engine or player: say so in Listen's place rather than hide it.
        self.bar.set_working(works)
        self.bar.setVisible(works or self.speaker.in_trouble or (recorded and recordings.in_trouble))
        # Only a missing voice is said here: the speaker's helper logs its own failures, once.
        if reason and self.speaker.engine_name and reason not in self._logged_reasons:
            log.warning("Listen is hidden in %s", reason)
            self._logged_reasons.add(reason)

    def start_after_first_frame(self) -> None:
        """`kiosk run`: the speech helper starts once the first frame is on screen, never before it."""
        self._first_frame = _AfterFirstPaint(self.app.window, self._after_first_frame)

    def _after_first_frame(self) -> None:
        self.speaker.start()
        self._show_availability()  # a recorded card already on screen starts the recording player

    def shutdown(self) -> None:
        self.speaker.shutdown()

    def on_idle_prompt(self) -> None:
        """The 'Still reading?' prompt opened: say it too, to a patient who was listening."""
        if self.used_in_visit and self.speaker.available(self.app.language):
            self.speaker.speak(pronounced(idle_prompt_speech(self.app.strings), self._pronunciation()), prompt=True)

    def on_visit_reset(self) -> None:
        self.speaker.stop()
        self.used_in_visit = False
        self._footer_said = False
        self.set_volume(self.app.visit.volume)  # the next patient's: [speech] volume

    def set_volume(self, percent: int) -> None:
        """The visit's volume (−/+), kept in the Visit like its text size."""
        volume = self.speaker.set_volume(percent)
        self.app.visit = replace(self.app.visit, volume=volume)
        self.bar.set_volume(volume, can_lower=volume > VOLUME_STEP, can_raise=volume < 100)

    def is_reading(self) -> bool:
        return self.speaker.is_reading()

    def _step_volume(self, step: int) -> None:
        self.set_volume(self.app.visit.volume + step * VOLUME_STEP)

    def _toggle(self) -> None:
        """The keypad's play key does what the Listen button shows: Listen, Pause or Resume."""
        if self.bar.main.isVisible():
            self.bar.main.click()

    def staff_notes(self) -> tuple[str, ...]:
        """For the staff panel's problem list: each language Listen is hidden in, and why."""
        return self._recording_notes() + self._voice_notes()

    def _recording_notes(self) -> tuple[str, ...]:
        recordings = self.speaker.recordings
        if not recordings.reason:
            return ()
        if recordings.in_trouble:
            return (f"Staff recordings (audio:) are not playing right now: {recordings.reason}; the voice reads those cards "
                    "where it works, and the kiosk keeps trying by itself",)
        return (f"Staff recordings (audio:) cannot be played on this computer: {recordings.reason}; the voice reads those cards where it works",)

    def _voice_notes(self) -> tuple[str, ...]:
        if self.speaker.in_trouble:
            return (f"Listen (read aloud) is not working right now: {self.speaker.engine_reason}; the kiosk keeps trying by itself",)
        reasons = {language: self.speaker.unavailable_reason(language) for language in self.app.state.config.kiosk.languages}
        reasons = {language: reason for language, reason in reasons.items() if reason not in (NOT_STARTED, STARTING)}
        hidden = tuple(f"Listen (read aloud) is hidden in '{language}': {reason.removeprefix(language + ': ')}"
                       for language, reason in reasons.items() if reason)
        state = self.app.state
        lists = tuple(problem.format() for problem in self.lists.problems(state.config.kiosk.languages))
        return hidden + lists

    # --- the patient and the engine -------------------------------------------------------------

    def listen(self) -> None:
        self.speaker.stop()
        footer = not self._footer_said
        speech = self._current_speech(footer)
        self._reading, self._reading_page, self._reading_footer = speech, self.app.current_index(), footer
        if self.speaker.speak(speech):
            self.used_in_visit = True
            self._footer_said = self._footer_said or any(block.part == "care" for block in speech.blocks)
        else:
            self._reading = None

    def _current_speech(self, footer: bool = True) -> ScreenSpeech:
        """What the screen says, as the engine should hear it (the clinic's pronunciation list applied);
        `footer`: with the care-team line under a card."""
        screen = screen_speech(self.app.state, self.app.language, self.app.current_screen(), self.app.now(), footer=footer)
        return pronounced(screen, self._pronunciation())

    def _pronunciation(self) -> Pronunciation:
        return self.lists.pronunciation(self.app.language)

    def _on_page_changed(self, index: int) -> None:
        if self._reading is not None and index != self._reading_page:
            self.speaker.stop()
        self._show_availability()

    def _on_activity(self) -> None:
        if self.speaker.is_prompt:
            self.speaker.stop()  # the patient answered the prompt

    def _on_finished(self) -> None:
        was_screen = self._reading is not None
        self._reading = None
        self._show_block(-1)
        if was_screen:
            self.app.idle.poke(ending=False)  # a full idle period from the end of the reading

    def _show_block(self, index: int) -> None:
        """Highlight block `index` of what is being read on its card; -1 clears the highlight."""
        if self._highlighted is not None:
            self._highlighted.show_reading("", "")
            self._highlighted = None
        page = self.app.current_card_view()
        speech = self._reading
        if index < 0 or speech is None or index >= len(speech.blocks) or page is None:
            return
        block = speech.blocks[index]
        page.show_reading(block.part, block.shown)
        self._highlighted = page


class _AfterFirstPaint(QObject):
    """Calls `then` once `widget` has been painted (a zero timer after show() runs before the first paint)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)
        widget.update()  # already painted (a test's kiosk): one more paint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.then)  # after this frame reaches the screen
        return False

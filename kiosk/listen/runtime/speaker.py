"""Reads a screen aloud: one sentence at a time through the speech engine, with pause, stop and volume.

Sentences are handed over one by one (not the whole screen at once) so that every engine, including
speech-dispatcher which reports no word positions, tells the kiosk which block it is reading: the
engine saying it has started a sentence is the progress report that moves the highlight. The engine
itself runs on its own thread (runtime/speech_worker.py); nothing here ever waits for it.
"""

from __future__ import annotations

import logging
from enum import Enum

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal

from kiosk.core.config import Speech
from kiosk.listen.core.spoken import ScreenSpeech
from kiosk.listen.runtime.narration_player import NarrationPlayer
from kiosk.listen.runtime.engine_choice import EngineChoice, choose_engine, find_locale
from kiosk.listen.runtime.speech_worker import EngineWorker, start_thread, stop_thread

log = logging.getLogger(__name__)
VOLUME_STEP = 10  # percent per tap of − or +
OPEN_TIMEOUT_MS = 15_000  # speech-dispatcher may need seconds to start; longer means it is stuck
SAY_TIMEOUT_MS = 5_000  # from handing a sentence over to the engine saying it has begun


class State(Enum):
    IDLE = "idle"
    SPEAKING = "speaking"
    PAUSED = "paused"


class Speaker(QObject):
    """The kiosk's voice. `unavailable_reason(language)` says whether Listen can be offered there."""

    state_changed = Signal(str)  # State.value: idle, speaking or paused
    block_changed = Signal(int)  # index of the block being read in the current ScreenSpeech; -1: none
    said = Signal(str)  # a sentence as handed to the engine (what the kiosk actually said)
    heard = Signal(str)  # a word as the engine reports saying it (engines that report words)
    finished = Signal()  # reading ended: the end was reached, or it was stopped
    availability_changed = Signal()  # the engine answered (or failed to): languages may change

    # Requests to the engine's thread (queued connections to EngineWorker slots).
    _open = Signal(str)
    _say = Signal(int, str)
    _locale = Signal(str)
    _volume = Signal(float)
    _rate = Signal(float)
    _pause = Signal()
    _resume = Signal()
    _stop = Signal()

    def __init__(self, settings: Speech | None = None, choice: EngineChoice | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        settings = settings or Speech()
        self.settings = settings
        self.state = State.IDLE
        self.speech: ScreenSpeech | None = None
        self.is_prompt = False  # the idle prompt being said, which does not keep the visit alive
        self.engine_name = ""
        self.volume = settings.volume
        self._locales: list[str] = []
        self._queue: list[tuple[int, str]] = []
        self._utterance = 0
        self._pending_block = -1
        self._block = -1
        self._engine_state = "ready"  # the current sentence as the engine last reported it
        self._thread = None
        self._narration: NarrationPlayer | None = None  # made on the first recorded card
        self._narrating = False
        self._say_timer = QTimer(self, singleShot=True, interval=SAY_TIMEOUT_MS)
        self._say_timer.timeout.connect(self._on_say_timeout)
        choice = choice or choose_engine()
        self.engine_reason = choice.reason
        if choice.name is not None:
            self._start(choice.name)
        else:
            log.warning("Listen is not offered: %s", self.engine_reason)

    def _start(self, name: str) -> None:
        self.engine_reason = f"the speech engine '{name}' is starting"
        self._worker = EngineWorker()
        self._thread = start_thread(self._worker)
        self._thread.finished.connect(self._worker.deleteLater)
        for signal, slot in (
            (self._open, self._worker.open), (self._say, self._worker.say), (self._locale, self._worker.set_locale),
            (self._volume, self._worker.set_volume), (self._rate, self._worker.set_rate),
            (self._pause, self._worker.pause), (self._resume, self._worker.resume), (self._stop, self._worker.stop),
        ):
            signal.connect(slot)
        self._worker.opened.connect(self._on_opened)
        self._worker.reported.connect(self._on_report)
        self._worker.word.connect(lambda utterance, word: self.heard.emit(word) if utterance == self._utterance else None)
        QTimer.singleShot(OPEN_TIMEOUT_MS, self, lambda: self._on_open_timeout(name))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._open.emit(name)

    def has_answered(self) -> bool:
        """The engine said whether it works (or there is none, or it gave up waiting for one)."""
        return self._thread is None or "is starting" not in self.engine_reason

    def wait_until_answered(self, timeout_ms: int = OPEN_TIMEOUT_MS) -> None:
        """For commands (check, snapshot, speak --say) that need to know before they go on."""
        if self.has_answered():
            return
        loop = QEventLoop()
        self.availability_changed.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        self.availability_changed.disconnect(loop.quit)

    def shutdown(self) -> None:
        """Stop the engine's thread (the program is ending, or this kiosk is being taken down)."""
        self.stop()
        if self._thread is not None:
            stop_thread(self._thread)
            self._thread = None
            self.engine_name, self.engine_reason = "", "speech was shut down"

    # --- what can be spoken -------------------------------------------------------------------

    def configure(self, settings: Speech) -> None:
        """New kiosk.toml settings: voices are looked up again; volume stays the visit's."""
        self.settings = settings
        self._rate.emit(settings.rate / 100)

    def unavailable_reason(self, language: str) -> str:
        """'' when Listen works in `language`; otherwise why not, for the log and the staff panel."""
        if not self.engine_name:
            return self.engine_reason
        return self._locale_for(language)[1]

    def available(self, language: str) -> bool:
        return not self.unavailable_reason(language)

    def _locale_for(self, language: str) -> tuple[str | None, str]:
        locale, reason = find_locale(self._locales, self.settings.voice_for(language))
        return locale, f"{language}: {reason}" if reason else ""

    # --- reading --------------------------------------------------------------------------------

    def speak(self, speech: ScreenSpeech, *, prompt: bool = False) -> bool:
        """Read `speech` from the start (stopping whatever was being read); False if it cannot be."""
        self.stop()
        if speech.audio is not None and self._play_recording(speech, prompt):
            return True
        if not self.engine_name or not speech:
            return False
        locale, reason = self._locale_for(speech.language)
        if locale is None:
            log.warning("cannot read aloud in %s", reason)
            return False
        self._locale.emit(locale)
        self.speech, self.is_prompt = speech, prompt
        self._queue = speech.utterances()
        self._set_state(State.SPEAKING)
        self._say_next()
        return True

    def _play_recording(self, speech: ScreenSpeech, prompt: bool) -> bool:
        """Staff recorded this card: play the recording instead of the voice (no highlight)."""
        assert speech.audio is not None
        if self._narration is None:
            self._narration = NarrationPlayer(self)
            self._narration.finished.connect(self._on_recording_finished)
        self._narration.set_volume(self.volume / 100)
        if not self._narration.play(speech.audio):
            log.warning("the recording %s could not be played; the voice reads the card", speech.audio.name)
            return False
        self.speech, self.is_prompt, self._narrating = speech, prompt, True
        self._set_state(State.SPEAKING)
        return True

    def _on_recording_finished(self) -> None:
        if self._narrating:
            self._narrating = False
            self.stop()

    def pause(self) -> None:
        if self.state is State.SPEAKING and self._narrating and self._narration is not None:
            self._set_state(State.PAUSED)
            self._narration.pause()
        elif self.state is State.SPEAKING:
            self._set_state(State.PAUSED)
            self._say_timer.stop()
            self._pause.emit()

    def resume(self) -> None:
        if self.state is State.PAUSED:
            self._set_state(State.SPEAKING)
            if self._narrating and self._narration is not None:
                self._narration.resume()
            elif self._engine_state == "paused":
                self._resume.emit()
            else:  # paused between two sentences, or the engine finished the word it was on
                self._say_next()

    def stop(self) -> None:
        """Silence now. Emits `finished` if something was being read."""
        was_active = self.state is not State.IDLE
        if self._narrating and self._narration is not None:
            self._narrating = False
            self._narration.stop()
        self._queue = []
        self._say_timer.stop()
        self._utterance += 1  # whatever the engine still reports about the old sentence is ignored
        if was_active:
            self._stop.emit()
        self._set_block(-1)
        self.speech, self.is_prompt = None, False
        if was_active:
            self._set_state(State.IDLE)
            self.finished.emit()

    def is_reading(self) -> bool:
        """A screen is being read out loud now: the visit is in use (a pause is not)."""
        return self.state is State.SPEAKING and not self.is_prompt

    def set_volume(self, percent: int) -> int:
        """The visit's volume, kept between one step and 100 percent (never silent by mistake)."""
        self.volume = max(VOLUME_STEP, min(100, percent))
        self._volume.emit(self.volume / 100)
        if self._narration is not None:
            self._narration.set_volume(self.volume / 100)
        return self.volume

    # --- the engine's reports -----------------------------------------------------------------

    def _say_next(self) -> None:
        if self.state is not State.SPEAKING:
            return
        if not self._queue:
            self.stop()
            return
        block, sentence = self._queue.pop(0)
        self._utterance += 1
        self._pending_block = block
        self._engine_state = "handed"
        self.said.emit(sentence)
        self._say_timer.start()
        self._say.emit(self._utterance, sentence)

    def _on_opened(self, name: str, reason: str, locales: list) -> None:
        if name:
            self.engine_name, self.engine_reason, self._locales = name, "", list(locales)
            self._rate.emit(self.settings.rate / 100)
            self._volume.emit(self.volume / 100)
            log.info("speech engine %s is ready (%d voices' locales)", name, len(locales))
        else:
            self.engine_reason = f"the speech engine cannot be used: {reason}"
            log.warning("Listen is not offered: %s", self.engine_reason)
        self.availability_changed.emit()

    def _on_open_timeout(self, name: str) -> None:
        if not self.has_answered():
            self.engine_reason = f"the speech engine '{name}' did not answer within {OPEN_TIMEOUT_MS // 1000} s (is speech-dispatcher stuck?)"
            log.error("Listen is not offered: %s", self.engine_reason)
            self.availability_changed.emit()

    def _on_report(self, utterance: int, state: str) -> None:
        if utterance != self._utterance:
            return
        self._engine_state = state
        if state == "speaking":
            self._say_timer.stop()
            self._set_block(self._pending_block)
        elif state == "ready" and self.state is State.SPEAKING:
            self._say_next()
        elif state == "error":
            log.error("the speech engine failed while reading; reading stopped")
            self.stop()

    def _on_say_timeout(self) -> None:
        log.error("the speech engine did not start a sentence within %s ms; reading stopped", SAY_TIMEOUT_MS)
        self.stop()

    def _set_block(self, block: int) -> None:
        if block != self._block:
            self._block = block
            self.block_changed.emit(block)

    def _set_state(self, state: State) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state.value)

"""Reads a screen aloud: one sentence at a time through the speech engine, with pause, stop and volume.

Sentences are handed over one by one (not the whole screen at once) so that every engine, including
speech-dispatcher which reports no word positions, tells the kiosk which block it is reading: the
engine saying it has started a sentence is the progress report that moves the highlight. The engine
runs in a helper process of its own (listen/runtime/speech_process.py): nothing here ever waits for
it, and a helper that stops answering is killed and started again while Listen shows as not working.

A card staff recorded (`audio:`) plays the recording instead, in a second helper process
(listen/runtime/player_process.py) for the same reason. While that player does not work (the sound
server is stuck, or there is no sound output), the voice reads recorded cards; a recording that
cannot be played, or a player lost while playing, hands the card to the voice too.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal

from kiosk.core.config import NO_VOICE, Speech
from kiosk.core.tuning import PlayerTiming, SpeechTiming
from kiosk.listen.core.spoken import ScreenSpeech
from kiosk.listen.runtime.engine_choice import find_locale, switched_off
from kiosk.listen.runtime.recordings import Recordings
from kiosk.listen.runtime.speech_process import SpeechProcess

log = logging.getLogger(__name__)
VOLUME_STEP = 10  # percent per tap of − or +
NOT_STARTED = "speech has not been started (the kiosk starts it after its first frame)"
STARTING = "the speech engine is starting"


class State(Enum):
    IDLE = "idle"
    SPEAKING = "speaking"
    PAUSED = "paused"


class Speaker(QObject):
    """The kiosk's voice. `unavailable_reason(language)` says whether Listen can be offered there.

    Nothing is started by building one: `start()` (the running kiosk, after its first frame) or
    `wait_until_answered()` (commands that need to know) start the speech helper; after `start()`,
    the recording player's helper starts on the first recorded card (`recordings.prepare()`, or a play).
    """

    state_changed = Signal(str)  # State.value: idle, speaking or paused
    block_changed = Signal(int)  # index of the block being read in the current ScreenSpeech; -1: none
    said = Signal(str)  # a sentence as handed to the engine (what the kiosk actually said)
    heard = Signal(str)  # a word as the engine reports saying it (engines that report words)
    finished = Signal()  # reading ended: the end was reached, or it was stopped
    availability_changed = Signal()  # the engine answered, failed or came back: languages may change

    def __init__(
        self, settings: Speech | None = None, timing: SpeechTiming | None = None, command: Sequence[str] | None = None,
        parent: QObject | None = None, *, player_timing: PlayerTiming | None = None, player_command: Sequence[str] | None = None,
    ) -> None:
        super().__init__(parent)
        settings = settings or Speech()
        self.settings = settings
        self.state = State.IDLE
        self.speech: ScreenSpeech | None = None
        self.is_prompt = False  # the idle prompt being said, which does not keep the visit alive
        self.engine_name = ""
        self.engine_reason = switched_off() or NOT_STARTED
        self.in_trouble = False  # the engine worked or may work, and does not now: Listen shows "not working"
        self.volume = settings.volume
        self.timing = timing or SpeechTiming()
        self._utterance = 0  # before the connections below: a word report names the utterance it belongs to
        self.process = SpeechProcess(self.timing, command, self)
        self.process.opened.connect(self._on_opened)
        self.process.lost.connect(self._on_lost)
        self.process.reported.connect(self._on_report)
        self.process.word.connect(lambda utterance, word: self.heard.emit(word) if utterance == self._utterance else None)
        self._started = False
        self._answered = False
        self._locales: list[str] = []
        self._queue: list[tuple[int, str]] = []
        self._current: tuple[int, str] | None = None  # the sentence handed to the engine last: (block, text)
        self._block = -1
        self._engine_state = "ready"  # the current sentence as the engine last reported it
        self.recordings = Recordings(player_timing, player_command, self)
        self.recordings.ended.connect(self._on_recording_ended)
        self.recordings.availability_changed.connect(self.availability_changed)

    def start(self) -> None:
        """Start the speech helper (once; unless IT switched speech off) and let the recording player
        start from now on (even where the voice is switched off). Returns at once."""
        if self._started:
            return
        self._started = True
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)  # the helpers never outlive the kiosk
        self.recordings.allow_start()
        if not switched_off():
            self.engine_reason = STARTING
            self.process.start()

    def has_answered(self) -> bool:
        """The engine said whether it works, or failed to in time (or speech is switched off)."""
        return self._answered or bool(switched_off())

    def wait_until_answered(self, timeout_ms: int | None = None) -> None:
        """For commands (check, snapshot, speak --say) that need to know before they go on; starts speech."""
        self.start()
        if self.has_answered():
            return
        loop = QEventLoop()
        self.availability_changed.connect(loop.quit)
        QTimer.singleShot(timeout_ms or self.timing.launch_ms + self.timing.open_ms, loop.quit)
        loop.exec()
        self.availability_changed.disconnect(loop.quit)

    def shutdown(self) -> None:
        """Kill the helpers (the program is ending, or this kiosk is being taken down)."""
        self.stop()
        self.process.shutdown()
        self.recordings.shutdown()
        if self._started and not switched_off():
            self.engine_name, self.engine_reason, self.in_trouble = "", "speech was shut down", False

    # --- what can be spoken -------------------------------------------------------------------

    def configure(self, settings: Speech) -> None:
        """New kiosk.toml settings: voices are looked up again; volume stays the visit's."""
        self.settings = settings
        self.process.set_rate(settings.rate / 100)

    def unavailable_reason(self, language: str) -> str:
        """'' when Listen works in `language`; otherwise why not, for the log and the staff panel."""
        if not self.engine_name:
            return self.engine_reason
        return self._locale_for(language)[1]

    def available(self, language: str) -> bool:
        return not self.unavailable_reason(language)

    def _locale_for(self, language: str) -> tuple[str | None, str]:
        wanted = self.settings.voice_for(language)
        if wanted == NO_VOICE:
            return None, f'{language}: switched off in kiosk.toml ([speech] voice.{language} = "{NO_VOICE}")'
        locale, reason = find_locale(self._locales, wanted)
        return locale, f"{language}: {reason}" if reason else ""

    # --- reading --------------------------------------------------------------------------------

    def speak(self, speech: ScreenSpeech, *, prompt: bool = False) -> bool:
        """Read `speech` from the start (stopping whatever was being read); False if it cannot be."""
        self.stop()
        if speech.audio is not None and self._play_recording(speech, prompt):
            return True
        return self._speak_voice(speech, prompt)

    def _speak_voice(self, speech: ScreenSpeech, prompt: bool) -> bool:
        if not self.engine_name or not speech:
            return False
        locale, reason = self._locale_for(speech.language)
        if locale is None:
            log.warning("cannot read aloud in %s", reason)
            return False
        self.process.set_locale(locale)
        self.speech, self.is_prompt = speech, prompt
        self._queue = speech.utterances()
        self._set_state(State.SPEAKING)
        self._say_next()
        return True

    def _play_recording(self, speech: ScreenSpeech, prompt: bool) -> bool:
        """Staff recorded this card: play the recording instead of the voice (no highlight)."""
        assert speech.audio is not None
        if not self.recordings.play(speech.audio, self.volume / 100):
            return False  # the player does not work now (the log and the staff panel say why): the voice reads
        self.speech, self.is_prompt = speech, prompt
        self._set_state(State.SPEAKING)
        return True

    def _on_recording_ended(self, reason: str) -> None:
        """Played to its end (`reason` ''), or it could not be: then the voice reads the same card."""
        speech, prompt = self.speech, self.is_prompt
        if not reason or speech is None:
            self.stop()
            return
        self._set_state(State.IDLE)
        if not self._speak_voice(speech, prompt):
            self.speech, self.is_prompt = None, False
            self.finished.emit()

    def pause(self) -> None:
        if self.state is State.SPEAKING and self.recordings.active:
            self._set_state(State.PAUSED)
            self.recordings.pause()
        elif self.state is State.SPEAKING:
            self._set_state(State.PAUSED)
            if self._engine_state == "handed" and self._current is not None:
                # Not begun yet, so there is nothing to pause: take it back, and say it on resume.
                self._queue.insert(0, self._current)
                self._utterance += 1
                self._engine_state = "ready"
                self.process.stop()
            else:
                self.process.pause()

    def resume(self) -> None:
        if self.state is State.PAUSED:
            self._set_state(State.SPEAKING)
            if self.recordings.active:
                self.recordings.resume()
            elif self._engine_state == "paused":
                self.process.resume()
            else:  # paused between two sentences, or the engine finished the word it was on
                self._say_next()

    def stop(self) -> None:
        """Silence now. Emits `finished` if something was being read."""
        was_active = self.state is not State.IDLE
        was_narrating = self.recordings.active
        self.recordings.stop()
        self._queue, self._current = [], None
        self._utterance += 1  # whatever the engine still reports about the old sentence is ignored
        if was_active and not was_narrating:
            self.process.stop()
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
        self.process.set_volume(self.volume / 100)
        self.recordings.set_volume(self.volume / 100)
        return self.volume

    # --- the engine's reports -----------------------------------------------------------------

    def _say_next(self) -> None:
        if self.state is not State.SPEAKING:
            return
        if not self._queue:
            self.stop()
            return
        self._current = self._queue.pop(0)
        self._utterance += 1
        self._engine_state = "handed"
        self.said.emit(self._current[1])
        self.process.say(self._utterance, self._current[1])

    def _on_opened(self, name: str, locales: list) -> None:
        self.engine_name, self.engine_reason, self._locales = name, "", list(locales)
        self.in_trouble, self._answered = False, True
        self.process.set_rate(self.settings.rate / 100)
        self.process.set_volume(self.volume / 100)
        log.info("speech engine %s is ready (%d voices' locales)", name, len(locales))
        self.availability_changed.emit()

    def _on_lost(self, reason: str, retrying: bool) -> None:
        """The helper was killed (or cannot work here): what it was saying has stopped already."""
        if not self.recordings.active:
            self.stop()
        self.engine_name, self.engine_reason, self._answered = "", reason, True
        self.in_trouble = retrying
        self.availability_changed.emit()

    def _on_report(self, utterance: int, state: str) -> None:
        if utterance != self._utterance:
            return
        self._engine_state = state
        if state == "speaking" and self._current is not None:
            self._set_block(self._current[0])
        elif state == "ready" and self.state is State.SPEAKING:
            self._say_next()

    def _set_block(self, block: int) -> None:
        if block != self._block:
            self._block = block
            self.block_changed.emit(block)

    def _set_state(self, state: State) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state.value)

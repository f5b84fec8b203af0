"""The kiosk's side of the speech helper: sentences out, the engine's reports in, a deadline on each.

The engine runs in a helper program (kiosk/listen/runtime/speech_helper.py describes it and its protocol),
so nothing speech-dispatcher does can stop the kiosk's screen; starting, killing and restarting it,
and the deadlines every helper has, are kiosk/listen/runtime/helper_process.py's. Here: a sentence
handed over must begin, and a sentence begun must end, each within its deadline (kiosk/core/tuning.py
SpeechTiming); `opened` says the engine works (again).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.core.tuning import SpeechTiming
from kiosk.listen.runtime.helper_process import HelperProcess, Wording, seconds
from kiosk.listen.runtime.speech_helper import HELPER_ARGUMENT, helper_command

SPEECH = Wording(helper="the speech helper", service="the speech engine", stuck=" (is speech-dispatcher stuck?)",
                 failing="Listen is not working", unusable="Listen is not offered on this computer",
                 back="Listen works again (speech engine %s answered)", opened_field="engine")


class SpeechProcess(HelperProcess):
    """One speech helper at a time; `start()` once, then it keeps one running until `shutdown()`."""

    opened = Signal(str, list)  # the engine works: its name, and the locales of its voices
    reported = Signal(int, str)  # utterance id, state: speaking, paused or ready (an error ends the helper: `lost`)
    word = Signal(int, str)  # utterance id, a word the engine says now (engines that report words)
    WORDING = SPEECH

    def __init__(self, timing: SpeechTiming | None = None, command: Sequence[str] | None = None, parent: QObject | None = None) -> None:
        self.speech_timing = timing = timing or SpeechTiming()
        super().__init__(timing, command or helper_command(HELPER_ARGUMENT), parent)
        self.values: dict[str, Any] = {}  # the engine's locale, volume and rate, as it last confirmed them
        self._sentence: tuple[int, str] | None = None  # the utterance handed over and not yet ended: (id, text)
        self._begun = False
        self._start_timer = self._deadline(lambda: f"the speech engine did not begin a sentence within {seconds(timing.start_ms)}")
        self._end_timer = self._deadline(lambda: "the speech engine did not finish a sentence in time (is the sound output working?)")

    # --- requests ------------------------------------------------------------------------------

    def say(self, utterance: int, text: str) -> None:
        if self._send("say", id=utterance, text=text):
            self._sentence, self._begun = (utterance, text), False
            self._end_timer.stop()
            self._start_timer.start(self.speech_timing.start_ms)

    def set_locale(self, name: str) -> None:
        self._send("locale", value=name)

    def set_volume(self, volume: float) -> None:
        self._send("volume", value=volume)

    def set_rate(self, rate: float) -> None:
        self._send("rate", value=rate)

    def pause(self) -> None:
        self._end_timer.stop()  # a pause may last; the sentence's time starts again on resume
        self._send("pause")

    def resume(self) -> None:
        if self._send("resume") and self._sentence is not None and self._begun:
            self._end_timer.start(self.speech_timing.sentence_limit_ms(self._sentence[1]))

    def stop(self) -> None:
        """Silence now; a helper that does not confirm within its deadline is killed, which silences it too."""
        self._sentence = None
        self._start_timer.stop()
        self._end_timer.stop()
        self._send("stop")

    # --- reports -------------------------------------------------------------------------------

    def _discard(self) -> None:
        self._sentence = None
        super()._discard()

    def _handlers(self) -> dict:
        return {"state": self._on_state, "word": self._on_word}

    def _on_open(self, name: str, message: dict) -> None:
        self.opened.emit(name, [str(locale) for locale in message.get("locales", [])])

    def _on_ack_value(self, op: str, value: Any) -> None:
        if op in ("locale", "volume", "rate"):
            self.values[op] = value

    def _on_state(self, message: dict) -> None:
        utterance, state = int(message.get("id", 0)), str(message.get("state", ""))
        if state == "error":  # Qt's engine does not recover by itself (speech-dispatcher killed: every sentence fails)
            self._fail("the speech engine reported an error (did speech-dispatcher stop?)")
            return
        if self._sentence is not None and utterance == self._sentence[0]:
            self._start_timer.stop()
            if state == "speaking":
                self._worked()
                if not self._begun:
                    self._begun = True
                    self._end_timer.start(self.speech_timing.sentence_limit_ms(self._sentence[1]))
            elif state == "paused":
                self._end_timer.stop()
            elif state == "ready":
                self._end_timer.stop()
                self._sentence = None
        self.reported.emit(utterance, state)

    def _on_word(self, message: dict) -> None:
        self.word.emit(int(message.get("id", 0)), str(message.get("word", "")))

"""Inside the speech helper process: the engine (QTextToSpeech), driven by the kiosk's requests.

The protocol is described in kiosk/listen/runtime/speech_helper.py; reading requests, acknowledging
each once the engine call has returned, and ending with the kiosk are kiosk/listen/runtime/helper_host.py's.
"""

from __future__ import annotations

import logging
from typing import Any, NoReturn

from PySide6.QtCore import QLocale

from kiosk.listen.runtime.engine_choice import choose_engine
from kiosk.listen.runtime.helper_host import Host, Send, serve as serve_host

log = logging.getLogger("kiosk.speech_helper")

class EngineHost(Host):
    """Carries out the kiosk's requests on the engine and reports what the engine does."""

    def __init__(self, send: Send) -> None:
        super().__init__(send)
        self.engine: Any = None  # QTextToSpeech, imported only here: the kiosk process never loads it
        self.current = 0  # the utterance the engine's reports are about

    def _open(self, _request: dict) -> None:
        if self.engine is not None:
            self._send_opened()
            return
        choice = choose_engine()
        if choice.name is None:
            self.send({"event": "opened", "engine": "", "reason": choice.reason, "retry": False})
            return
        from PySide6.QtTextToSpeech import QTextToSpeech

        engine = QTextToSpeech(choice.name, self)
        if engine.state() == QTextToSpeech.State.Error:
            reason = engine.errorString() or "it did not start"
            self.send({"event": "opened", "engine": "", "reason": f"'{choice.name}': {reason}", "retry": True})
            engine.deleteLater()
            return
        self.engine = engine
        engine.stateChanged.connect(lambda state: self.send({"event": "state", "id": self.current, "state": state.name.lower()}))
        engine.errorOccurred.connect(lambda _reason, message: log.error("engine error: %s", message))
        engine.sayingWord.connect(lambda word, _id, _start, _length: self.send({"event": "word", "id": self.current, "word": word}))
        self._send_opened()

    def _send_opened(self) -> None:
        locales = sorted({locale.name() for locale in self.engine.availableLocales()})
        self.send({"event": "opened", "engine": self.engine.engine(), "locales": locales})

    def _say(self, request: dict) -> None:
        if self.engine is not None:
            self.current = int(request["id"])
            self.engine.say(str(request["text"]))

    def _locale(self, request: dict) -> str | None:
        if self.engine is None:
            return None
        if self.engine.locale().name() != request["value"]:
            self.engine.setLocale(QLocale(str(request["value"])))
        return self.engine.locale().name()

    def _volume(self, request: dict) -> float | None:
        if self.engine is None:
            return None
        self.engine.setVolume(float(request["value"]))
        return round(self.engine.volume(), 3)

    def _rate(self, request: dict) -> float | None:
        if self.engine is None:
            return None
        self.engine.setRate(float(request["value"]))
        return round(self.engine.rate(), 3)

    def _pause(self, _request: dict) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self.engine is not None and self.engine.state() == QTextToSpeech.State.Speaking:
            self.engine.pause(QTextToSpeech.BoundaryHint.Immediate)

    def _resume(self, _request: dict) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self.engine is not None and self.engine.state() == QTextToSpeech.State.Paused:
            self.engine.resume()

    def _stop(self, _request: dict) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        # Even when the engine says it is ready: a sentence handed over may not have begun yet.
        if self.engine is not None:
            self.engine.stop(QTextToSpeech.BoundaryHint.Immediate)


def _load_qt_speech() -> None:
    try:
        import PySide6.QtTextToSpeech  # noqa: F401 (loaded now: its time counts as starting, not as the engine's)
    except ImportError:
        pass  # said when the kiosk asks to open the engine


def serve() -> NoReturn:
    serve_host(EngineHost, _load_qt_speech)

"""Inside the speech helper process: the engine (QTextToSpeech), driven by the kiosk's requests.

The protocol is described in kiosk/listen/runtime/speech_helper.py. Every request is acknowledged only
after the engine call has returned, so a call stuck inside speech-dispatcher shows on the kiosk's
side as a missing acknowledgement, and the kiosk ends this process. Requests arrive on a reader
thread and are handled on the main thread, in order.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import IO, Any, NoReturn

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

from kiosk.listen.runtime.engine_choice import choose_engine

log = logging.getLogger("kiosk.speech_helper")
PR_SET_PDEATHSIG = 1  # linux/prctl.h


class LineReader(QObject):
    """Reads stdin on a thread of its own; each line arrives as a signal on the main thread."""

    line = Signal(str)
    closed = Signal()  # the kiosk closed the pipe: queued after the last line, so that line is still handled

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__()
        self.stream = stream

    def start(self) -> None:
        threading.Thread(target=self._read, name="requests", daemon=True).start()

    def _read(self) -> None:
        for raw in iter(self.stream.readline, b""):
            self.line.emit(raw.decode("utf-8", "replace"))
        self.closed.emit()


class EngineHost(QObject):
    """Carries out the kiosk's requests on the engine and reports what the engine does."""

    def __init__(self, send: Callable[[dict[str, Any]], None]) -> None:
        super().__init__()
        self.send = send
        self.engine: Any = None  # QTextToSpeech, imported only here: the kiosk process never loads it
        self.current = 0  # the utterance the engine's reports are about

    def handle(self, line: str) -> None:
        try:
            request = json.loads(line)
            op = request["op"]
            handler = getattr(self, f"_{op}")
        except (ValueError, KeyError, TypeError, AttributeError):
            log.error("not a request: %r", line[:200])
            return
        value = handler(request)
        self.send({"event": "ack", "seq": request.get("seq"), "value": value})

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


def _write(message: dict[str, Any]) -> None:
    try:
        sys.stdout.buffer.write(json.dumps(message).encode("ascii") + b"\n")
        sys.stdout.buffer.flush()
    except (BrokenPipeError, OSError):
        os._exit(0)  # the kiosk is gone


def _die_with_the_kiosk() -> None:
    """Linux: the kernel ends this process when the kiosk ends, even killed, even while an engine call is stuck."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass


def serve() -> NoReturn:
    _die_with_the_kiosk()
    # Ctrl+C in the kiosk's terminal and a hang-up reach the whole process group: the kiosk decides.
    for name in ("SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(message)s")
    app = QCoreApplication(sys.argv[:1])
    try:
        import PySide6.QtTextToSpeech  # noqa: F401 (loaded now: its time counts as starting, not as the engine's)
    except ImportError:
        pass  # said when the kiosk asks to open the engine
    _write({"event": "hello"})
    host = EngineHost(_write)
    reader = LineReader(sys.stdin.buffer)
    reader.line.connect(host.handle)
    reader.closed.connect(app.quit)  # the kiosk ended (or a test's input ran out): nobody is left to speak for
    reader.start()
    app.exec()
    os._exit(0)  # no destructors: closing a connection to a stuck speech-dispatcher would block

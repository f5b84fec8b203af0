"""The kiosk's side of the speech helper process: requests out, reports in, a deadline on everything.

The engine runs in a helper program (kiosk/listen/runtime/speech_helper.py describes it and its protocol),
so nothing speech-dispatcher does can stop the kiosk's screen. Nothing here ever waits: requests are
written to the helper's stdin, reports arrive as signals from its stdout. Every request must be
acknowledged, a sentence handed over must begin, and a sentence begun must end, each within its
deadline (kiosk/core/tuning.py SpeechTiming). A helper that misses one, or that ends by itself, is
killed (which also silences it: stopping by killing is a valid stop) and started again after a
pause that doubles while it keeps failing; `lost` says why, `opened` says it works again.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from kiosk.core.tuning import SpeechTiming
from kiosk.listen.runtime.speech_helper import helper_command

log = logging.getLogger(__name__)
REAP_MS = 500  # a killed helper is gone in milliseconds; this only bounds a machine in trouble
STDERR_LINES = 40  # of each helper's own messages, copied into the kiosk's log (a stuck loop must not fill it)


def _seconds(ms: int) -> str:
    return f"{ms / 1000:g} s"


class SpeechProcess(QObject):
    """One helper at a time; `start()` once, then it keeps one running until `shutdown()`."""

    opened = Signal(str, list)  # the engine works: its name, and the locales of its voices
    lost = Signal(str, bool)  # the engine cannot be used: why, and whether a new helper will be tried by itself
    reported = Signal(int, str)  # utterance id, state: speaking, paused or ready (an error ends the helper: `lost`)
    word = Signal(int, str)  # utterance id, a word the engine says now (engines that report words)

    def __init__(self, timing: SpeechTiming | None = None, command: Sequence[str] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timing = timing or SpeechTiming()
        self.command = list(command) if command else helper_command()
        self.is_open = False
        self.values: dict[str, Any] = {}  # the engine's locale, volume and rate, as it last confirmed them
        self.restarts = 0  # helpers started again after a failure (for the log and the tests)
        self._process: QProcess | None = None
        self._ended = False
        self._output = b""
        self._stderr_left = STDERR_LINES
        self._seq = 0
        self._waiting: deque[tuple[int, str]] = deque()  # requests sent and not yet acknowledged: (seq, op)
        self._sentence: tuple[int, str] | None = None  # the utterance handed over and not yet ended: (id, text)
        self._begun = False
        self._retry_ms = self.timing.retry_ms
        self._failure = ""  # what went wrong last, until the engine works again
        self._launch_timer = self._deadline(lambda: f"the speech helper did not start within {_seconds(self.timing.launch_ms)}")
        self._open_timer = self._deadline(lambda: f"the speech engine did not answer within {_seconds(self.timing.open_ms)} (is speech-dispatcher stuck?)")
        self._reply_timer = self._deadline(lambda: f"the speech engine did not answer a request ({self._waiting[0][1]}) within {_seconds(self.timing.reply_ms)}")
        self._start_timer = self._deadline(lambda: f"the speech engine did not begin a sentence within {_seconds(self.timing.start_ms)}")
        self._end_timer = self._deadline(lambda: "the speech engine did not finish a sentence in time (is the sound output working?)")
        self._retry_timer = QTimer(self, singleShot=True)
        self._retry_timer.timeout.connect(self._launch)

    def _deadline(self, reason: Callable[[], str]) -> QTimer:
        timer = QTimer(self, singleShot=True)
        timer.timeout.connect(lambda: self._fail(reason()))
        return timer

    # --- requests ------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the helper (once; later failures restart it by themselves)."""
        if self._process is None and not self._retry_timer.isActive() and not self._ended:
            self._launch()

    def say(self, utterance: int, text: str) -> None:
        if self._send("say", id=utterance, text=text):
            self._sentence, self._begun = (utterance, text), False
            self._end_timer.stop()
            self._start_timer.start(self.timing.start_ms)

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
            self._end_timer.start(self.timing.sentence_limit_ms(self._sentence[1]))

    def stop(self) -> None:
        """Silence now; a helper that does not confirm within its deadline is killed, which silences it too."""
        self._sentence = None
        self._start_timer.stop()
        self._end_timer.stop()
        self._send("stop")

    def shutdown(self) -> None:
        """The kiosk is ending (or this speaker is taken down): kill the helper and start no other."""
        self._ended = True
        self._retry_timer.stop()
        self._discard()
        for process in self.findChildren(QProcess):  # killed: gone in milliseconds (Qt warns about one destroyed running)
            if process.state() != QProcess.ProcessState.NotRunning:
                process.waitForFinished(REAP_MS)

    def _send(self, op: str, **fields: Any) -> bool:
        """Write a request; False when there is no working helper to take it."""
        process = self._process
        if process is None or (not self.is_open and op != "open"):
            return False
        self._seq += 1
        process.write(json.dumps({"op": op, "seq": self._seq, **fields}).encode("ascii") + b"\n")
        if op == "open":
            return True  # its own deadline: from the helper's hello to the engine's answer
        self._waiting.append((self._seq, op))
        if not self._reply_timer.isActive():
            self._reply_timer.start(self.timing.reply_ms)
        return True

    # --- the helper's life ---------------------------------------------------------------------

    def _launch(self) -> None:
        process = QProcess(self)
        self._process = process
        self._output, self._stderr_left = b"", STDERR_LINES
        process.readyReadStandardOutput.connect(lambda: self._read(process))
        process.readyReadStandardError.connect(lambda: self._copy_stderr(process))
        process.started.connect(lambda: self._on_started(process))
        process.finished.connect(lambda code, status: self._on_finished(process, code, status))
        process.errorOccurred.connect(lambda error: self._on_error(process, error))
        self._launch_timer.start(self.timing.launch_ms)
        process.start(self.command[0], self.command[1:])

    def _on_started(self, process: QProcess) -> None:
        if process is self._process:
            self._send("open")

    def _on_finished(self, process: QProcess, code: int, status: QProcess.ExitStatus) -> None:
        if process is self._process:
            how = "it crashed" if status == QProcess.ExitStatus.CrashExit else f"exit code {code}"
            self._fail(f"the speech helper ended by itself ({how})")

    def _on_error(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if process is self._process and error == QProcess.ProcessError.FailedToStart:
            self._fail(f"the speech helper could not be started ({process.errorString()})")

    def _fail(self, reason: str, *, retry: bool = True) -> None:
        """Kill the helper, say why (in the log once), and start another one later if it may help."""
        if reason != self._failure and retry:
            log.error("Listen is not working: %s; trying again in %s", reason, _seconds(self._retry_ms))
        elif reason != self._failure:
            log.warning("Listen is not offered on this computer: %s", reason)
        self._failure = reason
        self._discard()
        if retry and not self._ended:
            self._retry_timer.start(self._retry_ms)
            self._retry_ms = min(2 * self._retry_ms, self.timing.retry_max_ms)
        self.lost.emit(reason, retry)

    def _discard(self) -> None:
        for timer in (self._launch_timer, self._open_timer, self._reply_timer, self._start_timer, self._end_timer):
            timer.stop()
        self.is_open, self._sentence, self._waiting = False, None, deque()
        process, self._process = self._process, None
        if process is not None and process.state() != QProcess.ProcessState.NotRunning:
            process.finished.connect(process.deleteLater)
            process.kill()
        elif process is not None:
            process.deleteLater()

    def _copy_stderr(self, process: QProcess) -> None:
        for line in bytes(process.readAllStandardError().data()).decode("utf-8", "replace").splitlines():
            if line.strip() and self._stderr_left > 0:
                self._stderr_left -= 1
                log.info("speech helper: %s", line.rstrip())

    # --- reports -------------------------------------------------------------------------------

    def _read(self, process: QProcess) -> None:
        if process is not self._process:
            return
        self._output += bytes(process.readAllStandardOutput().data())
        *lines, self._output = self._output.split(b"\n")
        for line in lines:
            try:
                message = json.loads(line)
                event = message["event"]
            except (ValueError, KeyError, TypeError):
                log.warning("speech helper said something unexpected: %r", line[:200])
                continue
            handlers = {"hello": self._on_hello, "ack": self._on_ack, "opened": self._on_opened, "state": self._on_state, "word": self._on_word}
            handler = handlers.get(event)
            if handler is None:
                log.warning("speech helper sent an unknown report: %r", message)
                continue
            handler(message)
            if process is not self._process:
                return  # that report ended this helper

    def _on_hello(self, _message: dict) -> None:
        self._launch_timer.stop()
        self._open_timer.start(self.timing.open_ms)

    def _on_ack(self, message: dict) -> None:
        while self._waiting and self._waiting[0][0] <= message.get("seq", 0):
            _seq, op = self._waiting.popleft()
            if op in ("locale", "volume", "rate") and message.get("seq") == _seq:
                self.values[op] = message.get("value")
        self._reply_timer.stop()
        if self._waiting:
            self._reply_timer.start(self.timing.reply_ms)

    def _on_opened(self, message: dict) -> None:
        if self.is_open:
            return
        self._open_timer.stop()
        engine = str(message.get("engine") or "")
        if not engine:
            self._fail(f"the speech engine cannot be used: {message.get('reason') or 'no reason given'}", retry=bool(message.get("retry", True)))
            return
        if self._failure:
            log.info("Listen works again (speech engine %s answered)", engine)
            self.restarts += 1
        self.is_open, self._failure = True, ""
        self.opened.emit(engine, [str(name) for name in message.get("locales", [])])

    def _on_state(self, message: dict) -> None:
        utterance, state = int(message.get("id", 0)), str(message.get("state", ""))
        if state == "error":  # Qt's engine does not recover by itself (speech-dispatcher killed: every sentence fails)
            self._fail("the speech engine reported an error (did speech-dispatcher stop?)")
            return
        if self._sentence is not None and utterance == self._sentence[0]:
            self._start_timer.stop()
            if state == "speaking":
                self._retry_ms = self.timing.retry_ms  # it speaks: a later failure starts the back-off afresh
                if not self._begun:
                    self._begun = True
                    self._end_timer.start(self.timing.sentence_limit_ms(self._sentence[1]))
            elif state == "paused":
                self._end_timer.stop()
            elif state == "ready":
                self._end_timer.stop()
                self._sentence = None
        self.reported.emit(utterance, state)

    def _on_word(self, message: dict) -> None:
        self.word.emit(int(message.get("id", 0)), str(message.get("word", "")))

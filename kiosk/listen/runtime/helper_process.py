"""The kiosk's side of a helper process: requests out, reports in, a deadline on everything.

The speech engine and the recording player each run in a helper program of their own
(kiosk/listen/runtime/speech_helper.py describes them), so nothing speech-dispatcher or the sound
server does can stop the kiosk's screen. Nothing here ever waits: requests are written to the
helper's stdin, reports arrive as signals from its stdout. The helper must say hello once started,
open its service, and acknowledge every request, each within its deadline. A helper that misses
one, or that ends by itself, is killed (which also silences it: stopping by killing is a valid stop)
and started again after a pause that doubles while it keeps failing; `lost` says why. Subclasses
(speech_process.py, player_process.py) add their own requests, reports and deadlines.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

log = logging.getLogger(__name__)
REAP_MS = 500  # a killed helper is gone in milliseconds; this only bounds a machine in trouble
STDERR_LINES = 40  # of each helper's own messages, copied into the kiosk's log (a stuck loop must not fill it)


def seconds(ms: int) -> str:
    return f"{ms / 1000:g} s"


class Deadlines(Protocol):
    """What every helper's timing has (kiosk/core/tuning.py SpeechTiming and PlayerTiming)."""

    @property
    def launch_ms(self) -> int: ...
    @property
    def open_ms(self) -> int: ...
    @property
    def reply_ms(self) -> int: ...
    @property
    def retry_ms(self) -> int: ...
    @property
    def retry_max_ms(self) -> int: ...


@dataclass(frozen=True)
class Wording:
    """How one helper's troubles are said in the log and to staff."""

    helper: str  # "the speech helper"
    service: str  # "the speech engine": what the helper opens
    stuck: str  # a hint after "did not answer within N s", such as " (is speech-dispatcher stuck?)"
    failing: str  # the log's headline while it is retried: "Listen is not working"
    unusable: str  # ... when it cannot work on this computer: "Listen is not offered on this computer"
    back: str  # the log line when it answers again, %s its name: "Listen works again (speech engine %s answered)"
    opened_field: str  # the report's field naming what was opened ("engine", "output")


class HelperProcess(QObject):
    """One helper at a time; `start()` once, then it keeps one running until `shutdown()`."""

    lost = Signal(str, bool)  # the service cannot be used: why, and whether a new helper will be tried by itself
    WORDING: Wording

    def __init__(self, timing: Deadlines, command: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timing = timing
        self.command = list(command)
        self.is_open = False
        self.restarts = 0  # helpers started again after a failure (for the log and the tests)
        self._process: QProcess | None = None
        self._ended = False
        self._output = b""
        self._stderr_left = STDERR_LINES
        self._seq = 0
        self._waiting: deque[tuple[int, str]] = deque()  # requests sent and not yet acknowledged: (seq, op)
        self._retry_ms = self.timing.retry_ms
        self._failure = ""  # what went wrong last, until the service works again
        self._timers: list[QTimer] = []
        words = self.WORDING
        self._launch_timer = self._deadline(lambda: f"{words.helper} did not start within {seconds(self.timing.launch_ms)}")
        self._open_timer = self._deadline(lambda: f"{words.service} did not answer within {seconds(self.timing.open_ms)}{words.stuck}")
        self._reply_timer = self._deadline(
            lambda: f"{words.service} did not answer a request ({self._waiting[0][1]}) within {seconds(self._reply_ms(self._waiting[0][1]))}")
        self._retry_timer = QTimer(self, singleShot=True)
        self._retry_timer.timeout.connect(self._launch)

    def _deadline(self, reason: Callable[[], str]) -> QTimer:
        """A single-shot timer that fails the helper with `reason()`; stopped whenever the helper is discarded."""
        timer = QTimer(self, singleShot=True)
        timer.timeout.connect(lambda: self._fail(reason()))
        self._timers.append(timer)
        return timer

    def _reply_ms(self, _op: str) -> int:
        """How long the helper may take to acknowledge `op` (a subclass gives some requests longer)."""
        return self.timing.reply_ms

    # --- hooks for the subclasses ---------------------------------------------------------------

    def _handlers(self) -> dict[str, Callable[[dict], None]]:
        """The reports this helper sends besides hello, ack and opened."""
        return {}

    def _on_open(self, name: str, message: dict) -> None:
        """The helper's service works (`name`): say so."""

    def _on_ack_value(self, op: str, value: Any) -> None:
        """A request's acknowledgement carried a value (the engine's locale after a locale request)."""

    # --- the helper's life ---------------------------------------------------------------------

    def start(self) -> None:
        """Start the helper (once; later failures restart it by themselves)."""
        if self._process is None and not self._retry_timer.isActive() and not self._ended:
            self._launch()

    def is_running(self) -> bool:
        """A helper is starting or working (not between tries, not shut down)."""
        return self._process is not None

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
            return True  # its own deadline: from the helper's hello to the service's answer
        self._waiting.append((self._seq, op))
        if not self._reply_timer.isActive():
            self._reply_timer.start(self._reply_ms(op))
        return True

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
            self._fail(f"{self.WORDING.helper} ended by itself ({how})")

    def _on_error(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if process is self._process and error == QProcess.ProcessError.FailedToStart:
            self._fail(f"{self.WORDING.helper} could not be started ({process.errorString()})")

    def _fail(self, reason: str, *, retry: bool = True) -> None:
        """Kill the helper, say why (in the log once), and start another one later if it may help."""
        if reason != self._failure and retry:
            log.error("%s: %s; trying again in %s", self.WORDING.failing, reason, seconds(self._retry_ms))
        elif reason != self._failure:
            log.warning("%s: %s", self.WORDING.unusable, reason)
        self._failure = reason
        self._discard()
        if retry and not self._ended:
            self._retry_timer.start(self._retry_ms)
            self._retry_ms = min(2 * self._retry_ms, self.timing.retry_max_ms)
        self.lost.emit(reason, retry)

    def _worked(self) -> None:
        """The service did its job: a later failure starts the back-off afresh."""
        self._retry_ms = self.timing.retry_ms

    def _discard(self) -> None:
        for timer in self._timers:
            timer.stop()
        self.is_open, self._waiting = False, deque()
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
                log.info("%s: %s", self.WORDING.helper, line.rstrip())

    # --- reports -------------------------------------------------------------------------------

    def _read(self, process: QProcess) -> None:
        if process is not self._process:
            return
        self._output += bytes(process.readAllStandardOutput().data())
        *lines, self._output = self._output.split(b"\n")
        handlers = {"hello": self._on_hello, "ack": self._on_ack, "opened": self._on_opened, **self._handlers()}
        for line in lines:
            try:
                message = json.loads(line)
                event = message["event"]
            except (ValueError, KeyError, TypeError):
                log.warning("%s said something unexpected: %r", self.WORDING.helper, line[:200])
                continue
            handler = handlers.get(event)
            if handler is None:
                log.warning("%s sent an unknown report: %r", self.WORDING.helper, message)
                continue
            handler(message)
            if process is not self._process:
                return  # that report ended this helper

    def _on_hello(self, _message: dict) -> None:
        self._launch_timer.stop()
        self._open_timer.start(self.timing.open_ms)

    def _on_ack(self, message: dict) -> None:
        while self._waiting and self._waiting[0][0] <= message.get("seq", 0):
            seq, op = self._waiting.popleft()
            if message.get("seq") == seq:
                self._on_ack_value(op, message.get("value"))
        self._reply_timer.stop()
        if self._waiting:
            self._reply_timer.start(self._reply_ms(self._waiting[0][1]))

    def _on_opened(self, message: dict) -> None:
        if self.is_open:
            return
        self._open_timer.stop()
        name = str(message.get(self.WORDING.opened_field) or "")
        if not name:
            self._fail(f"{self.WORDING.service} cannot be used: {message.get('reason') or 'no reason given'}", retry=bool(message.get("retry", True)))
            return
        if self._failure:
            log.info(self.WORDING.back, name)
            self.restarts += 1
        self.is_open, self._failure = True, ""
        self._on_open(name, message)

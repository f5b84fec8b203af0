"""Inside a helper process (the speech engine's or the recording player's): requests in, reports out.

Both helpers (kiosk/listen/runtime/speech_helper.py describes them and their protocol) read one JSON
request per line on a thread of their own and carry each out on the main thread, in order. Every
request is acknowledged only after the call it made has returned, so a call stuck inside
speech-dispatcher or the sound server shows on the kiosk's side as a missing acknowledgement, and
the kiosk ends this process. The kernel ends a helper with the kiosk (Linux: PR_SET_PDEATHSIG).
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

from PySide6.QtCore import QCoreApplication, QObject, Signal

log = logging.getLogger("kiosk.helper")
PR_SET_PDEATHSIG = 1  # linux/prctl.h
Send = Callable[[dict[str, Any]], None]


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


class Host(QObject):
    """Carries out the kiosk's requests: `{"op": NAME}` calls `self._NAME(request)`, then acknowledges."""

    def __init__(self, send: Send) -> None:
        super().__init__()
        self.send = send

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


def write(message: dict[str, Any]) -> None:
    try:
        sys.stdout.buffer.write(json.dumps(message).encode("ascii") + b"\n")
        sys.stdout.buffer.flush()
    except (BrokenPipeError, OSError):
        os._exit(0)  # the kiosk is gone


def _die_with_the_kiosk() -> None:
    """Linux: the kernel ends this process when the kiosk ends, even killed, even while a native call is stuck."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass


def serve(make_host: Callable[[Send], Host], preload: Callable[[], None] = lambda: None) -> NoReturn:
    """Run a helper: `preload()` (its time counts as starting, not as the service's), hello, then requests until stdin ends."""
    _die_with_the_kiosk()
    # Ctrl+C in the kiosk's terminal and a hang-up reach the whole process group: the kiosk decides.
    for name in ("SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(message)s")
    app = QCoreApplication(sys.argv[:1])
    preload()
    write({"event": "hello"})
    host = make_host(write)
    reader = LineReader(sys.stdin.buffer)
    reader.line.connect(host.handle)
    reader.closed.connect(app.quit)  # the kiosk ended (or a test's input ran out): nobody is left to serve
    reader.start()
    app.exec()
    os._exit(0)  # no destructors: closing a connection to a stuck daemon or sound server would block

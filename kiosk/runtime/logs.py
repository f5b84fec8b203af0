"""Logging for a kiosk nobody watches.

The log file is the only witness when IT asks why the screen was blank last Tuesday, so it must
always be there, stay small over months (rotating, 1 MB x 5), and hold every uncaught exception
with its traceback. Handlers go on the "kiosk" logger, not the root logger, so libraries' chatter
stays out. An uncaught exception in a Qt slot is logged and then forgotten, so the kiosk goes on
showing cards instead of the patient meeting a crash.

Logging must never be what fails. Messages are escaped (a card file name that is not valid UTF-8
shows as `\xff`, a newline in a name as `\n`, so nothing a name contains can break or forge a
line). A log file that cannot be written (disk full, read-only, folder gone) costs at most one
short line on stderr a minute instead of a traceback per line, and the handler tries again with
every line, so logging resumes, with a note of how many lines were lost, when space returns.

Nor may logging hold the screen. The handlers run on a thread of their own: a log line is handed
over and the screen's thread goes on, so a journal that stops reading the kiosk's stderr (its pipe
then fills and a write waits) or a disk that stops answering holds only that thread. While it is
held, lines wait in a bounded queue; past it they are counted and the count is logged later.
"""

from __future__ import annotations

import copy
import logging
import os
import queue
import re
import sys
import threading
import time
from io import TextIOWrapper
from collections.abc import Callable, Mapping
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOGGER_NAME = "kiosk"
LOG_FILE_NAME = "kiosk.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_HANDLER_NAMES = ("kiosk-stderr", "kiosk-file")
QUEUED_LINES = 10_000  # lines waiting while the handlers' thread is held; past it they are counted, not kept
COMPLAINT_INTERVAL_S = 60.0
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

_previous_excepthook = sys.excepthook


def log_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if configured := env.get("KIOSK_LOG_DIR"):
        return Path(configured)
    import platformdirs  # ~10 ms, and the kiosk's systemd units set KIOSK_LOG_DIR

    return Path(platformdirs.user_log_dir("kiosk", appauthor=False))


def escape(text: str) -> str:
    """`text` as one printable line: undecodable bytes of file names as \\xNN, control characters escaped."""
    try:
        # os.listdir and friends smuggle undecodable bytes through as lone surrogates (PEP 383).
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that did not come from a file name
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


class EscapingFormatter(logging.Formatter):
    """Escapes the message (not the traceback, whose lines are meant to be lines)."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging API)
        record.message = escape(record.message)
        return super().formatMessage(record)


class SafeFileHandler(RotatingFileHandler):
    """A rotating file handler that survives a full, read-only or vanished disk and resumes after it.

    On a failed write the file is closed so the next line opens it again; the reason goes to
    `complain` (stderr) at most once per COMPLAINT_INTERVAL_S; the count of lost lines is written
    into the log once it can be written again.
    """

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], float] = time.monotonic,
        complain: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", errors="backslashreplace", delay=True
        )
        self._clock = clock
        self._complain = complain or _to_stderr
        self._last_complaint: float | None = None
        self.lost = 0
        self._reason = ""

    def _open(self) -> TextIOWrapper:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        if self.lost:
            if self.stream is None:
                try:
                    self.stream = self._open()
                except Exception:  # noqa: BLE001 (still failing: this line is lost too)
                    self.handleError(record)
                    return
            lost, self.lost = self.lost, 0
            notice = logging.makeLogRecord({
                "name": LOGGER_NAME, "levelno": logging.WARNING, "levelname": "WARNING", "kiosk_notice": True,
                "msg": "%d log lines were lost while the log file could not be written (%s)", "args": (lost, self._reason),
            })
            super().emit(notice)
            if self.stream is None:  # still failing: the notice waits for the next line, this line is lost
                self.lost += lost + 1
                return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging API)
        error = sys.exc_info()[1]
        if not getattr(record, "kiosk_notice", False):
            self.lost += 1
        self._reason = error.strerror if isinstance(error, OSError) and error.strerror else repr(error)
        stream, self.stream = self.stream, None
        if stream is not None:
            try:
                stream.close()  # flushing what is buffered may fail again; that text is lost
            except Exception:  # noqa: BLE001
                pass
        now = self._clock()
        if self._last_complaint is None or now - self._last_complaint >= COMPLAINT_INTERVAL_S:
            self._last_complaint = now
            self._complain(
                f"kiosk: cannot write the log file {self.baseFilename} ({self._reason}); "
                "lines are lost until it can (said at most once a minute)"
            )


def _to_stderr(line: str) -> None:
    try:
        if sys.stderr is not None:
            print(line, file=sys.stderr, flush=True)
    except Exception:  # noqa: BLE001 (nowhere left to say it)
        pass


def setup_logging(directory: Path | None = None, *, level: int = logging.INFO) -> Path | None:
    """Log to `<directory>/kiosk.log` and stderr; returns the file, or None if it cannot be written now.

    The file handler stays even when the file cannot be written yet, and starts writing as soon as
    it can. Calling it again replaces the handlers it added before instead of adding more.
    """
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if handler.get_name() in _HANDLER_NAMES:
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(level)
    # A root handler (logging.basicConfig, or a library's) would otherwise print every line twice.
    logger.propagate = False
    formatter = EscapingFormatter(FORMAT)

    # No stderr at all in a Windows build without a console (pythonw, PyInstaller --noconsole).
    if sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        logger.addHandler(_in_background(stream, "kiosk-stderr"))

    directory = log_dir() if directory is None else directory
    path = directory / LOG_FILE_NAME
    file = SafeFileHandler(path)
    file.setFormatter(formatter)
    logger.addHandler(_in_background(file, "kiosk-file"))
    try:
        file.stream = file._open()
    except OSError:
        # One short line on stderr; the handler tries again with every line.
        file.handleError(logging.makeLogRecord({"kiosk_notice": True}))
        return None
    return path


def _in_background(handler: logging.Handler, name: str) -> BackgroundHandler:
    """`handler` on a thread of its own: the journal and the file, each held up alone."""
    handler.set_name(name)
    background = BackgroundHandler([handler])
    background.set_name(name)
    return background


def flush_logging(timeout_s: float) -> bool:
    """Wait until every line logged so far is written (at most `timeout_s` in all): at the end of a run, and in tests."""
    deadline = time.monotonic() + timeout_s
    return all([handler.flush_within(max(0.0, deadline - time.monotonic())) for handler in logging.getLogger(LOGGER_NAME).handlers
                if isinstance(handler, BackgroundHandler)])


class BackgroundHandler(logging.Handler):
    """Hands each record to `handlers` on a thread of their own; `flush_within` waits for them."""

    def __init__(self, handlers: list[logging.Handler]) -> None:
        super().__init__()
        self.handlers = handlers
        self.dropped = 0
        self._queue: queue.Queue[logging.LogRecord | threading.Event | None] = queue.Queue(QUEUED_LINES)
        self._thread = threading.Thread(target=self._run, name="kiosk-log", daemon=True)
        self._thread.start()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._queue.put_nowait(self._prepared(record))
        except queue.Full:
            self.dropped += 1

    @staticmethod
    def _prepared(record: logging.LogRecord) -> logging.LogRecord:
        """The record as text now (its arguments may change later); the traceback made into text too."""
        record = copy.copy(record)
        record.msg, record.args = record.getMessage(), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
        return record

    def flush_within(self, timeout_s: float) -> bool:
        done = threading.Event()
        try:
            self._queue.put(done, timeout=timeout_s)
        except queue.Full:
            return False
        return done.wait(timeout_s)

    def close(self) -> None:
        try:
            self._queue.put(None, timeout=1.0)
        except queue.Full:
            pass
        self._thread.join(timeout=1.0)
        for handler in self.handlers:
            handler.close()
        super().close()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, threading.Event):
                item.set()
                continue
            if self.dropped:
                dropped, self.dropped = self.dropped, 0
                self._handle(logging.makeLogRecord({
                    "name": LOGGER_NAME, "levelno": logging.WARNING, "levelname": "WARNING",
                    "msg": f"{dropped} log lines were dropped while logging was held up (a full queue of {QUEUED_LINES})",
                }))
            self._handle(item)

    def _handle(self, record: logging.LogRecord) -> None:
        for handler in self.handlers:
            if record.levelno >= handler.level:
                handler.handle(record)


def install_excepthook() -> None:
    """Log uncaught exceptions on "kiosk" and carry on; Qt slots report theirs through sys.excepthook."""
    global _previous_excepthook
    if sys.excepthook is not _log_uncaught:
        _previous_excepthook = sys.excepthook
    sys.excepthook = _log_uncaught


def _log_uncaught(kind: type[BaseException], exc: BaseException, traceback: TracebackType | None) -> None:
    try:
        logging.getLogger(LOGGER_NAME).error("uncaught exception", exc_info=(kind, exc, traceback))
    except Exception:
        _previous_excepthook(kind, exc, traceback)

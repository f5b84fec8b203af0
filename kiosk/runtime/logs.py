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
"""

from __future__ import annotations

import logging
import os
import re
import sys
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
_HANDLER_NAMES = ("kiosk-file", "kiosk-stderr")
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
        stream.set_name("kiosk-stderr")
        stream.setFormatter(formatter)
        logger.addHandler(stream)

    directory = log_dir() if directory is None else directory
    path = directory / LOG_FILE_NAME
    file = SafeFileHandler(path)
    file.set_name("kiosk-file")
    file.setFormatter(formatter)
    logger.addHandler(file)
    try:
        file.stream = file._open()
    except OSError:
        # One short line on stderr; the handler tries again with every line.
        file.handleError(logging.makeLogRecord({"kiosk_notice": True}))
        return None
    return path


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

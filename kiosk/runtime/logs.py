"""Logging for a kiosk nobody watches.

The log file is the only witness when IT asks why the screen was blank last Tuesday, so it must
always be there, stay small over months (rotating, 1 MB x 5), and hold every uncaught exception
with its traceback. Handlers go on the "kiosk" logger, not the root logger, so libraries' chatter
stays out. An uncaught exception in a Qt slot is logged and then forgotten, so the kiosk goes on
showing cards instead of the patient meeting a crash.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

import platformdirs

LOGGER_NAME = "kiosk"
LOG_FILE_NAME = "kiosk.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_HANDLER_NAMES = ("kiosk-file", "kiosk-stderr")

_previous_excepthook = sys.excepthook


def log_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if configured := env.get("KIOSK_LOG_DIR"):
        return Path(configured)
    return Path(platformdirs.user_log_dir("kiosk", appauthor=False))


def setup_logging(directory: Path | None = None, *, level: int = logging.INFO) -> Path | None:
    """Log to `<directory>/kiosk.log` and stderr; returns the file, or None if only stderr could be used.

    Calling it again replaces the handlers it added before instead of adding more.
    """
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if handler.get_name() in _HANDLER_NAMES:
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(level)
    # A root handler (logging.basicConfig, or a library's) would otherwise print every line twice.
    logger.propagate = False
    formatter = logging.Formatter(FORMAT)

    # No stderr at all in a Windows build without a console (pythonw, PyInstaller --noconsole).
    if sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.set_name("kiosk-stderr")
        stream.setFormatter(formatter)
        logger.addHandler(stream)

    directory = log_dir() if directory is None else directory
    path = directory / LOG_FILE_NAME
    try:
        directory.mkdir(parents=True, exist_ok=True)
        file = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    except OSError as exc:
        logger.warning("cannot write the log file %s (%s); logging to stderr only", path, exc)
        return None
    file.set_name("kiosk-file")
    file.setFormatter(formatter)
    logger.addHandler(file)
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
    except Exception:  # noqa: BLE001 (a failing hook would hide the first error; let the old hook print it)
        _previous_excepthook(kind, exc, traceback)

"""Logging: where the file goes, one set of handlers, stderr when the folder is unusable, uncaught exceptions kept."""

from __future__ import annotations

import errno
import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.runtime import logs
from kiosk.runtime.logs import BackgroundHandler, flush_logging, install_excepthook, log_dir, setup_logging


@pytest.fixture(autouse=True)
def restore_logging():
    logger = logging.getLogger("kiosk")
    handlers, level, propagate = list(logger.handlers), logger.level, logger.propagate
    hook, previous_hook = sys.excepthook, logs._previous_excepthook
    yield
    sys.excepthook, logs._previous_excepthook = hook, previous_hook
    for handler in list(logger.handlers):
        if handler not in handlers:
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(level)
    logger.propagate = propagate


def kiosk_handlers() -> list[logging.Handler]:
    return [inner for h in logging.getLogger("kiosk").handlers if isinstance(h, BackgroundHandler) for inner in h.handlers]


def read_log(path: Path) -> str:
    assert flush_logging(5)
    for handler in kiosk_handlers():
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_log_dir_is_kiosk_log_dir_when_set(tmp_path):
    assert log_dir({"KIOSK_LOG_DIR": str(tmp_path / "here")}) == tmp_path / "here"


def test_log_dir_defaults_to_the_platform_user_log_dir():
    expected = Path(platformdirs.user_log_dir("kiosk", appauthor=False))
    assert log_dir({}) == expected
    assert log_dir({"KIOSK_LOG_DIR": ""}) == expected


def test_setup_logging_without_a_directory_follows_kiosk_log_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path / "from-env"))
    assert setup_logging() == tmp_path / "from-env" / "kiosk.log"
    assert (tmp_path / "from-env" / "kiosk.log").is_file()


def test_file_is_created_and_written_in_the_kiosk_format(tmp_path, capsys):
    path = setup_logging(tmp_path / "new" / "logs")
    assert path == tmp_path / "new" / "logs" / "kiosk.log"
    logging.getLogger("kiosk.app").info("kiosk started with content from %s", "/srv/content")
    logging.getLogger("kiosk").debug("not at INFO")
    logging.getLogger("somelibrary").warning("third-party noise")
    lines = read_log(path).splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(" INFO kiosk.app: kiosk started with content from /srv/content")
    assert "kiosk started with content from /srv/content" in capsys.readouterr().err


def test_file_rotates_at_one_megabyte_keeping_five(tmp_path):
    setup_logging(tmp_path)
    (file_handler,) = [h for h in kiosk_handlers() if isinstance(h, RotatingFileHandler)]
    assert (file_handler.maxBytes, file_handler.backupCount, file_handler.encoding) == (1_000_000, 5, "utf-8")


def test_setting_up_twice_adds_no_duplicate_handlers(tmp_path):
    setup_logging(tmp_path / "a")
    path = setup_logging(tmp_path / "b")
    assert sorted(h.get_name() for h in logging.getLogger("kiosk").handlers) == ["kiosk-file", "kiosk-stderr"]
    assert sorted(h.get_name() for h in kiosk_handlers()) == ["kiosk-file", "kiosk-stderr"]
    logging.getLogger("kiosk").warning("once")
    assert read_log(path).count("once") == 1
    assert "once" not in (tmp_path / "a" / "kiosk.log").read_text(encoding="utf-8")


def test_unusable_directory_costs_one_short_line_and_logging_resumes_when_it_is_fixed(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert setup_logging(blocker / "logs") is None
    for _ in range(20):
        logging.getLogger("kiosk").info("still heard")
    assert flush_logging(5)
    err = capsys.readouterr().err
    assert err.count("cannot write the log file") == 1, err
    assert f"kiosk: cannot write the log file {blocker / 'logs' / 'kiosk.log'} (" in err
    assert "Traceback" not in err
    assert err.count("INFO kiosk: still heard") == 20
    blocker.unlink()  # IT fixes it
    logging.getLogger("kiosk").info("back in the file")
    text = read_log(blocker / "logs" / "kiosk.log")
    assert "WARNING kiosk: 20 log lines were lost while the log file could not be written" in text
    assert text.rstrip().endswith("INFO kiosk: back in the file")


def test_excepthook_logs_the_traceback_and_returns(tmp_path):
    path = setup_logging(tmp_path)
    original = sys.excepthook
    install_excepthook()
    install_excepthook()
    assert logs._previous_excepthook is original
    try:
        raise ValueError("fabricated for the test")
    except ValueError:
        info = sys.exc_info()
    assert sys.excepthook(*info) is None
    text = read_log(path)
    assert " ERROR kiosk: uncaught exception\nTraceback (most recent call last):\n" in text
    assert "in test_excepthook_logs_the_traceback_and_returns" in text
    assert text.rstrip().endswith("ValueError: fabricated for the test")


class Emitter(QObject):
    fired = Signal()


# pytest-qt would otherwise swap in its own sys.excepthook and fail the test on the slot's exception.
@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_and_the_kiosk_goes_on(qtbot, tmp_path):
    path = setup_logging(tmp_path)
    install_excepthook()

    def broken_slot() -> None:
        raise RuntimeError("a slot failed")

    emitter = Emitter()
    emitter.fired.connect(broken_slot)
    later: list[str] = []
    QTimer.singleShot(0, broken_slot)
    QTimer.singleShot(0, emitter.fired.emit)
    QTimer.singleShot(20, lambda: later.append("still running"))
    qtbot.waitUntil(lambda: later == ["still running"], timeout=5000)
    text = read_log(path)
    assert text.count("ERROR kiosk: uncaught exception") == 2
    assert text.count("RuntimeError: a slot failed") == 2
    assert "in broken_slot" in text


def test_a_card_file_name_that_is_not_utf8_reaches_the_log_escaped(tmp_path, content, capsys):
    from kiosk.core.store import ContentStore

    name = os.fsencode(content / "en") + b"/25-caf\xe9\nINFO kiosk: forged.md"
    with open(name, "w", encoding="utf-8") as card:
        card.write("---\ntitle: Latin-1 name\nicon: fa5s.no-such-icon\n---\nText.\n")
    path = setup_logging(tmp_path / "log")
    problems = ContentStore(content).reload().problems
    for problem in problems:
        logging.getLogger("kiosk.app").warning("%s", problem.format())
    text = read_log(path)
    assert "/en/25-caf\\xe9\\nINFO kiosk: forged.md:3: warning: unknown icon" in text
    assert not any(line.startswith("INFO kiosk: forged") for line in text.splitlines())
    err = capsys.readouterr().err
    assert "Traceback" not in err and "UnicodeEncodeError" not in err


def test_escape_keeps_ordinary_text_and_escapes_the_rest():
    assert logs.escape("Qué tal, 日本") == "Qué tal, 日本"
    assert logs.escape("a\udcffb") == "a\\xffb"
    assert logs.escape("lone \ud800") == "lone \\ud800"
    assert logs.escape("tab\there\x1b[31m") == "tab\\there\\x1b[31m"


class FullDisk:
    """A log file on a disk that is full until `full` is set to False."""

    def __init__(self) -> None:
        self.full = True
        self.text = ""
        self.opened = 0

    def open(self):
        self.opened += 1
        return self

    def write(self, text: str) -> None:
        if self.full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.text += text

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def tell(self) -> int:
        return len(self.text)


def test_a_full_disk_costs_one_stderr_line_a_minute_and_logging_resumes(tmp_path):
    now = [1000.0]
    complaints: list[str] = []
    handler = logs.SafeFileHandler(tmp_path / "kiosk.log", clock=lambda: now[0], complain=complaints.append)
    handler.setFormatter(logs.EscapingFormatter("%(levelname)s %(message)s"))
    disk = FullDisk()
    handler._open = disk.open
    record = logging.makeLogRecord({"name": "kiosk", "levelno": logging.INFO, "levelname": "INFO", "msg": "line %d"})
    for second in range(150):  # two and a half minutes of one line a second
        now[0] = 1000.0 + second
        record.args = (second,)
        handler.handle(record)
    assert len(complaints) == 3, complaints
    assert complaints[0] == (
        f"kiosk: cannot write the log file {tmp_path / 'kiosk.log'} (No space left on device); "
        "lines are lost until it can (said at most once a minute)"
    )
    assert disk.opened == 150, "every line tries the file again"
    disk.full = False
    record.args = (150,)
    handler.handle(record)
    assert disk.text == "WARNING 150 log lines were lost while the log file could not be written (No space left on device)\nINFO line 150\n"
    assert len(complaints) == 3
    handler.close()

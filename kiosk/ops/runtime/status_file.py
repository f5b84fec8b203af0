"""Keeps `status.json` in the state folder current: at start, after each reload, once a minute, at the end.

A status file that cannot be written (read-only or full disk) is said once in the log; the kiosk goes on.
The file is written on a thread of its own (kiosk/ops/runtime/report_writer.py), so a disk that is
slow to answer never holds the screen; at the end the last write is waited for, for at most a second.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kiosk.core.state import write_atomically
from kiosk.ops.core.status import STATUS_FILE, read_history, status_text
from kiosk.ops.runtime.report_writer import ReportWriter

log = logging.getLogger(__name__)
INTERVAL_MS = 60_000
LAST_WRITE_S = 1.0  # at the end: how long the last status may take to reach the disk (SIGTERM has 5 s in all)


class StatusFile(QObject):
    """`facts()` returns (content errors, content warnings, last reload) whenever the file is written."""

    def __init__(
        self,
        directory: Path,
        version: str,
        facts: Callable[[], tuple[int, int, str]],
        *,
        now: Callable[[], datetime] = datetime.now,
        monotonic: Callable[[], float] = time.monotonic,  # uptime: never negative when the wall clock is set back
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = directory / STATUS_FILE
        self._version = version
        self._facts = facts
        self._now = now
        self._started = now()
        self._monotonic = monotonic
        self._started_monotonic = monotonic()
        self.history = read_history(self.path)
        self._failed = False
        self._writer = ReportWriter("kiosk-status-file")
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.write)

    def start(self) -> None:
        self.write()
        self._timer.start()

    def write(self, *, running: bool = True) -> None:
        errors, warnings, last_reload = self._facts()
        text = status_text(
            version=self._version, started=self._started, now=self._now(), uptime_s=self._monotonic() - self._started_monotonic,
            history=self.history,
            errors=errors, warnings=warnings, last_reload=last_reload, running=running,
        )
        self._writer.submit(self.path, lambda: self._write(text))

    def flush(self, timeout_s: float) -> bool:
        """Wait until what was handed over is on disk, for at most `timeout_s`; False if it is not yet."""
        return self._writer.wait(timeout_s)

    def _write(self, text: str) -> None:
        try:
            write_atomically(self.path, text)
            self._failed = False
        except OSError as exc:
            if not self._failed:
                log.warning("cannot write the status file %s (%s); trying again each minute", self.path, exc.strerror or exc)
            self._failed = True

    def stopped(self) -> None:
        self._timer.stop()
        self.write(running=False)
        if not self.flush(LAST_WRITE_S):
            log.warning("the status file %s was not written within %.0f s of the end: its disk is not answering", self.path, LAST_WRITE_S)

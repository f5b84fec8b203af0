"""Writes the kiosk's report files (status.json, kiosk.prom) on a thread of their own.

A disk that is slow or stops answering (an SD card busy flushing, a failing one, a monitoring folder
on a network mount) makes a write, and above all its fsync, wait in the kernel for as long as the
disk likes: on the screen's thread that was a frozen screen. Here the screen's thread hands over the
finished text and goes on. While a write is under way only the newest text for each file is kept,
so a stuck disk holds this one thread and a few kilobytes, never a growing queue.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


class ReportWriter:
    """`submit(path, write)`: run `write` soon, on the writer's thread, replacing any not yet begun for `path`."""

    def __init__(self, name: str = "kiosk-reports") -> None:
        self._name = name
        self._pending: dict[Path, Callable[[], None]] = {}
        self._busy = False
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, path: Path, write: Callable[[], None]) -> None:
        with self._changed:
            self._pending[path] = write
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def wait(self, timeout_s: float) -> bool:
        """Until everything handed over is written, for at most `timeout_s`; False if the disk is still busy."""
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while self._pending or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
        return True

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._pending:
                    self._changed.wait()
                path = next(iter(self._pending))
                write = self._pending.pop(path)
                self._busy = True
            try:
                write()
            except Exception:  # a report that fails must not end the writing of the others
                log.exception("writing %s failed", path)
            finally:
                with self._changed:
                    self._busy = False
                    self._changed.notify_all()

"""Checks a typed PIN against its scrypt hash on a worker thread, so the pad never freezes.

One scrypt check takes 50-120 ms, several frames; on the UI thread a touch in that time would feel
ignored. hashlib.scrypt releases the GIL, so the UI keeps painting while it runs.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from kiosk.core.pin import pin_matches


class PinCheck(QObject):
    """`start(pin, stored)`, then `finished(matched)` on the thread that owns this object."""

    finished = Signal(bool)  # whether the PIN matched
    _worker_done = Signal(bool)  # emitted on the worker thread; Qt queues it to this object's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._busy = False  # owned by this object's thread: a worker about to exit is no longer busy
        self._worker_done.connect(self._on_worker_done)

    def busy(self) -> bool:
        return self._busy

    def start(self, pin: str, stored: str | None) -> None:
        if self._busy:
            return
        self._busy = True
        self._thread = threading.Thread(
            target=lambda: self._worker_done.emit(pin_matches(pin, stored)), name="pin-check", daemon=True
        )
        self._thread.start()

    def _on_worker_done(self, matched: bool) -> None:
        self._busy = False
        self.finished.emit(matched)

    def wait(self, timeout: float | None = None) -> None:
        """For shutdown and tests: let a running check end."""
        if self._thread is not None:
            self._thread.join(timeout)

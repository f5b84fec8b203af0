"""Lets SIGTERM (systemd stopping the kiosk) and SIGINT (Ctrl+C) end the kiosk cleanly.

Python runs signal handlers only between bytecodes, and while Qt's event loop waits in C++ no Python
code runs, so without help a signal would be noticed at the next touch, or never on an idle kiosk
(systemd then kills it after its stop timeout). The C-level handler Python installs writes the signal
number to the wakeup fd; a QSocketNotifier on the other end of a socket pair wakes the event loop, a
little Python runs, and with it the Python handler. No polling timer, so an idle kiosk stays idle.
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable, Iterable
from types import FrameType

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

log = logging.getLogger("kiosk")

# Kept here and not only in the undo closure: if a caller dropped the undo function, the sockets
# would be closed by the garbage collector and the wakeup fd number could be reused by another file.
_active: list[_Wakeup] = []


class _Wakeup:
    """A socket pair whose write end is Python's signal wakeup fd, and a notifier on the read end."""

    def __init__(self) -> None:
        self.reader, self.writer = socket.socketpair()
        try:
            self.reader.setblocking(False)
            self.writer.setblocking(False)
            self.previous_fd = signal.set_wakeup_fd(self.writer.fileno(), warn_on_full_buffer=False)
        except BaseException:
            self.reader.close()
            self.writer.close()
            raise
        # No Qt parent: the notifier lives exactly as long as this object, even if the app goes first.
        self.notifier = QSocketNotifier(self.reader.fileno(), QSocketNotifier.Type.Read)
        self.notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        """Empty the socket so the notifier stops firing; the Python handler has run by the time this does."""
        try:
            while self.reader.recv(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def close(self) -> None:
        signal.set_wakeup_fd(self.previous_fd)
        self.notifier.setEnabled(False)
        self.reader.close()
        self.writer.close()


def quit_on_signals(
    app: QCoreApplication, signals: Iterable[int] = (signal.SIGTERM, signal.SIGINT)
) -> Callable[[], None]:
    """Quit `app`'s event loop on any of `signals`; returns a function that puts everything back.

    Call from the main thread (Python only allows signal handlers there). Signals this platform does not
    know are skipped. On Windows, Ctrl+C arrives as SIGINT; SIGTERM is accepted but only ever raised from
    inside the process, so its handler is harmless there.
    """
    wakeup = _Wakeup()
    _active.append(wakeup)

    def on_signal(number: int, frame: FrameType | None) -> None:
        try:
            name = signal.Signals(number).name
        except ValueError:  # real-time signals have no name
            name = f"signal {number}"
        log.info("stopping on %s", name)
        # exit(), not quit(): in Qt 6 quit() first asks every window to close, and the kiosk window
        # refuses while locked down. Both are ignored before the event loop runs; a zero timer waits.
        QTimer.singleShot(0, app, lambda: app.exit(0))

    previous_handlers: dict[int, object] = {}
    valid = signal.valid_signals()
    for number in signals:
        if number not in valid:
            continue
        try:
            previous_handlers[number] = signal.signal(number, on_signal)
        except (OSError, ValueError, RuntimeError):
            continue

    def undo() -> None:
        if wakeup not in _active:
            return
        _active.remove(wakeup)
        for number, handler in previous_handlers.items():
            # None: the old handler was not set from Python and cannot be put back; the default is closest.
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        wakeup.close()

    return undo

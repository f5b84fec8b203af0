"""Signals: SIGHUP reloads content and settings; SIGTERM, SIGINT and the other ending signals are logged,
then end the kiosk cleanly.

The daemon convention is that SIGHUP means "read your configuration again"; a kiosk that died on it
(Python's default) would vanish from the screen with nothing in its log. Every catchable signal whose
default action would end the process is handled, so the log always says why the kiosk stopped.
Signals nobody can catch (SIGKILL) or that mean the process is broken (SIGSEGV, SIGABRT: see
`kiosk.runtime.logs`, where faulthandler writes their traceback) are not handled here.

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
import sys
from collections.abc import Callable, Iterable
from types import FrameType

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

# What signal.signal() takes and returns: a function, SIG_DFL / SIG_IGN (ints), or None (set outside Python).
Handler = Callable[[int, FrameType | None], object] | int | None

log = logging.getLogger("kiosk")

# Kept here and not only in the undo closure: if a caller dropped the undo function, the sockets
# would be closed by the garbage collector and the wakeup fd number could be reused by another file.
_active: list[_Wakeup] = []


def _ending_signals() -> tuple[int, ...]:
    """Catchable signals whose default action ends the process (SIGPIPE and SIGXFSZ: Python ignores them)."""
    names = ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGVTALRM", "SIGPROF",
             "SIGXCPU", "SIGIO", "SIGPWR", "SIGSTKFLT", "SIGBREAK")
    found = [getattr(signal, name) for name in names if hasattr(signal, name)]
    if sys.platform.startswith("linux"):
        found += range(signal.SIGRTMIN, signal.SIGRTMAX + 1)
    return tuple(dict.fromkeys(found))


ENDING_SIGNALS = _ending_signals()


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


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:  # real-time signals have no name
        if sys.platform.startswith("linux") and signal.SIGRTMIN <= number <= signal.SIGRTMAX:
            return f"SIGRTMIN+{number - signal.SIGRTMIN}"
        return f"signal {number}"


def quit_on_signals(
    app: QCoreApplication,
    signals: Iterable[int] = ENDING_SIGNALS,
    *,
    on_hangup: Callable[[], None] | None = None,
) -> Callable[[], None]:
    """Quit `app`'s event loop on any of `signals`; returns a function that puts everything back.

    With `on_hangup`, SIGHUP calls it from the event loop instead of quitting. Call from the main thread
    (Python only allows signal handlers there). Signals this platform does not know are skipped. On
    Windows, Ctrl+C arrives as SIGINT; SIGTERM is accepted but only ever raised from inside the
    process, so its handler is harmless there.
    """
    wakeup = _Wakeup()
    _active.append(wakeup)

    hangup = getattr(signal, "SIGHUP", None)

    def on_signal(number: int, frame: FrameType | None) -> None:
        if on_hangup is not None and number == hangup:
            log.info("SIGHUP: reloading content and settings")
            QTimer.singleShot(0, app, on_hangup)
            return
        log.info("stopping on %s", signal_name(number))
        # exit(), not quit(): in Qt 6 quit() first asks every window to close, and the kiosk window
        # refuses while locked down. Both are ignored before the event loop runs; a zero timer waits.
        QTimer.singleShot(0, app, lambda: app.exit(0))

    previous_handlers: dict[int, Handler] = {}
    valid = signal.valid_signals()
    wanted = list(signals)
    if on_hangup is not None and hangup is not None and hangup not in wanted:
        wanted.append(hangup)
    for number in wanted:
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

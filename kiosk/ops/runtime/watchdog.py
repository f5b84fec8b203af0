"""The systemd watchdog: READY=1 once the kiosk is on screen, then WATCHDOG=1 pings from the Qt event loop.

A kiosk whose UI thread hangs still looks alive to `Restart=always` (the process is there), and the
waiting room sees a frozen screen for months. With `Type=notify` and `WatchdogSec=` in the unit,
systemd restarts the kiosk when the pings stop. The pings come from a QTimer, so they stop exactly
when the event loop stops turning: a hung UI is a missed ping.

The notify protocol is one datagram per message to the AF_UNIX socket named in $NOTIFY_SOCKET
(a name starting with '@' is in the abstract namespace), so no library is needed. Under cage or
xinit the kiosk is the child of the unit's main process: systemd sets WATCHDOG_PID to that parent,
and the unit says NotifyAccess=all; a WATCHDOG_PID that is neither this process nor its parent
means the variables were meant for someone else, and the watchdog stays off.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


def notify(message: str, env: Mapping[str, str] | None = None) -> bool:
    """Send one sd_notify message ("READY=1", "WATCHDOG=1", ...); False when there is no socket or it failed."""
    env = os.environ if env is None else env
    address = env.get("NOTIFY_SOCKET", "")
    if not address.startswith(("/", "@")):
        return False
    target = "\0" + address[1:] if address.startswith("@") else address
    try:
        # Non-blocking: a notify socket whose reader stopped reading fills after a few messages, and a
        # blocking send would then hold the screen's thread; this message is lost instead, with a log line.
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC | socket.SOCK_NONBLOCK) as sock:
            sock.sendto(message.encode("utf-8"), target)
    except OSError as exc:
        log.warning("could not tell systemd %r (%s)", message.split("=")[0], exc)
        return False
    return True


def watchdog_interval_ms(env: Mapping[str, str] | None = None) -> int | None:
    """Half of WATCHDOG_USEC in ms (systemd's advice), or None when the watchdog is not for this process."""
    env = os.environ if env is None else env
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    pid = env.get("WATCHDOG_PID")
    if usec <= 0 or (pid and pid not in (str(os.getpid()), str(os.getppid()))):
        return None
    return max(1, usec // 2000)


class Watchdog(QObject):
    """Call `ready()` once the first frame is up, `reloading()`/`ready()` around a SIGHUP reload, `stopping()` at the end."""

    def __init__(self, env: Mapping[str, str] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._env = dict(os.environ if env is None else env)
        self.enabled = bool(self._env.get("NOTIFY_SOCKET"))
        self.interval_ms = watchdog_interval_ms(self._env) if self.enabled else None
        self.is_ready = False  # on screen with content, not reloading or stopping (the metrics say so too)
        self.pings = 0  # WATCHDOG=1 datagrams sent to systemd
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.ping)

    def describe(self) -> str:
        if not self.enabled:
            return "no systemd notify socket (not started by a Type=notify unit): no watchdog"
        if self.interval_ms is None:
            return "systemd notify socket but no watchdog for this process: READY only"
        return f"systemd watchdog on: a ping every {self.interval_ms} ms from the event loop"

    def ready(self, status: str = "showing the kiosk") -> None:
        self.is_ready = True
        if not self.enabled:
            return
        notify(f"READY=1\nSTATUS={status}", self._env)
        if self.interval_ms is not None and not self._timer.isActive():
            self._timer.start(self.interval_ms)
            self.ping()

    def ping(self) -> None:
        if notify("WATCHDOG=1", self._env):
            self.pings += 1

    def reloading(self) -> None:
        self.is_ready = False
        if self.enabled:
            notify("RELOADING=1", self._env)

    def stopping(self) -> None:
        self.is_ready = False
        self._timer.stop()
        if self.enabled:
            notify("STOPPING=1", self._env)

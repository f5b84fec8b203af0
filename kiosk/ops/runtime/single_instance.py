"""One kiosk per display: a second `kiosk run` on the same screen says why and leaves the first alone.

Two kiosks on one screen cover each other, write one log between them, and stopping one reveals
the other mid-visit. The guard is an operating-system lock on a file in the state folder, one file
per display (`instance-wayland-0.lock`, `instance-x11-0.lock`, ...): `fcntl.flock` on Linux and
macOS, `msvcrt.locking` on Windows. The kernel drops such a lock the moment its process ends, however
it ends (crash, SIGKILL, power cut), so a lock file left behind never blocks a restart: only a live
process holds the lock. The file's text (pid, start time) is only there to tell IT who holds it.
A state folder deleted while the kiosk runs takes the lock file with it, and a second kiosk could then
lock a new file by that name: `keep()`, called every few seconds, makes the folder and takes the lock
on a new file again.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

# Windows locks byte ranges, and a locked range cannot be read by others: lock one byte far past the
# text so the holder's pid stays readable.
_WINDOWS_LOCK_OFFSET = 1 << 20


class AlreadyRunning(Exception):
    """Another live kiosk holds the lock for this display; str() says which, for the journal."""


def display_key(env: Mapping[str, str] | None = None, platform: str | None = None) -> str:
    """A file-name-safe name of the screen this process would show on.

    Wayland: the compositor's socket name; X11: the display number (`:0.1` and `host:0` are display
    0 too); Windows: the session; otherwise `console` (offscreen, framebuffer).
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return "windows-" + _safe(env.get("SESSIONNAME") or "console")
    if wayland := env.get("WAYLAND_DISPLAY"):
        return "wayland-" + _safe(Path(wayland).name.removeprefix("wayland-"))
    if display := env.get("DISPLAY"):
        match = re.search(r":(\d+)", display)
        return "x11-" + (match.group(1) if match else _safe(display))
    return "console"


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text) or "_"


class InstanceLock:
    """Held from `acquire()` until `release()` or the end of the process."""

    def __init__(self, directory: Path, display: str) -> None:
        self.display = display
        self.path = directory / f"instance-{display}.lock"
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, or raise AlreadyRunning (another kiosk has it) or OSError (cannot make the file)."""
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # os.open makes the descriptor non-inheritable: helpers the kiosk starts (xset, systemd-inhibit)
        # must not keep the lock alive after the kiosk itself is gone.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _try_lock(fd):
                raise AlreadyRunning(self._describe_holder(fd))
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            started = datetime.now().astimezone().isoformat(timespec="seconds")
            os.write(fd, f"pid {os.getpid()}\nstarted {started}\ndisplay {self.display}\n".encode())
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def keep(self) -> bool:
        """Check the lock file is still the one held; if it vanished (the state folder was deleted),
        make it again and lock it. False when it cannot be taken again (another kiosk took it first)."""
        if self._fd is None:
            return False
        try:
            held, there = os.fstat(self._fd), os.stat(self.path)
            if (held.st_dev, held.st_ino) == (there.st_dev, there.st_ino):
                return True
        except OSError:
            pass
        old, self._fd = self._fd, None
        try:
            self.acquire()
        except (AlreadyRunning, OSError) as exc:
            log.error("the state folder's lock file %s vanished while the kiosk ran and cannot be taken again: %s", self.path, exc)
            self._fd = old  # still ours, for what it is worth
            return False
        os.close(old)
        log.error("the lock file %s vanished while the kiosk ran (was the state folder deleted?); "
                  "made it again and took the one-kiosk-per-display lock again", self.path)
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        os.close(fd)  # closing drops the lock; the empty file stays (removing it would race a new kiosk)

    def _describe_holder(self, fd: int) -> str:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            text = os.read(fd, 512).decode("utf-8", "replace")
        except OSError:
            text = ""
        facts = dict(line.split(" ", 1) for line in text.splitlines() if " " in line)
        who = f" (pid {facts['pid']}, since {facts.get('started', '?')})" if "pid" in facts else ""
        return (
            f"another kiosk is already running on this display ({self.display}){who}; "
            f"not starting a second one. Lock: {self.path}"
        )


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

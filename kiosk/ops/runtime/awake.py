"""Keeps the screen from blanking while the kiosk runs.

A blank screen in a waiting room looks like a broken kiosk, and patients do not know to touch it.
Every platform has its own switch for this and none is guaranteed to be there, so this is best
effort: `ScreenAwake.inhibit()` never raises and returns one line for the log saying what it did or
why it could do nothing, so IT can tell from the log why a screen went dark.
"""

from __future__ import annotations

import logging
import os
import platform
import shutil
import subprocess
from collections.abc import Callable, Mapping
from typing import Protocol

log = logging.getLogger(__name__)

# SetThreadExecutionState flags (winbase.h).
ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002

COMMAND_TIMEOUT_S = 5.0
# systemd-inhibit fails within milliseconds when logind or D-Bus refuse; still running after this means it holds the lock.
INHIBITOR_GRACE_S = 0.5
XSET_COMMANDS = (["xset", "s", "off"], ["xset", "s", "noblank"], ["xset", "-dpms"])
INHIBIT_COMMAND = [
    "systemd-inhibit", "--what=idle", "--who=kiosk", "--why=patient kiosk on display", "--mode=block",
    "sleep", "infinity",
]
NO_WAY = "no way to keep the screen awake on this system; check the display's power settings"


class Child(Protocol):
    """The part of `subprocess.Popen` used for the long-lived systemd-inhibit process."""

    def wait(self, timeout: float | None = None) -> int: ...
    def communicate(self, input: None = None, timeout: float | None = None) -> tuple[object, object]: ...
    def terminate(self) -> None: ...
    def kill(self) -> None: ...


def run_command(command: list[str]) -> int:
    """Run a short command quietly; raises OSError or subprocess.TimeoutExpired like subprocess.run."""
    return subprocess.run(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        timeout=COMMAND_TIMEOUT_S, check=False,
    ).returncode


def spawn_command(command: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def windows_execution_state(flags: int) -> int:
    """kernel32.SetThreadExecutionState: the previous state, or 0 on failure. Windows only."""
    import ctypes

    # A private WinDLL so the argument and result types set here do not leak to other users of windll.
    function = ctypes.WinDLL("kernel32").SetThreadExecutionState  # type: ignore[attr-defined]
    function.argtypes = [ctypes.c_uint32]
    function.restype = ctypes.c_uint32
    return int(function(flags))


class ScreenAwake:
    """Turns off screen blanking for as long as the kiosk runs; call inhibit() and release() from the main thread.

    On Windows the execution state belongs to the calling thread and ends with it, so the GUI thread,
    which lives as long as the kiosk, is the one to call.
    """

    def __init__(
        self,
        *,
        system: str | None = None,
        env: Mapping[str, str] | None = None,
        run: Callable[[list[str]], int] | None = None,
        which: Callable[[str], str | None] | None = None,
        windows_api: Callable[[int], int] | None = None,
        spawn: Callable[[list[str]], Child] | None = None,
    ) -> None:
        self._system = system if system is not None else platform.system()
        self._env = env if env is not None else os.environ
        self._run = run or run_command
        self._which = which or shutil.which
        self._windows_api = windows_api or windows_execution_state
        self._spawn = spawn or spawn_command
        self.grace_s = INHIBITOR_GRACE_S
        self._windows_held = False
        self._inhibitor: Child | None = None
        self.blanking_prevented = False  # the last inhibit() worked (the metrics say so)

    def inhibit(self) -> str:
        self.release()
        self.blanking_prevented = False
        try:
            if self._system == "Windows":
                return self._inhibit_windows()
            if self._system == "Linux" and self._env.get("WAYLAND_DISPLAY"):
                return self._inhibit_wayland()
            if self._system == "Linux" and self._env.get("DISPLAY"):
                return self._inhibit_x11(self._env["DISPLAY"])
            return f"{NO_WAY} ({self._system or 'unknown system'}, no DISPLAY or WAYLAND_DISPLAY)"
        except Exception as exc:
            return f"could not keep the screen awake: {exc!r}; check the display's power settings"

    def release(self) -> None:
        try:
            if self._windows_held:
                self._windows_held = False
                self._windows_api(ES_CONTINUOUS)
            if self._inhibitor is not None:
                inhibitor, self._inhibitor = self._inhibitor, None
                inhibitor.terminate()
                try:
                    inhibitor.communicate(timeout=COMMAND_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    inhibitor.kill()
                    inhibitor.communicate(timeout=COMMAND_TIMEOUT_S)
        except Exception as exc:
            log.warning("could not let the screen blank again: %r", exc)
        # X11: nothing to undo. The kiosk is normally the only thing on that display and comes straight
        # back after a restart, so turning blanking on again would only let the screen go dark between runs.

    def _inhibit_windows(self) -> str:
        try:
            previous = self._windows_api(ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED)
        except OSError as exc:
            return f"SetThreadExecutionState failed ({exc}); check the display's power settings"
        if previous == 0:
            return "SetThreadExecutionState refused to keep the display on; check the display's power settings"
        self._windows_held = self.blanking_prevented = True
        return "display and system kept on with SetThreadExecutionState"

    def _inhibit_x11(self, display: str) -> str:
        if self._which("xset") is None:
            return f"xset not found, screen blanking on X display {display} left as it is; install x11-xserver-utils"
        failures = []
        for command in XSET_COMMANDS:
            text = " ".join(command)
            try:
                code = self._run(command)
            except (OSError, subprocess.SubprocessError) as exc:
                failures.append(f"`{text}` failed ({exc})")
                continue
            if code != 0:
                failures.append(f"`{text}` exited with {code}")
        if failures:
            return f"screen blanking on X display {display} may still be on: " + "; ".join(failures)
        self.blanking_prevented = True
        return f"screen saver, blanking and DPMS off on X display {display} (xset s off, s noblank, -dpms)"

    def _inhibit_wayland(self) -> str:
        if self._which("systemd-inhibit") is None:
            return "systemd-inhibit not found; the Wayland compositor's own settings apply (cage never blanks by itself)"
        try:
            inhibitor = self._spawn(list(INHIBIT_COMMAND))
        except (OSError, subprocess.SubprocessError) as exc:
            return f"could not start systemd-inhibit ({exc}); the Wayland compositor's own settings apply"
        try:
            code = inhibitor.wait(timeout=self.grace_s)
        except subprocess.TimeoutExpired:
            self._inhibitor = inhibitor
            self.blanking_prevented = True
            return "idle blocked with systemd-inhibit --what=idle for as long as the kiosk runs"
        _, error = inhibitor.communicate(timeout=COMMAND_TIMEOUT_S)
        reason = error.decode(errors="replace").strip() if isinstance(error, bytes) else ""
        return f"systemd-inhibit exited with {code}" + (f" ({reason})" if reason else "") + (
            "; the Wayland compositor's own settings apply"
        )

"""The display's power: kept awake while the kiosk runs, and switched off and on by the screen schedule.

A blank screen in a waiting room looks like a broken kiosk, and patients do not know to touch it, so
`ScreenAwake.inhibit()` turns blanking off for as long as the kiosk runs. Outside clinic hours the
screen schedule (screen_schedule.py) switches the display itself off and on with `DisplayPower`.
Every platform has its own switches and none is certain to be there, so both are best effort: they
never raise, and each call returns one line for the log saying what was done or why nothing could
be, so IT can tell from the log why a screen went dark (or stayed lit).

Keeping awake: Windows SetThreadExecutionState; X11 `xset s off`, `s noblank`, `-dpms`; Wayland a
`systemd-inhibit --what=idle` held for the kiosk's life. Switching: X11 `xset dpms force off|on`
(and `xset -dpms` again after waking, so the X server's own timers never blank the kiosk); Wayland
`wlopm` (wlr output power management), else `wlr-randr --output NAME --off|--on`; Windows the
SC_MONITORPOWER system command.
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


# --- switching the display off and on (the screen schedule) ---------------------------------

WM_SYSCOMMAND = 0x0112
SC_MONITORPOWER = 0xF170
HWND_BROADCAST = 0xFFFF


def command_output(command: list[str]) -> str:
    """What a short command prints ('' when it cannot run)."""
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def windows_monitor_power(state: int) -> bool:
    """PostMessage(HWND_BROADCAST, WM_SYSCOMMAND, SC_MONITORPOWER, state): 2 off, -1 on. Windows only."""
    import ctypes

    user32 = ctypes.WinDLL("user32")  # type: ignore[attr-defined]
    return bool(user32.PostMessageW(HWND_BROADCAST, WM_SYSCOMMAND, SC_MONITORPOWER, state))


def switched(line: str) -> bool:
    """Whether a line from `DisplayPower.set_on` says the display was switched (the others say why not)."""
    return line.startswith("display ")


class DisplayPower:
    def __init__(
        self,
        *,
        system: str | None = None,
        env: Mapping[str, str] | None = None,
        run: Callable[[list[str]], int] | None = None,
        which: Callable[[str], str | None] | None = None,
        output: Callable[[list[str]], str] | None = None,
        windows_api: Callable[[int], bool] | None = None,
    ) -> None:
        self._system = system if system is not None else platform.system()
        self._env = env if env is not None else os.environ
        self._run = run or run_command
        self._which = which or shutil.which
        self._output = output or command_output
        self._windows_api = windows_api or windows_monitor_power

    def set_on(self, on: bool) -> str:
        """Switch the display on or off; never raises."""
        word = "on" if on else "off"
        try:
            if self._system == "Windows":
                done = self._windows_api(-1 if on else 2)
                return f"display {word} (SC_MONITORPOWER)" if done else f"could not switch the display {word}: SC_MONITORPOWER refused"
            if self._system == "Linux" and self._env.get("WAYLAND_DISPLAY"):
                return self._wayland(on, word)
            if self._system == "Linux" and self._env.get("DISPLAY"):
                return self._x11(on, word)
            return f"cannot switch the display {word} here ({self._system or 'unknown system'}, no DISPLAY or WAYLAND_DISPLAY)"
        except Exception as exc:  # noqa: BLE001 (a schedule that fails must never stop the kiosk)
            return f"could not switch the display {word}: {exc!r}"

    def _commands(self, commands: list[list[str]], done: str, word: str) -> str:
        for command in commands:
            try:
                code = self._run(command)
            except (OSError, subprocess.SubprocessError) as exc:
                return f"could not switch the display {word}: `{' '.join(command)}` failed ({exc})"
            if code != 0:
                return f"could not switch the display {word}: `{' '.join(command)}` exited with {code}"
        return done

    def _x11(self, on: bool, word: str) -> str:
        if self._which("xset") is None:
            return f"cannot switch the display {word}: xset not found (install x11-xserver-utils)"
        # xset exits 0 even when the server has no DPMS (Xvfb, some VNC servers): ask first.
        if "does not have the DPMS Extension" in self._output(["xset", "q"]):
            return f"cannot switch the display {word}: this X server has no DPMS extension"
        if on:
            return self._commands([["xset", "dpms", "force", "on"], ["xset", "-dpms"]], "display on (xset dpms force on)", word)
        return self._commands([["xset", "dpms", "force", "off"]], "display off (xset dpms force off)", word)

    def _wayland(self, on: bool, word: str) -> str:
        if self._which("wlopm"):
            return self._commands([["wlopm", f"--{word}", "*"]], f"display {word} (wlopm --{word})", word)
        if self._which("wlr-randr"):
            # Output names are the lines of `wlr-randr` that do not start with a space.
            names = [line.split()[0] for line in self._output(["wlr-randr"]).splitlines() if line and not line[0].isspace()]
            if not names:
                return f"cannot switch the display {word}: wlr-randr lists no outputs"
            commands = [["wlr-randr", "--output", name, f"--{word}"] for name in names]
            return self._commands(commands, f"display {word} (wlr-randr --{word}: {', '.join(names)})", word)
        return (f"cannot switch the display {word} under Wayland: neither wlopm nor wlr-randr is installed "
                "(and this compositor may not support output power management)")

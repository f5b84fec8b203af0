"""Switches the display itself off and on (DPMS), for the screen schedule.

Best effort, like keeping the screen awake: each platform has its own switch and none is certain to
be there. X11: `xset dpms force off|on` (and `xset -dpms` again after waking, so the X server's own
timers never blank the kiosk). Wayland: `wlopm` (wlr output power management), else `wlr-randr
--output NAME --off|--on`. Windows: the SC_MONITORPOWER system command. Each call returns one line
for the log saying what was done, or why nothing could be done.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from collections.abc import Callable, Mapping

from kiosk.ops.runtime.awake import COMMAND_TIMEOUT_S, run_command

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
